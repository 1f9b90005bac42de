// Saving an export without ever leaving a half-written file: the bytes go to a
// temporary file in the same folder, are flushed to disk, and then renamed over
// the target in one step. If anything fails, the temporary file is removed and
// whatever was at the target before is untouched. Failures become one sentence
// a person can act on (JfpError 'io_error').
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { JfpError } from '../../../shared/errors';

/** The file operations used, replaceable in tests to make a step fail. */
export interface AtomicWriteIo {
  open: typeof fsPromises.open;
  rename: typeof fsPromises.rename;
  unlink: typeof fsPromises.unlink;
  stat: typeof fsPromises.stat;
}

const NODE_IO: AtomicWriteIo = { open: fsPromises.open, rename: fsPromises.rename, unlink: fsPromises.unlink, stat: fsPromises.stat };

export function ioErrorSentence(error: unknown, target: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const folder = path.dirname(target);
  const name = path.basename(target);
  switch (code) {
    case 'ENOENT':
      return fs.existsSync(folder)
        ? `${name} cannot be created in ${folder}. Choose another folder to save it in.`
        : `The folder ${folder} does not exist. Choose another folder to save ${name} in.`;
    case 'ENOTDIR':
      return `${folder} is not a folder. Choose a folder to save ${name} in.`;
    case 'EACCES':
    case 'EPERM':
      return `JFP Studio is not allowed to write ${name} in ${folder}. Choose another folder, or close ${name} if it is open in another program.`;
    case 'EROFS':
      return `The folder ${folder} is read-only. Choose another folder to save ${name} in.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `There is not enough disk space to save ${name} in ${folder}. Free some space or choose another drive.`;
    case 'EISDIR':
      return `${target} is a folder, not a file. Choose a file name to save the export as.`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${name} is open in another program (such as Word). Close it and try again.`;
    case 'ENAMETOOLONG':
      return `The file name ${name} is too long. Choose a shorter name.`;
    default:
      return `${name} could not be saved in ${folder}${(error as Error)?.message ? `: ${(error as Error).message}` : ''}.`;
  }
}

/** Writes the file so that it is either entirely the new content or still the old one. */
export async function writeFileAtomic(target: string, content: Uint8Array | string, io: AtomicWriteIo = NODE_IO): Promise<void> {
  const resolved = path.resolve(target);
  const folder = path.dirname(resolved);
  try {
    const stat = await io.stat(resolved).catch(() => null);
    if (stat?.isDirectory()) throw Object.assign(new Error('target is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new JfpError('io_error', ioErrorSentence(error, resolved));
  }
  const temporary = path.join(folder, `.${path.basename(resolved)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await io.open(temporary, 'wx', 0o644);
    created = true;
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temporary, resolved);
    created = false;
  } catch (error) {
    if (created) await io.unlink(temporary).catch(() => undefined);
    throw new JfpError('io_error', ioErrorSentence(error, resolved));
  }
  await syncFolder(folder, io);
}

/** Makes the rename itself durable where the platform allows (not on Windows). */
async function syncFolder(folder: string, io: AtomicWriteIo): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await io.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is already in place; a folder that cannot be synced is not a failed save.
  }
}
