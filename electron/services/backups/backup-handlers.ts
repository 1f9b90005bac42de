// #16 backups: the contract methods over backup-service.ts, for a healthy
// database. (The recovery state, when the database was found damaged at
// start, has its own handlers in recovery.ts.)
import path from 'node:path';
import type { Handlers } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import type { ExportPorts } from '../ports';
import type { Store } from '../store';
import { backUp, describeBackups, restoreBackup } from './backup-service';

export type BackupMethods = 'listBackups' | 'createBackup' | 'exportAllPlans' | 'restoreBackup' | 'getRecoveryState' | 'recoverDatabase';

export interface BackupHandlerOptions {
  ports?: ExportPorts;
  nativeBinding?: string;
}

export function createBackupHandlers(store: Store, options: BackupHandlerOptions): Pick<Handlers, BackupMethods> {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  return {
    listBackups: () => describeBackups(store.file, options.nativeBinding),
    createBackup: () => backUp(store, 'manual', binding),
    exportAllPlans: async () => {
      if (!options.ports) throw new JfpError('invalid_input', 'Exporting needs a place to save the file, which this session cannot ask for.');
      const day = new Date().toISOString().slice(0, 10);
      const target = await options.ports.chooseSavePath(`JFP Studio plans ${day}.db`, 'db');
      if (!target) return { fileName: null };
      await backUp(store, 'manual', { ...binding, out: target });
      return { fileName: path.basename(target) };
    },
    // A running export holds a lock file (export-service.ts, export-locks.ts) that a restore in any process sees.
    restoreBackup: ({ backup }) => restoreBackup(store, backup, binding),
    getRecoveryState: () => ({ state: 'ok' }) as const,
    recoverDatabase: () => {
      throw new JfpError(
        'invalid_input',
        'The plan database opened normally, so there is nothing to recover. To go back to a backup, use Restore on the Backups screen.',
      );
    },
  };
}
