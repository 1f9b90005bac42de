// #16 backups and recovery: backups through SQLite's online backup API, their
// rotation, the Backups screen's list, restore (reversible, refused for a
// newer or damaged backup and while an export runs), and "Export all plans".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { backupFolder, backupName, backupsToRemove, listBackupFiles, type BackupEntry } from '../../electron/services/backups/backup-service';
import { liveStore } from '../../electron/services/backups/live-store';
import type { ExportPorts } from '../../electron/services/ports';
import { SCHEMA_VERSION } from '../../electron/services/store/migrations';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk, refusalOf } from '../support/call-ok';

let dir: string;
let dbPath: string;
let app: AppServices;
let saveTo: string | null;
let openFrom: string | null = null;

const ports: ExportPorts = {
  chooseSavePath: async () => saveTo,
  chooseOpenPath: async () => openFrom,
  openPath: async () => undefined,
  showInFolder: () => undefined,
};

const call = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(app, method, input);
const refusal = <M extends MethodName>(method: M, input: MethodInput<M>) => refusalOf(app, method, input);

const newPlan = (title: string) => call('createPlan', { title, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-backups-'));
  dbPath = path.join(dir, 'jfp.db');
  app = startServices(dbPath, { exportPorts: ports, log: () => {} });
  saveTo = null;
  openFrom = null;
});

afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('backs up into the backups folder with the online backup API and lists each backup with its plans', async () => {
    await newPlan('Joint Forward Plan 2026');
    // Saved work still in the -wal file is in the backup (a copy of jfp.db alone would miss it).
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(true);
    const made = await call('createBackup', {});
    expect(path.dirname(made.path)).toBe(backupFolder(dbPath));
    expect(made.name).toMatch(/^jfp-\d{4}-\d{2}-\d{2}T.*-manual\.db$/);
    expect(integrity(made.path)).toBe('ok');
    // One self-contained file: nothing beside it, no temporary name left.
    expect(fs.readdirSync(backupFolder(dbPath))).toEqual([made.name]);
    const listed = await call('listBackups', {});
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: made.name, reasonLabel: 'Backed up on request', problem: null, bytes: fs.statSync(made.path).size });
    expect(listed[0]!.plans!.map((p) => p.title)).toEqual(['Joint Forward Plan 2026']);
  });

  it('does not list a half-written backup', async () => {
    fs.mkdirSync(backupFolder(dbPath), { recursive: true });
    fs.writeFileSync(path.join(backupFolder(dbPath), `.partial-${backupName(new Date(), 'scheduled')}`), 'half');
    expect(await call('listBackups', {})).toEqual([]);
  });

  it('keeps the newest 10 and the newest of each of the last 7 days', () => {
    const now = new Date('2027-01-20T12:00:00.000Z');
    const entry = (iso: string): BackupEntry => ({
      name: backupName(new Date(iso), 'scheduled'),
      path: '',
      reason: 'scheduled',
      reasonLabel: '',
      createdAt: iso,
      bytes: 1,
    });
    const today = Array.from({ length: 12 }, (_, i) => entry(`2027-01-20T${String(i).padStart(2, '0')}:00:00.000Z`));
    const earlier = ['2027-01-18T09:00:00.000Z', '2027-01-18T17:00:00.000Z', '2027-01-15T09:00:00.000Z', '2027-01-10T09:00:00.000Z'].map(entry);
    const removed = backupsToRemove([...today, ...earlier], now).map((e) => e.createdAt);
    expect(removed.sort()).toEqual(['2027-01-10T09:00:00.000Z', '2027-01-18T09:00:00.000Z', '2027-01-20T00:00:00.000Z', '2027-01-20T01:00:00.000Z']);
  });

  it('rotates the backups folder as backups are taken', async () => {
    for (let i = 0; i < 13; i++) await call('createBackup', {});
    expect(listBackupFiles(dbPath)).toHaveLength(10);
  });

  it('takes a backup that opens and passes integrity_check while another process saves', async () => {
    const plan = await newPlan('Busy plan');
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(dbPath)});
      db.pragma('busy_timeout = 5000');
      const update = db.prepare('UPDATE plans SET title = ?, revision = revision + 1 WHERE id = ?');
      const note = db.prepare("INSERT INTO plan_events (id, plan_id, at, kind, actor, summary, detail) VALUES (?, ?, datetime('now'), 'plan_updated', 'load', ?, '{}')");
      let i = 0;
      process.stdout.write('ready\\n');
      for (;;) { db.transaction(() => { update.run('Busy plan ' + i, ${JSON.stringify(plan.id)}); note.run('e' + i + '-' + Math.random(), ${JSON.stringify(plan.id)}, 'x'.repeat(2000)); })(); i++; }
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const backups = [];
      for (let i = 0; i < 3; i++) backups.push(await call('createBackup', {}));
      for (const backup of backups) {
        expect(integrity(backup.path)).toBe('ok');
        const db = new Database(backup.path, { readonly: true });
        expect(db.prepare<[], { title: string }>('SELECT title FROM plans').get()!.title).toMatch(/^Busy plan/);
        db.close();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('restores a backup after backing up the current plans, so the restore can itself be undone', async () => {
    await newPlan('Before');
    const backup = await call('createBackup', {});
    await newPlan('After');
    const restored = await call('restoreBackup', { backup: backup.name });
    expect(restored.plans.map((p) => p.title)).toEqual(['Before']);
    expect((await call('listPlans', {})).map((p) => p.title)).toEqual(['Before']);
    // The safety backup holds both plans; restoring it undoes the restore.
    expect(restored.safetyBackup).toMatch(/-before-restore\.db$/);
    await call('restoreBackup', { backup: restored.safetyBackup });
    expect((await call('listPlans', {})).map((p) => p.title).sort()).toEqual(['After', 'Before']);
    // The app's connection goes on saving into the restored database.
    await newPlan('Later');
    expect(integrity(dbPath)).toBe('ok');
  });

  it('restores by closing the connection, replacing the file and reopening: later saves land in the restored file, seen by another process', async () => {
    await newPlan('Before');
    const backup = await call('createBackup', {});
    await newPlan('After');
    // Another process holds its own connection to the file across the restore (the jfp command line, say).
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(dbPath)}, { readonly: true });
      const titles = db.prepare('SELECT title FROM plans ORDER BY title').pluck();
      require('node:readline').createInterface({ input: process.stdin }).on('line', () => process.stdout.write(JSON.stringify(titles.all()) + '\\n'));
      process.stdout.write('ready\\n');
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let waiting: ((line: string) => void) | null = null;
    child.stdout.setEncoding('utf8');
    let buffered = '';
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        if (waiting) {
          waiting(line);
          waiting = null;
        } else lines.push(line);
      }
    });
    const next = () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise<string>((resolve) => (waiting = resolve)));
    const otherProcessSees = async () => {
      child.stdin.write('read\n');
      return JSON.parse(await next()) as string[];
    };
    try {
      expect(await next()).toBe('ready');
      expect(await otherProcessSees()).toEqual(['After', 'Before']);
      const oldConnection = app.store.db;
      await call('restoreBackup', { backup: backup.name });
      // The connection to the replaced file was closed, not reused: the services run on a new one.
      expect(oldConnection.open).toBe(false);
      expect(app.store.db).not.toBe(oldConnection);
      expect(app.store.db.open).toBe(true);
      expect(await otherProcessSees()).toEqual(['Before']);
      await newPlan('Later');
      expect(await otherProcessSees()).toEqual(['Before', 'Later']);
    } finally {
      child.kill('SIGKILL');
    }
    // And in the file itself, once the app has closed it.
    app.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT title FROM plans ORDER BY title').pluck().all()).toEqual(['Before', 'Later']);
    db.close();
    expect(integrity(dbPath)).toBe('ok');
    app = startServices(dbPath, { exportPorts: ports, log: () => {} });
  });

  it('answers calls made while the store is being replaced from the new store, not the closed one', async () => {
    await newPlan('Kept');
    const live = liveStore(app.store)!;
    let release = () => {};
    const replacing = live.reopen(() => new Promise<void>((resolve) => (release = resolve)));
    const listing = call('listPlans', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await replacing;
    expect((await listing).map((p) => p.title)).toEqual(['Kept']);
  });

  it('does not take a start backup again when it reopens after a restore', async () => {
    app.close();
    app = startServices(dbPath, { exportPorts: ports, log: () => {}, backupSchedule: { intervalMs: 3_600_000 } });
    await newPlan('Before');
    for (let i = 0; i < 100 && listBackupFiles(dbPath).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const backup = await call('createBackup', {});
    await call('restoreBackup', { backup: backup.name });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      listBackupFiles(dbPath)
        .map((b) => b.reason)
        .sort(),
    ).toEqual(['before-restore', 'manual', 'start']);
  });

  it('refuses a backup from a newer schema, and a damaged one, changing nothing', async () => {
    await newPlan('Current');
    const good = await call('createBackup', {});
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good.path, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(await refusal('restoreBackup', { backup: newer })).toMatch(/made by a newer version of JFP Studio .* Nothing was restored and your plans are unchanged\./);

    const damaged = path.join(dir, 'damaged.db');
    const bytes = fs.readFileSync(good.path);
    // Overwrite pages in the middle of the file (page 1, the header, stays readable).
    bytes.fill(0x5a, 4096, bytes.length - 4096 > 4096 ? bytes.length - 4096 : bytes.length);
    fs.writeFileSync(damaged, bytes);
    expect(await refusal('restoreBackup', { backup: damaged })).toMatch(/damaged.*Nothing was restored/);
    expect((await call('listPlans', {})).map((p) => p.title)).toEqual(['Current']);
    // No safety backup was needed: nothing was touched.
    expect(listBackupFiles(dbPath).map((b) => b.reason)).toEqual(['manual']);
  });

  it('refuses to restore while an export is being written', async () => {
    const plan = await newPlan('Exported');
    const backup = await call('createBackup', {});
    saveTo = path.join(dir, 'plan.docx');
    const { jobId } = await call('startExport', { planId: plan.id, format: 'docx' });
    expect(jobId).not.toBeNull();
    expect((await call('exportStatus', { jobId: jobId! })).state).toBe('running');
    expect(await refusal('restoreBackup', { backup: backup.name })).toBe(
      'An export is still being written from your plans. Wait for it to finish, then restore the backup; nothing was changed.',
    );
    for (let i = 0; i < 600 && (await call('exportStatus', { jobId: jobId! })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    await call('restoreBackup', { backup: backup.name });
  });

  it('backs up before importing a review pack, returned comments and commitments, each backup named for its import and listed', async () => {
    const plan = await newPlan('Author plan');
    const section = await call('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
    const asha = await call('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
    saveTo = path.join(dir, 'for Asha.jfpreview');
    await call('sendForReview', { planId: plan.id, stakeholderId: asha.id });

    // The reviewer's own app, on its own database, opens the pack: a backup of the reviewer's plans first.
    const reviewerDb = path.join(dir, 'reviewer', 'jfp.db');
    openFrom = saveTo;
    const reviewer = startServices(reviewerDb, { exportPorts: ports, log: () => {} });
    try {
      const copy = (await callOk(reviewer, 'openReviewPack', {})).plan!;
      expect(listBackupFiles(reviewerDb).map((b) => [b.reason, b.reasonLabel])).toEqual([['before-review-pack', 'Before opening a review pack']]);
      const before = new Database(listBackupFiles(reviewerDb)[0]!.path, { readonly: true });
      expect(before.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(0);
      before.close();
      await callOk(reviewer, 'createThread', {
        planId: copy.id,
        sectionId: section.id,
        stakeholderId: copy.reviewCopy!.localStakeholderId,
        body: 'Is 2028 realistic?',
        quote: '',
      });
      saveTo = path.join(dir, 'from Asha.jfpcomments');
      await callOk(reviewer, 'returnComments', { planId: copy.id });
    } finally {
      reviewer.close();
    }

    // Back in the author's app: the comments come in after a backup without them.
    openFrom = saveTo;
    const imported = await call('importComments', { planId: plan.id });
    expect(imported.imported).not.toBeNull();
    const commentsBackup = listBackupFiles(dbPath).find((b) => b.reason === 'before-comments-import')!;
    expect(commentsBackup.reasonLabel).toBe('Before importing comments');
    const threadsIn = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare("SELECT count(*) FROM comments WHERE body = 'Is 2028 realistic?'").pluck().get();
      } finally {
        db.close();
      }
    };
    expect(threadsIn(commentsBackup.path)).toBe(0);
    expect(threadsIn(dbPath)).toBe(1);

    // Commitments from Excel: the same, before the rows are saved.
    await call('addCommitment', { planId: plan.id, fields: { commitment: 'Virtual wards' } });
    saveTo = path.join(dir, 'commitments.xlsx');
    await call('exportCommitments', { planId: plan.id, format: 'xlsx' });
    openFrom = saveTo;
    const preview = (await call('previewCommitmentImport', { planId: plan.id }))!;
    await call('confirmCommitmentImport', { importId: preview.importId, mapping: preview.mapping });
    const listed = await call('listBackups', {});
    expect(listed.map((b) => b.reasonLabel)).toEqual(['Before importing commitments from Excel', 'Before importing comments']);
    expect(listed[0]!.plans!.map((p) => p.title)).toEqual(['Author plan']);
  });

  it('exports all plans to one file that a fresh install opens', async () => {
    await newPlan('Plan A');
    await newPlan('Plan B');
    saveTo = path.join(dir, 'elsewhere', 'all plans.db');
    fs.mkdirSync(path.dirname(saveTo));
    expect(await call('exportAllPlans', {})).toEqual({ fileName: 'all plans.db' });
    const fresh = startServices(saveTo, { log: () => {}, create: 'never' });
    try {
      const outcome = await fresh.dispatch('listPlans', {});
      expect(outcome.ok && (outcome.value as { title: string }[]).map((p) => p.title).sort()).toEqual(['Plan A', 'Plan B']);
    } finally {
      fresh.close();
    }
  });
});
