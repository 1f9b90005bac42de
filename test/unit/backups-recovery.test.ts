// #16 recovery and automatic backups: a damaged database is moved aside (never
// overwritten or deleted) and the services offer the newest good backup; a
// migration, the start and the timer each take a backup.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, startServicesWithRecovery } from '../../electron/services/app-services';
import { listBackupFiles } from '../../electron/services/backups/backup-service';
import type { ExportPorts } from '../../electron/services/ports';
import { SCHEMA_VERSION } from '../../electron/services/store/migrations';
import type { RecoveryState } from '../../shared/backups-import';
import { callOk } from '../support/call-ok';
import { writeSchema6File } from '../support/schema6-file';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-recovery-'));
  dbPath = path.join(dir, 'jfp.db');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Overwrites pages in the middle of a checkpointed database file, as a failing disk would. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(size - 3 * 4096, 0xa5), 0, size - 3 * 4096, 2 * 4096);
  fs.closeSync(fd);
}

describe('recovery from a damaged database', () => {
  it('moves the damaged file aside, offers the good backup, and recovering from it opens the plans', async () => {
    const first = startServices(dbPath, { log: () => {} });
    for (let i = 0; i < 30; i++) await callOk(first, 'createPlan', { title: `Plan ${i}`, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    const backup = await callOk(first, 'createBackup', {});
    first.close();
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    damage(dbPath);
    const damagedBytes = fs.readFileSync(dbPath);

    const services = startServicesWithRecovery(dbPath, { log: () => {} });
    try {
      expect(services.recovering).toBe(true);
      const state = (await callOk(services, 'getRecoveryState', {})) as Extract<RecoveryState, { state: 'damaged' }>;
      expect(state.state).toBe('damaged');
      expect(state.message).toMatch(/Your plan database was damaged, so JFP Studio moved it aside .* without changing it\./);
      // The damaged file is still on disk, unchanged, under its new name.
      expect(fs.readFileSync(state.movedTo!).equals(damagedBytes)).toBe(true);
      expect(fs.existsSync(dbPath)).toBe(false);
      expect(state.backups.map((b) => b.name)).toEqual([backup.name]);
      // Nothing else answers until the person chooses.
      const refused = await services.dispatch('listPlans', {});
      expect(refused.ok ? null : refused.error.message).toMatch(/Choose a backup to restore, or start with an empty database, first\./);

      await callOk(services, 'recoverDatabase', { choice: 'backup', backup: backup.name });
      expect(services.recovering).toBe(false);
      expect((await callOk(services, 'listPlans', {})).length).toBe(30);
      expect(await callOk(services, 'getRecoveryState', {})).toEqual({ state: 'ok' });
      expect(fs.existsSync(state.movedTo!)).toBe(true);
    } finally {
      services.close();
    }
  });

  it('can start empty instead, still keeping the damaged file', async () => {
    const first = startServices(dbPath, { log: () => {} });
    for (let i = 0; i < 30; i++) await callOk(first, 'createPlan', { title: `Plan ${i}`, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    first.close();
    damage(dbPath);
    const services = startServicesWithRecovery(dbPath, { log: () => {} });
    try {
      const state = (await callOk(services, 'getRecoveryState', {})) as Extract<RecoveryState, { state: 'damaged' }>;
      expect(state.backups).toEqual([]);
      await callOk(services, 'recoverDatabase', { choice: 'empty' });
      expect(await callOk(services, 'listPlans', {})).toEqual([]);
      expect(fs.existsSync(state.movedTo!)).toBe(true);
    } finally {
      services.close();
    }
  });

  it('opens another file the person chooses, after refusing ones that are damaged, not databases or newer', async () => {
    const damagedStore = async () => {
      const first = startServices(dbPath, { log: () => {} });
      for (let i = 0; i < 30; i++) await callOk(first, 'createPlan', { title: `Lost plan ${i}`, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
      first.close();
      damage(dbPath);
    };
    await damagedStore();
    // Elsewhere on disk: a good plan database (as "Export all plans" writes), and files that must be refused.
    const other = path.join(dir, 'elsewhere');
    fs.mkdirSync(other);
    const good = path.join(other, 'Exported plans.db');
    const source = startServices(good, { log: () => {} });
    await callOk(source, 'createPlan', { title: 'Plan from the other file', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    await callOk(source, 'createPlan', { title: 'Second plan from it', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    source.close();
    const pdf = path.join(other, 'renamed.db');
    fs.writeFileSync(pdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
    const newer = path.join(other, 'newer.db');
    fs.copyFileSync(good, newer);
    const raised = new Database(newer);
    raised.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raised.close();
    const broken = path.join(other, 'broken.db');
    fs.copyFileSync(good, broken);
    damage(broken);
    const noTables = path.join(other, 'no-tables.db');
    const bare = new Database(noTables);
    bare.pragma('application_id = 0x4a465053');
    bare.exec('CREATE TABLE notes (text TEXT)');
    bare.close();

    let answer: string | null = null;
    const asked: string[] = [];
    const exportPorts = {
      chooseOpenPath: async (kind: string) => (asked.push(kind), answer),
    } as unknown as ExportPorts;
    const services = startServicesWithRecovery(dbPath, { log: () => {}, exportPorts });
    try {
      const state = (await callOk(services, 'getRecoveryState', {})) as Extract<RecoveryState, { state: 'damaged' }>;
      expect(state.message).toContain('open another plan database');
      const damagedBytes = fs.readFileSync(state.movedTo!);

      // Cancelling the dialog changes nothing.
      expect(await callOk(services, 'recoverDatabase', { choice: 'file' })).toEqual({ recovered: false });
      expect(asked).toEqual(['plan-database']);
      expect(services.recovering).toBe(true);

      const refusals: [string, RegExp][] = [
        [pdf, /^renamed\.db is not a JFP Studio plan database: it is not a SQLite database file\. Nothing was changed; choose another file or a backup\.$/],
        [newer, /^newer\.db was made by a newer version of JFP Studio .*Update the app to restore it\. Nothing was changed/],
        [broken, /^broken\.db is damaged/],
        [noTables, /^no-tables\.db is not a whole JFP Studio plan database: it has no plans or sections or commitments table\./],
        [state.movedTo!, /is damaged|damaged plan database itself/],
      ];
      for (const [file, sentence] of refusals) {
        const before = fs.readFileSync(file);
        answer = file;
        const refused = await services.dispatch('recoverDatabase', { choice: 'file' });
        expect(refused.ok ? 'accepted' : refused.error.message).toMatch(sentence);
        expect(services.recovering).toBe(true);
        expect(fs.existsSync(dbPath)).toBe(false);
        expect(fs.readFileSync(file).equals(before)).toBe(true);
      }

      const goodBytes = fs.readFileSync(good);
      answer = good;
      expect(await callOk(services, 'recoverDatabase', { choice: 'file' })).toEqual({ recovered: true });
      expect(services.recovering).toBe(false);
      const plans = await callOk(services, 'listPlans', {});
      expect(plans.map((p) => p.title).sort()).toEqual(['Plan from the other file', 'Second plan from it']);
      // The chosen file and the damaged one are both as they were.
      expect(fs.readFileSync(good).equals(goodBytes)).toBe(true);
      expect(fs.readFileSync(state.movedTo!).equals(damagedBytes)).toBe(true);
    } finally {
      services.close();
    }
  });

  it('brings in a chosen file from an older version, updating it on the way', async () => {
    const first = startServices(dbPath, { log: () => {} });
    first.close();
    damage(dbPath);
    const older = path.join(dir, 'last-year.db');
    writeSchema6File(older);
    const olderBytes = fs.readFileSync(older);
    const exportPorts = { chooseOpenPath: async () => older } as unknown as ExportPorts;
    const services = startServicesWithRecovery(dbPath, { log: () => {}, exportPorts });
    try {
      await callOk(services, 'recoverDatabase', { choice: 'file' });
      expect((await callOk(services, 'listPlans', {})).map((p) => p.title)).toEqual(['Joint Forward Plan 2026/27 to 2030/31']);
      expect(fs.readFileSync(older).equals(olderBytes)).toBe(true);
    } finally {
      services.close();
    }
  });

  it('opens a healthy database normally', async () => {
    const services = startServicesWithRecovery(dbPath, { log: () => {} });
    try {
      expect(services.recovering).toBe(false);
      expect(await callOk(services, 'getRecoveryState', {})).toEqual({ state: 'ok' });
    } finally {
      services.close();
    }
  });
});

describe('automatic backups', () => {
  it('backs up before a migration changes the file', async () => {
    writeSchema6File(dbPath);
    const services = startServices(dbPath, { log: () => {} });
    services.close();
    const backups = listBackupFiles(dbPath);
    expect(backups.map((b) => b.reason)).toEqual(['before-migration']);
    const db = new Database(backups[0]!.path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    db.close();
  });

  it('backs up at start and on the timer while running', async () => {
    const services = startServices(dbPath, { log: () => {}, backupSchedule: { intervalMs: 60 } });
    try {
      await callOk(services, 'createPlan', { title: 'Running plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
      for (let i = 0; i < 100 && !listBackupFiles(dbPath).some((b) => b.reason === 'scheduled'); i++) await new Promise((r) => setTimeout(r, 50));
      const reasons = listBackupFiles(dbPath).map((b) => b.reason);
      expect(reasons).toContain('start');
      expect(reasons).toContain('scheduled');
    } finally {
      services.close();
    }
  });
});
