// Opens the plan database: one SQLite file, WAL, foreign keys on, migrated
// forward by number. A file written by a newer version of the app is refused,
// never migrated down or overwritten.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { JfpError } from '../../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of a better-sqlite3 addon built for the running runtime (Electron). */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new JfpError('io_error', `The plan database at ${file} could not be opened: ${(error as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Refuse a newer file before anything (even the journal mode) is written to it.
    checkVersion(db);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof JfpError) throw error;
    throw new JfpError('io_error', `The file at ${file} is not a plan database this app can open: ${(error as Error).message}`);
  }
}

function checkVersion(db: Db): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new JfpError(
      'unsupported_version',
      `This plan database was written by a newer version of JFP Studio (schema ${version}; this version understands up to ${SCHEMA_VERSION}). Update the app to open it; the file has not been changed.`,
    );
  }
  return version;
}

export function migrate(db: Db): void {
  const current = checkVersion(db);
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const step = db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    });
    step.immediate();
  }
}
