// #16 backups: which exports are being written from a plan database, whatever
// process runs them (the app, the `jfp` command line, another copy of the
// app). A restore replaces the database under an export's own connection, so
// it must see them all, not just its own session's.
//
// Each running export holds a small lock file in `<database>-exports/`, named
// by process id and job, written when the job starts and removed when it ends
// (or when its process exits). While the job runs its process touches the file
// every few seconds (the heartbeat). A lock whose process is gone, or whose
// heartbeat stopped long ago (the process id reused after a crash), is stale:
// the next look removes it, so a killed export never blocks a restore for good.
import fs from 'node:fs';
import path from 'node:path';
import { namesIn } from './folder-names';

export interface ExportLock {
  pid: number;
  jobId: string;
  /** ISO time the export started. */
  startedAt: string;
  file: string;
}

export const HEARTBEAT_MS = 2000;
/** Long enough for an export that keeps its process busy (a big Word file is built in one go) to miss many heartbeats. */
export const STALE_AFTER_MS = 10 * 60 * 1000;

export const exportLockFolder = (dbFile: string) => `${path.resolve(dbFile)}-exports`;

const LOCK_NAME = /^(\d+)-([A-Za-z0-9_-]{1,80})\.lock$/;

/** Is a process with this id alive? (EPERM: alive, but another user's.) */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const held = new Set<string>();
let exitHookAdded = false;
function removeHeldLocks(): void {
  for (const file of held) fs.rmSync(file, { force: true });
  held.clear();
}

/**
 * Takes a lock for one export job, kept while `isRunning()` says so (asked at
 * each heartbeat); returns a function that releases it at once. A lock that
 * cannot be written is not a reason to lose the export: the job runs, unseen.
 */
export function holdExportLock(dbFile: string, jobId: string, isRunning: () => boolean, heartbeatMs = HEARTBEAT_MS): () => void {
  const folder = exportLockFolder(dbFile);
  const file = path.join(folder, `${process.pid}-${jobId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80)}.lock`);
  try {
    fs.mkdirSync(folder, { recursive: true });
    const lock: ExportLock = { pid: process.pid, jobId, startedAt: new Date().toISOString(), file: path.resolve(dbFile) };
    fs.writeFileSync(file, JSON.stringify(lock));
  } catch {
    return () => {};
  }
  held.add(file);
  if (!exitHookAdded) {
    exitHookAdded = true;
    process.on('exit', removeHeldLocks);
  }
  const release = () => {
    clearInterval(timer);
    held.delete(file);
    fs.rmSync(file, { force: true });
  };
  const timer = setInterval(() => {
    if (!isRunning()) return release();
    try {
      const now = new Date();
      fs.utimesSync(file, now, now);
    } catch {
      // Removed by hand, or the folder is gone: the next look simply does not see this export.
    }
  }, heartbeatMs);
  // The heartbeat never keeps a process alive on its own.
  timer.unref();
  return release;
}

/** The exports running from this database in any process; stale locks are removed on the way. */
export function runningExports(dbFile: string, now = Date.now()): ExportLock[] {
  const folder = exportLockFolder(dbFile);
  const names = namesIn(folder);
  const running: ExportLock[] = [];
  for (const name of names) {
    const match = LOCK_NAME.exec(name);
    if (!match) continue;
    const file = path.join(folder, name);
    let heartbeat: number;
    try {
      heartbeat = fs.statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const pid = Number(match[1]);
    if (!processAlive(pid) || now - heartbeat > STALE_AFTER_MS) {
      fs.rmSync(file, { force: true });
      continue;
    }
    let lock: ExportLock;
    try {
      lock = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportLock;
    } catch {
      // Half-written by its process this instant: it is running all the same.
      lock = { pid, jobId: match[2]!, startedAt: new Date(heartbeat).toISOString(), file: path.resolve(dbFile) };
    }
    running.push(lock);
  }
  return running;
}
