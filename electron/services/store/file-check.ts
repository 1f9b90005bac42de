// Looks at a file before SQLite may write to it, without writing a byte: other
// programs keep SQLite files too, and a mistyped --db path may name one of
// them. Only a JFP Studio database (marked by PRAGMA application_id, or made by
// an earlier version of this app before that mark existed) or a file the user
// chose to create is ever opened for writing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { JfpError } from '../../../shared/errors';
import { storeFault } from './faults';

/** "JFPS" in ASCII: the PRAGMA application_id every JFP Studio database carries (docs/storage.md). */
export const JFP_APPLICATION_ID = 0x4a465053;

/** What the file at a path is, as far as opening it is concerned. */
export type PlanFile =
  | { kind: 'missing' }
  /** 0 bytes, or a SQLite file with no tables at all: nothing in it to lose. */
  | { kind: 'empty' }
  /** `headerVersion`: user_version in the file's own header; all there is to know when no -wal file is beside it. */
  | { kind: 'ours'; headerVersion?: number }
  /** Made by a version of this app from before application_id was set: our tables, user_version 1 and up. */
  | { kind: 'earlier' };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/** Tables every plan database has had since the first migration (versions, dropped by migration 6, is not asked for); another program's file will not have them all. */
const FIRST_TABLES = ['plans', 'sections', 'section_status_log', 'commitments', 'stakeholders', 'comments', 'section_fts'];
const SECTION_COLUMNS = ['plan_id', 'parent_id', 'content', 'plain_text', 'word_count'];

const notOurs = (file: string, what: string) =>
  new JfpError(
    'invalid_input',
    `${file} is not a plan database (it is ${what}), so JFP Studio did not open it; it has not been changed. Check the path, or choose another file.`,
  );

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    const read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file with application_id 0 is looked at through a copy in a temporary
 * folder: a read-only SQLite connection to a WAL file would leave -wal and -shm
 * files beside the original, and the copy still sees what its -wal holds.
 */
function lookThroughCopy(file: string, userVersionLimit: number): PlanFile | 'foreign' {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-check-'));
  try {
    const copy = path.join(scratch, 'check.db');
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new Database(copy, { fileMustExist: true });
    try {
      const applicationId = db.pragma('application_id', { simple: true }) as number;
      const userVersion = db.pragma('user_version', { simple: true }) as number;
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
      if (applicationId === JFP_APPLICATION_ID) return { kind: 'ours' };
      if (applicationId !== 0) return 'foreign';
      if (tables.length === 0 && userVersion === 0) return { kind: 'empty' };
      if (userVersion < 1 || userVersion > userVersionLimit || !FIRST_TABLES.every((t) => tables.includes(t))) return 'foreign';
      const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('sections')").pluck().all();
      return SECTION_COLUMNS.every((c) => columns.includes(c)) ? { kind: 'earlier' } : 'foreign';
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Most unmarked files are told apart by their header alone, so another program's
 * large database is never copied: every version of this app left user_version at
 * 1 or more, so 0 (or a version this app never wrote) is not ours, and a file of
 * one page holds no tables. Only when no -wal file is beside it is the header the
 * whole truth; otherwise (and for user_version 1 and up) the copy decides.
 */
function unmarkedFromHeader(file: string, header: Buffer, schemaVersion: number): PlanFile | 'foreign' | undefined {
  if (fs.existsSync(`${file}-wal`)) return undefined;
  const userVersion = header.readUInt32BE(60);
  if (userVersion >= 1 && userVersion <= schemaVersion) return undefined;
  const pages = header.readUInt32BE(28);
  const pageCountValid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  if (userVersion === 0 && pageCountValid && pages === 1) return { kind: 'empty' };
  return 'foreign';
}

/**
 * What the file is; refuses (a JfpError naming the file and saying it was not
 * changed) anything that is not a plan database, a missing file or an empty one.
 * `schemaVersion` is the newest user_version this app knows.
 */
export function checkPlanFile(file: string, schemaVersion: number): PlanFile {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw storeFault(error, file, 'opening') ?? error;
  }
  if (stat.isDirectory()) throw notOurs(file, 'a folder');
  if (!stat.isFile()) throw notOurs(file, 'not a regular file');
  if (stat.size === 0) return { kind: 'empty' };
  let header: Buffer;
  try {
    header = readHeader(file);
  } catch (error) {
    throw storeFault(error, file, 'opening') ?? error;
  }
  if (header.length < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw notOurs(file, 'not a SQLite database');
  // The mark is set before the file first switches to WAL, so the file's own header always carries it.
  const applicationId = header.readUInt32BE(68);
  if (applicationId === JFP_APPLICATION_ID) return { kind: 'ours', headerVersion: header.readUInt32BE(60) };
  if (applicationId !== 0) throw notOurs(file, 'the database of another program');
  const fromHeader = unmarkedFromHeader(file, header, schemaVersion);
  if (fromHeader === 'foreign') throw notOurs(file, 'the database of another program');
  if (fromHeader) return fromHeader;
  let seen: PlanFile | 'foreign';
  try {
    seen = lookThroughCopy(file, schemaVersion);
  } catch (error) {
    const fault = storeFault(error, file, 'opening');
    if (fault && !/SQLITE_(CORRUPT|NOTADB)/.test((error as { code?: string }).code ?? '')) throw fault;
    throw notOurs(file, 'a damaged or unreadable SQLite file');
  }
  if (seen === 'foreign') throw notOurs(file, 'the database of another program');
  return seen;
}
