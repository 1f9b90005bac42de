// #16 backups: the contract methods over backup-service.ts, for a healthy
// database. (The recovery state, when the database was found damaged at
// start, has its own handlers in recovery.ts.)
import path from 'node:path';
import type { Handlers } from '../../../shared/dispatch';
import { JfpError } from '../../../shared/errors';
import type { ExportPorts } from '../ports';
import type { Store } from '../store';
import { backUp, describeBackups, restoreBackup } from './backup-service';
import { holdExportLock } from './export-locks';

export type BackupMethods = 'listBackups' | 'createBackup' | 'exportAllPlans' | 'restoreBackup' | 'getRecoveryState' | 'recoverDatabase' | 'startExport';

export interface BackupHandlerOptions {
  ports?: ExportPorts;
  nativeBinding?: string;
  /** The export service's handlers: restore is refused while one of their jobs runs. */
  exports: Pick<Handlers, 'startExport' | 'exportStatus'>;
}

export function createBackupHandlers(store: Store, options: BackupHandlerOptions): Pick<Handlers, BackupMethods> {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // Each job started here holds a lock file while it runs (export-locks.ts), which a restore in any process
  // on this database sees; a finished job's lock is released at once when a restore asks.
  const held = new Map<string, () => void>();
  const running = (jobId: string) => (options.exports.exportStatus({ jobId }) as { state: string }).state === 'running';
  const exportRunning = () => {
    for (const [jobId, release] of held) {
      if (running(jobId)) return true;
      release();
      held.delete(jobId);
    }
    return false;
  };
  return {
    startExport: async (input) => {
      const result = await options.exports.startExport(input);
      if (result.jobId) {
        const jobId = result.jobId;
        held.set(
          jobId,
          holdExportLock(store.file, jobId, () => {
            if (running(jobId)) return true;
            held.delete(jobId);
            return false;
          }),
        );
      }
      return result;
    },
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
    restoreBackup: ({ backup }) => restoreBackup(store, backup, { ...binding, exportRunning }),
    getRecoveryState: () => ({ state: 'ok' }) as const,
    recoverDatabase: () => {
      throw new JfpError(
        'invalid_input',
        'The plan database opened normally, so there is nothing to recover. To go back to a backup, use Restore on the Backups screen.',
      );
    },
  };
}
