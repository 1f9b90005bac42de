// The store: one open database and the repositories over it.
import { createCommitmentRepository } from './commitments';
import { closeDatabase, openDatabase, type Db, type OpenOptions } from './database';
import { createPlanRepository } from './plans';
import { createSearchRepository } from './search';
import { createSectionRepository } from './sections';

export interface Store {
  db: Db;
  plans: ReturnType<typeof createPlanRepository>;
  sections: ReturnType<typeof createSectionRepository>;
  commitments: ReturnType<typeof createCommitmentRepository>;
  search: ReturnType<typeof createSearchRepository>;
  /** Checkpoints and closes; never throws (a failed checkpoint is reported through options.warn). */
  close(): void;
}

export function openStore(file: string, options: OpenOptions = {}): Store {
  const db = openDatabase(file, options);
  return {
    db,
    plans: createPlanRepository(db),
    sections: createSectionRepository(db),
    commitments: createCommitmentRepository(db),
    search: createSearchRepository(db),
    close: () => closeDatabase(db, file, options.warn),
  };
}
