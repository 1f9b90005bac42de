// The store: one open database and the repositories over it.
import { createCommitmentRepository } from './commitments';
import { closeDatabase, openDatabase, type Db, type OpenOptions } from './database';
import { describeFailure } from './faults';
import { createPlanRepository } from './plans';
import { createSearchRepository } from './search';
import { createSectionRepository } from './sections';

export interface Store {
  db: Db;
  plans: ReturnType<typeof createPlanRepository>;
  sections: ReturnType<typeof createSectionRepository>;
  commitments: ReturnType<typeof createCommitmentRepository>;
  search: ReturnType<typeof createSearchRepository>;
  /**
   * Asks for a checkpoint once the store has been idle for a moment: saved work
   * reaches the database file itself (and the disk, fsynced) soon after typing
   * pauses, and the next save rarely meets an automatic checkpoint.
   */
  checkpointWhenIdle(): void;
  /** Checkpoints and closes; never throws (a failed checkpoint is reported through options.warn). */
  close(): void;
}

export const DEFAULT_IDLE_CHECKPOINT_MS = 1000;

export function openStore(file: string, options: OpenOptions = {}): Store {
  const db = openDatabase(file, options);
  let idleTimer: NodeJS.Timeout | undefined;
  const checkpointNow = () => {
    idleTimer = undefined;
    if (!db.open || db.readonly || db.inTransaction) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Not a failure of any save: what was not copied stays in the -wal file, and the next checkpoint retries.
      (options.warn ?? ((m: string) => process.stderr.write(`${m}\n`)))(`jfp: an idle checkpoint of ${file} did not complete: ${describeFailure(error, file, 'working')}`);
    }
  };
  return {
    db,
    plans: createPlanRepository(db),
    sections: createSectionRepository(db),
    commitments: createCommitmentRepository(db),
    search: createSearchRepository(db),
    checkpointWhenIdle() {
      if (options.readonly) return;
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(checkpointNow, options.idleCheckpointMs ?? DEFAULT_IDLE_CHECKPOINT_MS);
      idleTimer.unref();
    },
    close: () => {
      if (idleTimer) clearTimeout(idleTimer);
      closeDatabase(db, file, options.warn);
    },
  };
}
