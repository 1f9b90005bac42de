// #16 backups: the SQL side of backing up and restoring the plan database.
// A backup is made with SQLite's online backup API (better-sqlite3's
// db.backup), never by copying jfp.db: a copy of the file misses what is still
// in jfp.db-wal, and a copy taken mid-write may be torn. The backup is written
// under a temporary name and renamed when complete, so a half-written backup
// is never listed, and switched to an ordinary (rollback-journal) file so it
// is one self-contained file that any copy of the app can open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { JFP_APPLICATION_ID } from './file-check';
import { SCHEMA_VERSION } from './migrations';

/** Pages copied in each step after the first: large enough that one step copies the rest, so a writer in another process cannot make it start over for ever. */
const PAGES_PER_STEP = 1_000_000;

/** The temporary name a backup is written under until it is complete. */
export const partialName = (target: string) => path.join(path.dirname(target), `.partial-${path.basename(target)}`);

function finishBackupFile(temp: string, target: string, nativeBinding?: string): void {
  const copy = new Database(temp, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fs.renameSync(temp, target);
}

/** Backs up the open database `db` to `target` with SQLite's online backup; saves may continue meanwhile. */
export async function writeBackup({ db }: { db: Db }, target: string, nativeBinding?: string): Promise<number> {
  const temp = partialName(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(temp, { force: true });
  try {
    await db.backup(temp, { progress: () => PAGES_PER_STEP });
    finishBackupFile(temp, target, nativeBinding);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
    throw error;
  }
  return fs.statSync(target).size;
}

/**
 * The same, at once (no event-loop steps): for the moment just before a
 * migration, when the database is being opened and nothing else runs yet.
 * VACUUM INTO reads one consistent snapshot through SQLite, like the backup
 * API, and writes a compact rollback-journal file.
 */
export function writeBackupNow(db: Db, target: string): number {
  const temp = partialName(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(temp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return fs.statSync(target).size;
}

/** Tables every plan database has had since the first migration. */
const PLAN_TABLES = ['plans', 'sections', 'commitments'];
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the file starts with SQLite's 16-byte header (a renamed PDF or Word file does not). */
function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

export interface BackupContents {
  schemaVersion: number;
  plans: { id: string; title: string }[];
}

export type InspectedBackup = { ok: true; contents: BackupContents } | { ok: false; reason: string };

/**
 * Opens a backup read-only and says whether it can be restored: ours, not
 * from a newer version of the app, and passing quick_check. Never writes to it
 * (a rollback-journal file opened read-only leaves nothing beside it).
 */
export function inspectBackup(file: string, nativeBinding?: string, what: 'backup' | 'plan database' = 'backup'): InspectedBackup {
  const name = path.basename(file);
  let db: Database.Database | undefined;
  try {
    if (!hasSqliteHeader(file)) return { ok: false, reason: `${name} is not a JFP Studio ${what}: it is not a SQLite database file.` };
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== JFP_APPLICATION_ID) return { ok: false, reason: `${name} is not a JFP Studio ${what}.` };
    if (version > SCHEMA_VERSION) {
      return {
        ok: false,
        reason: `${name} was made by a newer version of JFP Studio (schema ${version}; this version understands up to ${SCHEMA_VERSION}). Update the app to restore it.`,
      };
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: `${name} is damaged (SQLite's check found: ${String(check).slice(0, 120)}).` };
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => t.name),
    );
    const missing = PLAN_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) return { ok: false, reason: `${name} is not a whole JFP Studio ${what}: it has no ${missing.join(' or ')} table.` };
    const plans = db.prepare<[], { id: string; title: string }>('SELECT id, title FROM plans ORDER BY title').all();
    return { ok: true, contents: { schemaVersion: version, plans } };
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return { ok: false, reason: `${name} is damaged or is not a database.` };
    return { ok: false, reason: `${name} could not be read (${(error as Error).message}).` };
  } finally {
    db?.close();
  }
}

/** What quick_check says of an open database: 'ok' or the first problem. */
export function quickCheck(db: Db): string {
  return String(db.pragma('quick_check', { simple: true }));
}

/**
 * Replaces the whole content of the plan database file with the backup's,
 * through the backup API in the other direction (from the backup into the
 * file, in one step, under SQLite's locks and through its WAL). The services
 * close their own connection first and open a new one after (live-store.ts).
 * Call only after inspectBackup.
 */
export async function restoreFrom(source: string, liveFile: string, nativeBinding?: string): Promise<void> {
  const from = new Database(source, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    await from.backup(liveFile, { progress: () => PAGES_PER_STEP });
  } catch (error) {
    throw new JfpError('io_error', `The backup could not be restored (${(error as Error).message}); a copy of the plans as they were is in the backups folder.`);
  } finally {
    from.close();
  }
}
