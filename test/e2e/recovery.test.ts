// #16 in Chromium: a damaged plan database leads to the recovery screen, which
// says where the damaged file was kept and offers the backups; restoring the
// newest good backup shows the plans, and the damaged file is still on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database with plans and one backup, then pages in the middle overwritten, as a failing disk would. */
async function damagedDatabaseWithBackup(titles: string[]): Promise<string> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-e2e-recovery-'));
  const dbPath = path.join(dir, 'jfp.db');
  const services = startServices(dbPath, { log: () => {} });
  for (const title of titles) {
    const created = await services.dispatch('createPlan', { title, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    if (!created.ok) throw new Error(created.error.message);
  }
  const backup = await services.dispatch('createBackup', {});
  if (!backup.ok) throw new Error(backup.error.message);
  services.close();
  const size = fs.statSync(dbPath).size;
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(size - 3 * 4096, 0xa5), 0, size - 3 * 4096, 2 * 4096);
  fs.closeSync(fd);
  return dbPath;
}

describe('recovering from a damaged database in the app', () => {
  it('shows what happened, restores the newest backup and then shows the plans', async () => {
    const titles = Array.from({ length: 30 }, (_, i) => `Plan ${i + 1}`);
    const dbPath = await damagedDatabaseWithBackup(titles);
    const damagedBytes = fs.readFileSync(dbPath);
    app = await launchApp({ dbPath });
    const { page } = app;

    await page.getByRole('heading', { name: 'Your plan database was damaged' }).waitFor();
    const kept = fs.readdirSync(dir!).find((name) => name.startsWith('jfp.db.damaged-') && !name.endsWith('-wal') && !name.endsWith('-shm'));
    expect(kept).toBeDefined();
    const keptPath = path.join(dir!, kept!);
    expect(await page.getByText('The damaged file is kept at').textContent()).toContain(keptPath);
    expect(await page.getByRole('button', { name: 'Start with an empty database' }).isVisible()).toBe(true);
    const newest = await page.getByText(/^Taken .* Plans in it:/).textContent();
    expect(newest).toContain('Plan 1,');
    expect(newest).toContain('Plan 30');

    expect(await app.checkA11y()).toEqual([]);

    await page.getByRole('button', { name: 'Restore the newest backup' }).click();
    await page.getByRole('heading', { name: 'Your plans' }).waitFor();
    await page.getByRole('link', { name: 'Plan 30', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /^Plan \d+$/ }).count()).toBe(30);
    // The damaged file is still on disk, unchanged.
    expect(fs.readFileSync(keptPath).equals(damagedBytes)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens another file, refusing one that is not a plan database with a sentence', async () => {
    const dbPath = await damagedDatabaseWithBackup(['Damaged plan']);
    const good = path.join(dir!, 'From another computer.db');
    const source = startServices(good, { log: () => {} });
    for (const title of ['Plan from the other file', 'Its second plan']) {
      const created = await source.dispatch('createPlan', { title, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
      if (!created.ok) throw new Error(created.error.message);
    }
    source.close();
    const notADatabase = path.join(dir!, 'Minutes.db');
    fs.writeFileSync(notADatabase, '%PDF-1.7\nnot a database\n');
    app = await launchApp({ dbPath });
    const { page } = app;

    await page.getByRole('heading', { name: 'Your plan database was damaged' }).waitFor();
    app.answerOpenDialog(notADatabase);
    await page.getByRole('button', { name: 'Open another file…' }).click();
    await page.getByRole('alert').getByText('Minutes.db is not a JFP Studio plan database: it is not a SQLite database file.').waitFor();
    expect(await page.getByRole('heading', { name: 'Your plan database was damaged' }).isVisible()).toBe(true);
    expect(await app.checkA11y()).toEqual([]);

    app.answerOpenDialog(good);
    await page.getByRole('button', { name: 'Open another file…' }).click();
    await page.getByRole('heading', { name: 'Your plans' }).waitFor();
    await page.getByRole('link', { name: 'Plan from the other file', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Its second plan', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Damaged plan', exact: true }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('can start with an empty database instead', async () => {
    const dbPath = await damagedDatabaseWithBackup(['Only plan']);
    app = await launchApp({ dbPath });
    await app.page.getByRole('button', { name: 'Start with an empty database' }).click();
    // Asked first: the confirmation says the backups are kept and names the newest one.
    const confirm = app.page.getByRole('alertdialog', { name: 'Start with an empty database?' });
    expect(await confirm.textContent()).toMatch(/The damaged file and your backups are kept; the newest good backup is from /);
    await confirm.getByRole('button', { name: 'Start with no plans' }).click();
    await app.page.getByRole('heading', { name: 'Your plans' }).waitFor();
    expect(await app.call('listPlans', {})).toEqual([]);
  });
});
