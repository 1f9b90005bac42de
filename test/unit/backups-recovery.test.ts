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
