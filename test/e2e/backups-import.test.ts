// #16 in Chromium: importing a Word plan from the Import screen opens the new
// plan; the Backups screen lists a backup with its plans and restores it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

const PANDOC = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'pandoc')));
let app: RunningApp;

beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

describe('backups and Word import in the app', () => {
  it('imports a Word plan: preview of sections and template matches, then the plan opens', async (context) => {
    if (!PANDOC) context.skip('needs pandoc: no pandoc on the PATH');
    const md = path.join(app.exportDir, 'plan.md');
    fs.writeFileSync(md, '# Foreword\n\nOpening words.\n\n# Our own chapter\n\n- A point\n');
    const docx = path.join(app.exportDir, 'Old plan.docx');
    execFileSync('pandoc', [md, '-o', docx]);
    await app.open('#/import-word');
    app.answerOpenDialog(docx);
    await app.page.getByRole('button', { name: 'Choose a Word document…' }).click();
    const row = app.page.getByRole('row', { name: /Foreword/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Foreword');
    expect(await app.page.getByRole('row', { name: /Our own chapter/ }).textContent()).toContain('None (a plain section)');
    // The document does not name the ICB and there is no organisation in the profile: asked for, never a placeholder.
    const icb = app.page.getByRole('textbox', { name: 'ICB name' });
    expect(await icb.inputValue()).toBe('');
    expect(await app.page.locator('#import-icb-source').textContent()).toMatch(/^The document does not name the ICB: enter it/);
    await app.page.getByRole('button', { name: 'Import', exact: true }).click();
    await app.page.getByRole('status').filter({ hasText: 'Enter the ICB’s name: the document does not give it.' }).waitFor();
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('import-icb-name');
    expect(await app.call('listPlans', {})).toEqual([]);
    await icb.fill('NHS Northshire Integrated Care Board');
    await app.page.getByRole('button', { name: 'Import', exact: true }).click();
    await app.page.waitForFunction(() => window.location.hash.startsWith('#/plan/'));
    const plans = await app.call('listPlans', {});
    expect(plans.map((p) => [p.title, p.icbName])).toContainEqual(['Old plan', 'NHS Northshire Integrated Care Board']);
  });

  it('lists a backup with its plans and restores it after a confirmation', async () => {
    await app.call('createPlan', { title: 'Kept plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    await app.call('createBackup', {});
    await app.call('createPlan', { title: 'Later plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    await app.open('#/backups');
    const row = app.page.getByRole('row', { name: /Backed up on request/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Kept plan');
    // The columns, the last one (the row's Restore button) named for screen readers only.
    expect(await app.page.getByRole('columnheader').allTextContents()).toEqual(['Taken', 'Reason', 'Size', 'Plans in it', 'Actions']);
    // Styled as the other list tables: headings over their columns, not centred with no padding.
    const taken = app.page.getByRole('columnheader', { name: 'Taken' });
    expect(await taken.evaluate((el) => [getComputedStyle(el).textAlign, getComputedStyle(el).paddingLeft])).toEqual(['left', '8px']);
    const { page } = app;
    const restoreButton = row.getByRole('button', { name: /^Restore/ });
    // What has focus: its text and whether it is inside the confirmation.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { text: el?.textContent ?? '', inDialog: !!el?.closest('[role="alertdialog"]') };
      });

    // The confirmation is an alertdialog named by its question and described by what happens; focus starts on Cancel.
    await restoreButton.click();
    const dialog = page.getByRole('alertdialog', { name: /^Restore the backup from .+\?$/ });
    await dialog.waitFor();
    const description = await dialog.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(description).toContain('Your plans as they are now are backed up first, so you can undo this.');
    expect(await focused()).toEqual({ text: 'Cancel', inDialog: true });
    expect(await app.checkA11y()).toEqual([]);

    // Tab and Shift+Tab stay on the dialog's two buttons, round and round.
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Restore this backup', inDialog: true });
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Cancel', inDialog: true });
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toEqual({ text: 'Restore this backup', inDialog: true });

    // Esc cancels: nothing is restored and focus is back on the Restore button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused()).text).toMatch(/^Restore the backup from /);
    expect((await app.call('listPlans', {})).map((p) => p.title)).toContain('Later plan');

    // Cancel by its button does the same.
    await restoreButton.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await focused()).text).toMatch(/^Restore the backup from /);

    await restoreButton.click();
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await app.page.waitForFunction(() => window.location.hash === '#/' || window.location.hash === '');
    const titles = (await app.call('listPlans', {})).map((p) => p.title);
    expect(titles).toContain('Kept plan');
    expect(titles).not.toContain('Later plan');
  });
});
