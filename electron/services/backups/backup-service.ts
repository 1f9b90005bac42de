// #16 backups: where backups go, what they are called, which are kept, and
// the contract methods over them (createBackup, listBackups, restoreBackup,
// exportAllPlans).
//
// Backups live in `<data folder>/backups/`, named by time and reason
// (jfp-2027-01-14T09-30-00-000Z-start.db). The rotation keeps the newest 10
// and, beyond those, the newest of each of the last 7 days: a busy morning of
// imports and restores cannot push out every backup from earlier in the week,
// and the folder stays bounded (at most 17 files, about 17 times the database).
import fs from 'node:fs';
import path from 'node:path';
import { JfpError } from '../../../shared/errors';
import type { Store } from '../store';
import { inspectBackup, restoreFrom, writeBackup, writeBackupNow, type BackupContents } from '../store/backup';
import { runningExports } from './export-locks';
import { namesIn } from './folder-names';
import { bindingOf, liveStore } from './live-store';

export const BACKUP_REASONS = [
  'start',
  'scheduled',
  'manual',
  'before-restore',
  'before-migration',
  'before-import',
  'before-recovery',
  'before-word-import',
  'before-comments-import',
  'before-review-pack',
  'before-commitments-import',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  start: 'When the app started',
  scheduled: 'Every few hours',
  manual: 'Backed up on request',
  'before-restore': 'Before a restore',
  'before-migration': 'Before an update of the database',
  // Taken before imports by earlier versions of the app, which did not say which import.
  'before-import': 'Before an import',
  'before-recovery': 'Before recovery',
  'before-word-import': 'Before importing a plan from Word',
  'before-comments-import': 'Before importing comments',
  'before-review-pack': 'Before opening a review pack',
  'before-commitments-import': 'Before importing commitments from Excel',
};

/** The imports that back up first, each named for what is about to happen. */
export type ImportBackupReason = 'before-word-import' | 'before-comments-import' | 'before-review-pack' | 'before-commitments-import';

export const KEEP_NEWEST = 10;
export const KEEP_DAYS = 7;
/** Every few hours while the app runs. */
export const DEFAULT_BACKUP_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface BackupEntry {
  /** The file's name in the backups folder (what restoreBackup takes). */
  name: string;
  path: string;
  reason: BackupReason;
  reasonLabel: string;
  /** ISO time the backup was taken. */
  createdAt: string;
  bytes: number;
}

export interface BackupListing extends BackupEntry {
  /** The plans in it, by title; null with `problem` when it cannot be restored. */
  plans: { id: string; title: string }[] | null;
  problem: string | null;
}

const NAME = /^jfp-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z-]+)\.db$/;

export const backupFolder = (dbFile: string) => path.join(path.dirname(path.resolve(dbFile)), 'backups');

export function backupName(at: Date, reason: BackupReason): string {
  return `jfp-${at.toISOString().replace(/:/g, '-').replace('.', '-')}-${reason}.db`;
}

function parseName(folder: string, name: string): BackupEntry | null {
  const match = NAME.exec(name);
  if (!match || !(BACKUP_REASONS as readonly string[]).includes(match[6]!)) return null;
  const reason = match[6] as BackupReason;
  const file = path.join(folder, name);
  let bytes: number;
  try {
    bytes = fs.statSync(file).size;
  } catch {
    return null;
  }
  return { name, path: file, reason, reasonLabel: BACKUP_REASON_LABELS[reason], createdAt: `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`, bytes };
}

/** The backups in the folder, newest first (half-written ones, under their temporary name, are not listed). */
export function listBackupFiles(dbFile: string): BackupEntry[] {
  const folder = backupFolder(dbFile);
  const names = namesIn(folder);
  return names
    .map((n) => parseName(folder, n))
    .filter((e): e is BackupEntry => e !== null)
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** Which backups the rotation removes: all but the newest KEEP_NEWEST and the newest of each of the last KEEP_DAYS days. */
export function backupsToRemove(entries: BackupEntry[], now: Date): BackupEntry[] {
  const sorted = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set(sorted.slice(0, KEEP_NEWEST).map((e) => e.name));
  const oldestDay = new Date(now.getTime() - (KEEP_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const daysSeen = new Set<string>();
  for (const entry of sorted) {
    const day = entry.createdAt.slice(0, 10);
    if (day < oldestDay || daysSeen.has(day)) continue;
    daysSeen.add(day);
    keep.add(entry.name);
  }
  return sorted.filter((e) => !keep.has(e.name));
}

function rotate(dbFile: string, now: Date): void {
  for (const old of backupsToRemove(listBackupFiles(dbFile), now)) fs.rmSync(old.path, { force: true });
}

/** A name not yet taken in the folder (two backups in the same millisecond get the next one). */
function freshTarget(dbFile: string, reason: BackupReason, now: Date): string {
  const folder = backupFolder(dbFile);
  let at = now;
  while (fs.existsSync(path.join(folder, backupName(at, reason)))) at = new Date(at.getTime() + 1);
  return path.join(folder, backupName(at, reason));
}

export interface BackupOptions {
  nativeBinding?: string;
  now?: () => Date;
}

/** Takes one backup of the store into its backups folder (or `out`), then applies the rotation. */
export async function backUp(store: Store, reason: BackupReason, options: BackupOptions & { out?: string } = {}): Promise<BackupEntry> {
  const now = options.now?.() ?? new Date();
  const target = options.out ? path.resolve(options.out) : freshTarget(store.file, reason, now);
  if (path.resolve(target) === path.resolve(store.file))
    throw new JfpError('invalid_input', 'A backup cannot be written over the plan database itself; choose another file.');
  const bytes = await writeBackup(store, target, bindingOf(store, options.nativeBinding).nativeBinding);
  if (!options.out) rotate(store.file, now);
  return { name: path.basename(target), path: target, reason, reasonLabel: BACKUP_REASON_LABELS[reason], createdAt: now.toISOString(), bytes };
}

/**
 * Before an import changes the plans: a backup to go back to, like the one
 * before a restore or a migration. If it cannot be written the import does not
 * run, so nothing is changed that could not be undone.
 */
export async function backUpBeforeImport(store: Store, reason: ImportBackupReason): Promise<BackupEntry> {
  try {
    return await backUp(store, reason);
  } catch (error) {
    const why = error instanceof JfpError ? error.message : (error as Error).message;
    throw new JfpError('io_error', `Nothing was imported: the backup taken before every import could not be written (${why.slice(0, 200)}).`);
  }
}

/** Before a migration at opening: synchronous, since the database is being opened (database.ts calls this through OpenOptions.beforeMigration). */
export function backUpBeforeMigration(dbFile: string) {
  return (db: Store['db']) => {
    const now = new Date();
    writeBackupNow(db, freshTarget(dbFile, 'before-migration', now));
    rotate(dbFile, now);
  };
}

export function describeBackups(dbFile: string, nativeBinding?: string): BackupListing[] {
  return listBackupFiles(dbFile).map((entry) => {
    const inspected = inspectBackup(entry.path, nativeBinding);
    return { ...entry, plans: inspected.ok ? inspected.contents.plans : null, problem: inspected.ok ? null : inspected.reason };
  });
}

/** Resolves what restoreBackup was given: a name from the list, or a path to a backup file. */
export function findBackup(dbFile: string, reference: string): string {
  const listed = listBackupFiles(dbFile).find((e) => e.name === reference);
  if (listed) return listed.path;
  if (reference.includes('/') || reference.includes('\\') || reference.endsWith('.db')) {
    const file = path.resolve(reference);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  throw new JfpError('not_found', `There is no backup called ${reference.slice(0, 200)}; nothing was restored.`);
}

export interface RestoreResult {
  restored: string;
  /** The backup of the plans as they were just before, so the restore can itself be undone. */
  safetyBackup: string;
  plans: BackupContents['plans'];
}

/**
 * Restores a backup over the live database: checked first (ours, not newer,
 * not damaged: otherwise refused and nothing is touched), refused while an
 * export is reading the database (in any process), and preceded by a backup of
 * the current file. The store is then closed, the file replaced through
 * SQLite's backup API (which respects the WAL and any other process's locks,
 * where renaming a file over it would leave that process writing to a deleted
 * file), and the services opened afresh on it; an older backup is migrated
 * forward as it opens. Should the restored file not open, the plans as they
 * were are put back.
 */
export async function restoreBackup(store: Store, reference: string, options: BackupOptions & { exportRunning?: () => boolean } = {}): Promise<RestoreResult> {
  const source = findBackup(store.file, reference);
  if (path.resolve(source) === path.resolve(store.file)) throw new JfpError('invalid_input', 'That is the plan database itself, not a backup; nothing was restored.');
  const live = liveStore(store);
  if (!live) throw new JfpError('invalid_input', 'A backup can be restored only through the app or the jfp command, which can reopen the plan database.');
  const binding = bindingOf(store, options.nativeBinding);
  const inspected = inspectBackup(source, binding.nativeBinding);
  if (!inspected.ok) throw new JfpError('invalid_input', `${inspected.reason} Nothing was restored and your plans are unchanged.`);
  if (options.exportRunning?.() || runningExports(store.file).length > 0) {
    throw new JfpError('conflict', 'An export is still being written from your plans. Wait for it to finish, then restore the backup; nothing was changed.');
  }
  const safety = await backUp(store, 'before-restore', { ...options, ...binding });
  const file = store.file;
  try {
    await live.reopen(() => restoreFrom(source, file, binding.nativeBinding));
  } catch (error) {
    // The file may hold the backup, half of nothing, or the old plans: the safety backup is put back whole.
    await live.reopen(() => restoreFrom(safety.path, file, binding.nativeBinding));
    if (error instanceof JfpError) throw error;
    throw new JfpError('io_error', `The backup could not be opened once restored (${(error as Error).message}); your plans were put back as they were.`);
  }
  return { restored: path.basename(source), safetyBackup: safety.name, plans: inspected.contents.plans };
}

/**
 * Backs up at start and every `intervalMs` while the services run; the timer
 * is unref'd so it never keeps a process alive. Failures are reported, never
 * thrown: a backup that could not be written must not stop anyone working.
 */
export function startBackupSchedule(store: Store, options: BackupOptions & { intervalMs?: number; atStart?: boolean; log: (message: string) => void }): () => void {
  const run = (reason: BackupReason) =>
    backUp(store, reason, options).catch((error: unknown) => options.log(`jfp: the ${reason} backup of ${store.file} could not be written: ${(error as Error).message}`));
  if (options.atStart !== false) void run('start');
  const timer = setInterval(() => void run('scheduled'), options.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
