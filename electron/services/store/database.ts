// Opens the plan database: one SQLite file, WAL, foreign keys on, migrated
// forward by number. The file is checked before SQLite may write to it
// (file-check.ts): another program's file, an empty file nobody chose to
// create, or a file written by a newer version of the app is refused, never
// changed. Disk and SQLite failures become one sentence (faults.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { JfpError } from '../../../shared/errors';
import { describeFailure, storeFault } from './faults';
import { checkPlanFile, JFP_APPLICATION_ID, type PlanFile } from './file-check';
import { MIGRATIONS, READABLE_FROM, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of a better-sqlite3 addon built for the running runtime (Electron). */
  nativeBinding?: string;
  /** Open without writing anything: no migration, no journal switch. The file must be a current plan database. */
  readonly?: boolean;
  /**
   * What a path may start a new plan database in:
   * - 'missing' (the default): a file that does not exist yet;
   * - 'missing-or-empty': also an existing 0-byte (or table-less SQLite) file the user chose, as the
   *   app's own jfp.db or `jfp new --db FILE`;
   * - 'never': the file must already be a plan database (commands that read, imports).
   */
  create?: 'never' | 'missing' | 'missing-or-empty';
  /** Make the database's folder when it does not exist (default true); false refuses with a sentence instead. */
  makeFolder?: boolean;
  /** How long a write waits for another connection's write to finish, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** How long the store waits after the last call before it checkpoints (ms, default 1000; see Store.checkpointWhenIdle). */
  idleCheckpointMs?: number;
  /** Where problems that are not failures are reported (a checkpoint that failed on close); stderr by default. */
  warn?: (message: string) => void;
  // #16 backups: called with the open database just before migrations run on an existing file (a backup first).
  beforeMigration?: (db: Db, fromVersion: number) => void;
}

// #16 recovery: a file SQLite finds damaged at opening (quick_check, or a corrupt page met on the way).
// Never written to: the services move it aside and offer a backup (backups/recovery.ts).
export class DamagedDatabaseError extends JfpError {
  constructor(
    readonly file: string,
    readonly finding: string,
  ) {
    super('io_error', `The plan database ${file} is damaged (SQLite found: ${finding.slice(0, 200)}); it has not been changed.`);
  }
}

const isCorruption = (error: unknown) => /^SQLITE_(CORRUPT|NOTADB)/.test(String((error as { code?: unknown })?.code ?? ''));
// end #16

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Pages the WAL may grow to before a save checkpoints it: four times SQLite's
 * 1000, so a run of saves meets a quarter as many checkpoints, which make the
 * tail of the save times (measured side by side in the store bench,
 * docs/storage.md). The idle checkpoint keeps the WAL short between bursts.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

function refuse(db: Db | undefined, error: unknown, file: string, moment: 'opening' | 'creating' = 'opening'): never {
  try {
    db?.close();
  } catch {
    // Closing a connection that failed to open: nothing was written through it.
  }
  throw (
    storeFault(error, file, moment) ??
    new JfpError(
      'io_error',
      `The plan database ${file} could not be ${moment === 'creating' ? 'created' : 'opened'} (${describeFailure(error, file, moment)})${moment === 'creating' ? '' : '; it has not been changed'}.`,
    )
  );
}

function checkVersion(db: Db): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw newerVersion(version);
  return version;
}

const newerVersion = (version: number) =>
  new JfpError(
    'unsupported_version',
    `This plan database was written by a newer version of JFP Studio (schema ${version}; this version understands up to ${SCHEMA_VERSION}). Update the app to open it; the file has not been changed.`,
  );

const earlierVersion = (file: string) =>
  new JfpError(
    'unsupported_version',
    `The plan database ${file} was made by an earlier version of JFP Studio and must be updated before it can be read here; open it once in the app (or with a jfp command that changes it), then try again. It has not been changed.`,
  );

/** A version a reader cannot read, when the file alone tells (no -wal beside it holding later commits). */
function refuseBeforeReading(found: PlanFile, file: string): void {
  if (found.kind === 'earlier') throw earlierVersion(file);
  if (found.kind !== 'ours' || found.headerVersion === undefined || fs.existsSync(`${file}-wal`)) return;
  if (found.headerVersion > SCHEMA_VERSION) throw newerVersion(found.headerVersion);
  if (found.headerVersion < READABLE_FROM) throw earlierVersion(file);
}

/** May a new plan database start in this file? Refuses with a sentence that names it otherwise. */
function allowCreation(found: PlanFile, file: string, options: OpenOptions): void {
  const create = options.readonly ? 'never' : (options.create ?? 'missing');
  if (found.kind === 'missing') {
    if (create === 'never') throw new JfpError('not_found', `There is no plan database at ${file}; nothing was created.`);
    const folder = path.dirname(file);
    if (fs.existsSync(folder)) return;
    if (options.makeFolder === false) throw storeFault(Object.assign(new Error('no folder'), { code: 'ENOENT' }), file, 'opening')!;
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
      refuse(undefined, error, file);
    }
  } else if (found.kind === 'empty' && create !== 'missing-or-empty') {
    throw new JfpError(
      'invalid_input',
      `${file} is an empty file, not a JFP Studio plan database, so it was not opened; it has not been changed. A new plan database starts in an empty file only when you create a plan in it (jfp new --db ${file}).`,
    );
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file === ':memory:') return prepareNew(new Database(':memory:', nativeOptions(options)));
  const found = checkPlanFile(file, SCHEMA_VERSION);
  allowCreation(found, file, options);
  // Known before SQLite opens it, so a reader refuses without leaving -wal and -shm files beside it.
  if (options.readonly) refuseBeforeReading(found, file);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: found.kind !== 'missing', ...nativeOptions(options) });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    // Refuse a newer file before anything (even the journal mode) is written to it.
    const version = checkVersion(db);
    if (options.readonly) {
      if (version < READABLE_FROM) {
        throw earlierVersion(file);
      }
      db.pragma('foreign_keys = ON');
      return db;
    }
    // SQLite quietly opens a file it may not write read-only; the first save would fail. Say so now.
    if (found.kind !== 'missing') fs.accessSync(file, fs.constants.W_OK);
    if (found.kind === 'missing' || found.kind === 'empty') return prepareNew(db);
    // #16 recovery: checked before anything is written to it (journal mode, migrations).
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw new DamagedDatabaseError(file, check);
    if (options.beforeMigration && version < SCHEMA_VERSION) options.beforeMigration(db, version);
    return prepare(db);
  } catch (error) {
    // #16 recovery
    if (error instanceof DamagedDatabaseError || (found.kind !== 'missing' && found.kind !== 'empty' && isCorruption(error))) {
      try {
        db?.close();
      } catch {
        // Nothing was written through it.
      }
      throw error instanceof DamagedDatabaseError ? error : new DamagedDatabaseError(file, (error as Error).message);
    }
    refuse(db, error, file, found.kind === 'missing' || found.kind === 'empty' ? 'creating' : 'opening');
  }
}

function nativeOptions(options: OpenOptions) {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

/** A new file is marked as ours before it switches to WAL, so its own header always carries the mark. */
function prepareNew(db: Db): Db {
  db.pragma(`application_id = ${JFP_APPLICATION_ID}`);
  return prepare(db);
}

function prepare(db: Db): Db {
  db.pragma('journal_mode = WAL');
  // NORMAL, chosen from the save benchmark against FULL: see docs/storage.md.
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Runs the migrations the file has not had, each in its own immediate transaction, and marks an unmarked file as ours. */
export function migrate(db: Db): void {
  const current = checkVersion(db);
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  if (db.pragma('application_id', { simple: true }) !== JFP_APPLICATION_ID) {
    db.transaction(() => db.pragma(`application_id = ${JFP_APPLICATION_ID}`)).immediate();
    // Into the file's own header now, so the next opening recognises it without a look inside.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/**
 * Closes the connection, always, and never throws: the work is already
 * committed, so a checkpoint that fails (a full disk) is reported, not fatal;
 * what it did not copy stays in the -wal file and is applied next time.
 * The checkpoint is PASSIVE: it copies what it can without waiting, so a
 * `jfp` command closing while the app saves never waits on the app (SQLite
 * checkpoints fully, and removes the -wal file, when the last connection closes).
 */
export function closeDatabase(db: Db, file: string, log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): void {
  if (!db.open) return;
  if (!db.readonly) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      log(
        `jfp: the plan database ${file} was closed without its checkpoint; every saved change is kept in ${path.basename(file)}-wal and is applied when it is next opened (${describeFailure(error, file, 'working')}).`,
      );
    }
  }
  try {
    db.close();
  } catch (error) {
    log(`jfp: closing the plan database ${file} failed: ${describeFailure(error, file, 'working')}`);
  }
}

/** Runs `work` as one transaction that takes the write lock first, so it waits (busy_timeout) rather than failing when another connection writes. */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
