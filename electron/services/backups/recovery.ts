// #16 recovery: what the services do when the plan database is found damaged
// at start (quick_check fails, or SQLite meets a corrupt page while opening).
// The damaged file is never overwritten or deleted: it is renamed
// `jfp.db.damaged-<time>` (with its -wal and -shm), and the services start in a
// recovery state in which only getRecoveryState, recoverDatabase and
// getDataLocation answer. The page shows the recovery screen when
// getRecoveryState says 'damaged'; recoverDatabase restores the chosen backup
// or another .db file the person picks in a dialog (each checked first) or
// starts an empty database, then the full
// services start on it and the page reloads the library.
//
// The Electron main process starts its services with startServicesWithRecovery
// (in place of startServices) for the app's own jfp.db, and starts watching for
// other writers (services.store.watchOtherWriters) once `services.recovering`
// is false; a file the user opens by hand is still refused with a sentence.
import fs from 'node:fs';
import path from 'node:path';
import type { RecoveryState } from '../../../shared/backups-import';
import { createDispatcher, type Dispatch } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import type { AppServices, ServiceOptions } from '../app-services';
import { inspectBackup, restoreFrom } from '../store/backup';
import { DamagedDatabaseError } from '../store/database';
import { describeBackups } from './backup-service';

export interface RecoverableServices extends AppServices {
  /** True until the person has chosen a backup or an empty database. */
  readonly recovering: boolean;
}

/** Moves the damaged file and its -wal and -shm aside under one name; returns where it went. */
export function moveAside(file: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.damaged-${stamp}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.damaged-${stamp}-${n}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(`${file}${suffix}`)) fs.renameSync(`${file}${suffix}`, `${target}${suffix}`);
  return target;
}

const WAITING = 'The plan database was damaged and has been set aside. Choose a backup to restore, or start with an empty database, first.';

export function startServicesWithRecovery(dbPath: string, options: ServiceOptions, start: (dbPath: string, options: ServiceOptions) => AppServices): RecoverableServices {
  let damage: DamagedDatabaseError;
  try {
    const services = start(dbPath, options);
    return Object.assign(services, { recovering: false });
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) throw error;
    damage = error;
  }
  const movedTo = moveAside(dbPath);
  (options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(`jfp: ${damage.message} It was moved to ${movedTo}.`);
  let current: AppServices | null = null;

  const goodBackups = () => describeBackups(dbPath, options.nativeBinding).filter((b) => b.problem === null);
  const state = (): RecoveryState => ({
    state: 'damaged',
    message: `Your plan database was damaged, so JFP Studio moved it aside (to ${path.basename(movedTo)}) without changing it. Restore the newest good backup, open another plan database, or start with an empty database.`,
    movedTo,
    backups: goodBackups(),
  });

  // Another plan database the person chose: checked as a backup is (a SQLite file, quick_check, our
  // tables, not from a newer version) and brought in the same way; the damaged file stays aside.
  const restoreFile = async (file: string) => {
    const chosen = path.resolve(file);
    if (chosen === path.resolve(dbPath) || chosen === path.resolve(movedTo))
      throw new JfpError('invalid_input', `${path.basename(file)} is the damaged plan database itself; choose a backup or another file.`);
    const inspected = inspectBackup(chosen, options.nativeBinding, 'plan database');
    if (!inspected.ok) throw new JfpError('invalid_input', `${inspected.reason} Nothing was changed; choose another file or a backup.`);
    try {
      await restoreFrom(chosen, dbPath, options.nativeBinding);
    } catch (error) {
      // Only the new file this restore began is removed; the damaged one is elsewhere, untouched.
      for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${dbPath}${suffix}`, { force: true });
      throw error;
    }
  };

  const recoveryDispatch = createDispatcher(
    new Proxy({} as Parameters<typeof createDispatcher>[0], {
      get: (_target, method: string) => {
        if (method === 'getRecoveryState') return () => state();
        if (method === 'getDataLocation') return () => ({ databasePath: path.resolve(dbPath), folder: path.dirname(path.resolve(dbPath)) });
        if (method === 'recoverDatabase') {
          return async (input: { choice: 'backup'; backup: string } | { choice: 'file' } | { choice: 'empty' }) => {
            if (input.choice === 'file') {
              if (!options.exportPorts) throw new JfpError('invalid_input', 'Opening another file needs it to be chosen, which this session cannot ask for.');
              const file = await options.exportPorts.chooseOpenPath('plan-database');
              if (!file) return { recovered: false };
              await restoreFile(file);
            } else if (input.choice === 'backup') {
              const chosen = goodBackups().find((b) => b.name === input.backup);
              if (!chosen) throw new JfpError('not_found', 'That backup is not one of the good backups listed; choose another.');
              const inspected = inspectBackup(chosen.path, options.nativeBinding);
              if (!inspected.ok) throw new JfpError('invalid_input', `${inspected.reason} Choose another backup.`);
              await restoreFrom(chosen.path, dbPath, options.nativeBinding);
            }
            current = start(dbPath, options);
            return { recovered: true };
          };
        }
        return () => {
          throw new JfpError('invalid_input', WAITING);
        };
      },
    }),
  );

  const dispatch: Dispatch = (method, input) => (current ? current.dispatch(method, input) : recoveryDispatch(method, input));
  return {
    get recovering() {
      return current === null;
    },
    get store() {
      if (!current) throw new JfpError('invalid_input', WAITING);
      return current.store;
    },
    dispatch,
    close: () => current?.close(),
  };
}
