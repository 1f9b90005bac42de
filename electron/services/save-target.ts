// Where an export or a review file may be saved: anywhere the person chooses,
// except over the plan database itself. Saving "over" it replaces the file by
// rename, so every plan in it would be gone; the command line makes that one
// mistyped --out away (jfp export 3f2a --out jfp.db).
import fs from 'node:fs';
import path from 'node:path';
import { JfpError } from '../../shared/errors';

/** The path with its symbolic links followed, as far as it exists. */
function realPath(file: string): string {
  const resolved = path.resolve(file);
  try {
    return fs.realpathSync(resolved);
  } catch {
    // Not there yet: its folder may be a link (macOS's /tmp), so follow that.
    try {
      return path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved));
    } catch {
      return resolved;
    }
  }
}

/** Two names for one file on disk (a hard link, or a case the file system ignores). */
function sameInode(a: string, b: string): boolean {
  try {
    const [first, second] = [fs.statSync(a), fs.statSync(b)];
    return first.dev === second.dev && first.ino === second.ino && first.ino !== 0;
  } catch {
    return false;
  }
}

/** Refuses a target that is the database file or one of SQLite's files beside it. */
export function refuseDatabaseTarget(databaseFile: string, target: string): void {
  if (databaseFile === ':memory:') return;
  const wanted = realPath(target);
  const database = realPath(databaseFile);
  const sameFile = [database, `${database}-wal`, `${database}-shm`, `${database}-journal`].some((file) =>
    process.platform === 'win32' || process.platform === 'darwin' ? file.toLowerCase() === wanted.toLowerCase() : file === wanted,
  );
  if (sameFile || sameInode(databaseFile, target)) {
    throw new JfpError('invalid_input', `${path.basename(target)} is the plan database itself, so nothing was saved over it. Choose another file name.`);
  }
}
