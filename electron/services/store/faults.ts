// What went wrong with the plan database file, said once: every failure of the
// disk or of SQLite (on opening, saving or closing) goes through storeFault, so
// the app, the CLI and the logs name the same fault with the same sentence:
// what is wrong, what that meant for the user's work, and what to do.
import fs from 'node:fs';
import path from 'node:path';
import { JfpError } from '../../../shared/errors';

/**
 * Opening: an existing file was inspected or opened. Creating: a new database was being
 * started in a missing or empty file. Working: a call was running on an open database.
 */
export type FaultMoment = 'opening' | 'creating' | 'working';

export type FaultKind = 'disk_full' | 'read_only_file' | 'read_only_folder' | 'read_only' | 'folder_missing' | 'under_a_file' | 'locked' | 'damaged' | 'disk_error';

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

const writable = (target: string): boolean => {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** The nearest part of the path that exists as a regular file, when one stands where a folder should be. */
function fileInThePath(file: string): string | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      if (fs.statSync(dir).isFile()) return dir;
    } catch {
      // Missing or unreachable: keep looking nearer the root.
    }
  }
  return undefined;
}

/** Which fault an error is, looking at the file system where the error code alone does not say. */
export function classifyFault(error: unknown, file: string): FaultKind | undefined {
  const code = codeOf(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'EBUSY') return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code === 'ENOTDIR') return 'under_a_file';
  const readOnly = code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
  const unexplained = code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'ENOENT' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH';
  // better-sqlite3 refuses a missing folder itself, with a TypeError and no code.
  const missingFolder = error instanceof TypeError && /directory does not exist/.test(error.message);
  if (!readOnly && !unexplained && !missingFolder) return undefined;
  if (fileInThePath(file)) return 'under_a_file';
  const folder = path.dirname(file);
  if (!fs.existsSync(folder)) return 'folder_missing';
  if (readOnly || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code.startsWith('SQLITE_CANTOPEN')) {
    if (fs.existsSync(file) && !writable(file)) return 'read_only_file';
    if (!writable(folder)) return 'read_only_folder';
    if (readOnly) return 'read_only';
  }
  if (code === 'ENOENT') return 'folder_missing';
  return 'disk_error';
}

function sentence(kind: FaultKind, file: string, moment: FaultMoment): string {
  const folder = path.dirname(file);
  const notChanged = {
    opening: 'so it could not be opened; it has not been changed',
    creating: 'so the new plan database could not be made there; no plan was added',
    working: 'so this change was not saved',
  }[moment];
  switch (kind) {
    case 'disk_full':
      return `The disk holding the plan database ${file} is full, ${notChanged}. Free some space on that disk, then try again.`;
    case 'read_only_file':
      return `The plan database ${file} is read-only, ${notChanged}. Allow writing to the file (it may be marked read-only or belong to another user), then try again.`;
    case 'read_only_folder':
      return `The folder ${folder} is read-only, and the plan database needs to keep its working files (${path.basename(file)}-wal and -shm) beside it, ${notChanged}. Allow writing to the folder, or move the database to a folder you can write to.`;
    case 'read_only':
      return `The plan database ${file} may not be written (it may be on a read-only drive), ${notChanged}. Move it to a drive you can write to, then try again.`;
    case 'folder_missing':
      return `The folder ${folder} does not exist, so the plan database ${file} could not be opened or created; nothing was changed. Create the folder or choose another place for the database.`;
    case 'under_a_file':
      return `${fileInThePath(file) ?? folder} is a file, not a folder, so there can be no plan database at ${file}; nothing was changed. Choose a path inside a folder.`;
    case 'locked':
      return `The plan database ${file} is locked by another program, ${notChanged}. Wait for that program to finish or close it, then try again.`;
    case 'damaged':
      return `The plan database ${file} is damaged, ${moment === 'working' ? 'so this could not be done; nothing was saved' : notChanged}. Restore it from a copy made while the app was closed.`;
    case 'disk_error':
      return `The plan database ${file} could not be read or written (a disk error), ${notChanged}. Check that the drive is still connected and working, then try again.`;
  }
}

/** The fault as the JfpError that crosses the bridge, or undefined when the error is not one of the disk or SQLite. */
export function storeFault(error: unknown, file: string, moment: FaultMoment): JfpError | undefined {
  if (error instanceof JfpError) return error;
  const kind = classifyFault(error, path.resolve(file));
  return kind ? new JfpError('io_error', sentence(kind, path.resolve(file), moment)) : undefined;
}

/** The fault's sentence, or the error's own first line, for logs that must say something. */
export function describeFailure(error: unknown, file: string, moment: FaultMoment): string {
  return storeFault(error, file, moment)?.message ?? (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
