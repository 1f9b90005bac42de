// The store: one open database and the repositories over it. Every SQL
// statement of the app lives under this folder; the services above ask the
// repositories, and make each change in one store.write transaction.
import type { CreatePlanInput } from '../../../shared/contract';
import { watchOtherWriters } from './changes';
import { createCommitmentRepository } from './commitments';
import { closeDatabase, openDatabase, writeTransaction, type Db, type OpenOptions } from './database';
import { createExportSettingsRepository } from './export-settings';
import { describeFailure } from './faults';
import { createHwbBoardRepository } from './hwb-boards'; // #15 HWB boards
import { createPlanEventRepository } from './plan-events';
import { createPlanRepository } from './plans';
import { createPriorityRepository } from './priorities';
import { createPriorityChapterRepository } from './priority-chapters'; // #15 priority chapters
import { createProfileRepository } from './profile';
import { createReviewRepository } from './review';
import { createSearchRepository } from './search';
import { createSectionRepository, type NewSection } from './sections';
import { createVersionRepository } from './versions'; // #16 versions
// #15 part 2 records
import { createEngagementRepository } from './engagement';
import { createPublicationRepository } from './publication';
import { createStrategyRepository } from './strategy';
// end #15 part 2 records

export interface Store {
  /** The connection itself, for tests and benchmarks; services use the repositories. */
  db: Db;
  /** The database file's path (what an export worker opens its own connection to). */
  file: string;
  /** Opened read-only (a command that only reads): nothing can be recorded, such as an export in the audit trail. */
  readonly: boolean;
  plans: ReturnType<typeof createPlanRepository>;
  sections: ReturnType<typeof createSectionRepository>;
  commitments: ReturnType<typeof createCommitmentRepository>;
  /** #11 each plan's priorities, which commitments link to. */
  priorities: ReturnType<typeof createPriorityRepository>;
  search: ReturnType<typeof createSearchRepository>;
  /** Stakeholders and comment threads. */
  review: ReturnType<typeof createReviewRepository>;
  /** #15 the plan's Health and Wellbeing Boards and their opinions. */
  opinions: ReturnType<typeof createHwbBoardRepository>;
  exportSettings: ReturnType<typeof createExportSettingsRepository>;
  /** The app's user (one per database). */
  profile: ReturnType<typeof createProfileRepository>;
  /** Each plan's audit trail (append-only). */
  events: ReturnType<typeof createPlanEventRepository>;
  /** #16 versions: whole-plan snapshots, restore, and the link between a plan and last year's. */
  versions: ReturnType<typeof createVersionRepository>;
  // #15 part 2 records
  /** Engagement activities. */
  engagement: ReturnType<typeof createEngagementRepository>;
  /** The integrated care strategy's priorities and which sections deliver them. */
  strategy: ReturnType<typeof createStrategyRepository>;
  /** Where and when the plan was published and sent. */
  publication: ReturnType<typeof createPublicationRepository>;
  // end #15 part 2 records
  // #15 readiness: each priority's own chapter section
  priorityChapters: ReturnType<typeof createPriorityChapterRepository>;
  /**
   * Runs `work` as one immediate transaction: it takes the write lock first, so it
   * waits for another connection's write (busy_timeout) rather than failing, and
   * what it read cannot change before it writes. Inside another write it is a savepoint.
   */
  write<T>(work: () => T): T;
  /** Runs `work` in one read transaction: every read sees the same moment (exports). */
  read<T>(work: () => T): T;
  /** Creates a plan and its section tree (from a template, the sample, a review pack); returns its id. Call inside write. */
  createPlan(plan: CreatePlanInput & { templateId: string }, sections: NewSection[]): string;
  /**
   * Asks for a checkpoint once the store has been idle for a moment: saved work
   * reaches the database file itself (and the disk, fsynced) soon after typing
   * pauses, and the next save rarely meets an automatic checkpoint.
   */
  checkpointWhenIdle(): void;
  /**
   * Calls `onChange` soon after another connection (the jfp command line, another
   * copy of the app) commits to this file; returns a function that stops watching.
   */
  watchOtherWriters(onChange: () => void, intervalMs?: number): () => void;
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
      (options.warn ?? ((m: string) => process.stderr.write(`${m}\n`)))(
        `jfp: an idle checkpoint of ${file} did not complete: ${describeFailure(error, file, 'working')}`,
      );
    }
  };
  const plans = createPlanRepository(db);
  const sections = createSectionRepository(db);
  const priorities = createPriorityRepository(db);
  const profile = createProfileRepository(db);
  const events = createPlanEventRepository(db, profile);
  const opinions = createHwbBoardRepository(db); // #15 HWB boards
  return {
    db,
    file,
    readonly: db.readonly,
    plans,
    sections,
    commitments: createCommitmentRepository(db, priorities),
    priorities,
    search: createSearchRepository(db),
    review: createReviewRepository(db),
    opinions,
    exportSettings: createExportSettingsRepository(db),
    profile,
    events,
    versions: createVersionRepository(db, profile), // #16 versions
    // #15 part 2 records
    engagement: createEngagementRepository(db),
    strategy: createStrategyRepository(db),
    publication: createPublicationRepository(db),
    // end #15 part 2 records
    priorityChapters: createPriorityChapterRepository(db), // #15 readiness
    write: (work) => writeTransaction(db, work),
    read: (work) => db.transaction(work).deferred(),
    createPlan(plan, tree) {
      const planId = plans.insert(plan);
      sections.insertTrees(planId, tree);
      opinions.addForPlaces(planId, plan.places ?? []); // #15 a new plan starts with one board per place
      events.record(planId, 'plan_created', `The plan “${plan.title}” was created.`, { templateId: plan.templateId });
      return planId;
    },
    checkpointWhenIdle() {
      if (options.readonly) return;
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(checkpointNow, options.idleCheckpointMs ?? DEFAULT_IDLE_CHECKPOINT_MS);
      idleTimer.unref();
    },
    watchOtherWriters: (onChange, intervalMs) => watchOtherWriters(db, onChange, intervalMs),
    close: () => {
      if (idleTimer) clearTimeout(idleTimer);
      closeDatabase(db, file, options.warn);
    },
  };
}
