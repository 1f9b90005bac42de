// Which contract methods change the database, declared once. Every writing
// method runs in ONE immediate transaction (store.write): it takes the write
// lock before its first read, so what it checked cannot change before it
// writes, and a failure leaves nothing half done. The repositories open no
// transactions of their own.
//
// - 'read':  no change; runs as it is.
// - 'write': the whole handler runs inside store.write (inWriteTransactions below).
// - 'prepare-then-write': the handler first does what must not hold the lock
//   (parsing a document, asking a person for a file, reading and checking it),
//   then makes its whole change in one store.write of its own.
//
// A Record over every method name: a new contract method does not compile until
// it is placed here.
import type { MethodName } from '../../shared/contract';
import type { Handlers } from '../../shared/dispatch';
import type { Store } from './store';

export type MethodAccess = 'read' | 'write' | 'prepare-then-write';

export const METHOD_ACCESS: Record<MethodName, MethodAccess> = {
  listPlans: 'read',
  getPlan: 'read',
  createPlan: 'write',
  updatePlan: 'write',
  deletePlan: 'write',
  listSections: 'read',
  getSection: 'read',
  addSection: 'write',
  renameSection: 'write',
  moveSection: 'write',
  deleteSection: 'write',
  restoreSection: 'write',
  listDeletedSections: 'read', // #12 outline
  getDataLocation: 'read', // #12 first run
  getProfile: 'read',
  saveProfile: 'write',
  listPlanEvents: 'read',
  // #15 readiness
  getReadiness: 'read',
  signOffPlan: 'write',
  listOptionalSections: 'read',
  addTemplateSection: 'write',
  // end #15 readiness
  saveSectionContent: 'prepare-then-write',
  updateSectionMeta: 'write',
  listTemplates: 'read',
  // Reads the sample's content file and builds its documents first.
  createSamplePlan: 'prepare-then-write',
  listCommitments: 'read',
  addCommitment: 'write',
  updateCommitment: 'write',
  deleteCommitment: 'write',
  // #11 delivery table
  getCommitment: 'read',
  addActual: 'write',
  deleteActual: 'write',
  listCommitmentRows: 'read',
  listPriorities: 'read',
  addPriority: 'write',
  updatePriority: 'write',
  deletePriority: 'write',
  // Ask where to save, then write the file outside any transaction.
  exportCommitments: 'read',
  // Asks which file and reads it before anything is written; the preview itself writes nothing.
  previewCommitmentImport: 'read',
  // Checks the previewed rows, then saves them all in one store.write.
  confirmCommitmentImport: 'prepare-then-write',
  // end #11 delivery table
  listStakeholders: 'read',
  addStakeholder: 'write',
  updateStakeholder: 'write',
  listThreads: 'read',
  createThread: 'write',
  replyToThread: 'write',
  setThreadStatus: 'write',
  respondToThread: 'write',
  // #15 part 2: HWB boards, engagement, strategy, publication
  // #13 review round trip
  placeThread: 'write',
  removeStakeholder: 'write',
  setThreadThemes: 'write', // #13 consultation report
  // end #13 review round trip
  listHwbOpinions: 'read',
  saveHwbOpinion: 'write',
  clearHwbOpinion: 'write',
  saveHwbBoard: 'write',
  deleteHwbBoard: 'write',
  listEngagement: 'read',
  saveEngagementActivity: 'write',
  deleteEngagementActivity: 'write',
  listStrategy: 'read',
  saveStrategyPriority: 'write',
  setSectionPriority: 'write',
  getPublication: 'read',
  savePublication: 'write',
  // end #15 part 2
  getExportSettings: 'read',
  saveExportSettings: 'write',
  // Asks where to save, then builds the document over its own read-only connection.
  startExport: 'read',
  exportStatus: 'read',
  // #14 export preview
  previewExport: 'read',
  revealExport: 'read',
  sendForReview: 'read',
  openReviewPack: 'prepare-then-write',
  returnComments: 'read',
  importComments: 'prepare-then-write',
  exportConsultationReport: 'read',
  search: 'read',
  // #16 versions
  listVersions: 'read',
  saveVersion: 'write',
  getVersion: 'read',
  getVersionSection: 'read',
  compareVersions: 'read',
  restoreVersion: 'write',
  startNextYearPlan: 'write',
  // Asks where to save, compares in one read transaction, then writes the file.
  exportWhatChanged: 'read',
  // end #16 versions
  // #16 backups and Word import: a backup reads through SQLite's backup API; a restore replaces the
  // file through the same API in one step of its own (after a backup first), not in store.write.
  listBackups: 'read',
  createBackup: 'read',
  exportAllPlans: 'read',
  restoreBackup: 'prepare-then-write',
  getRecoveryState: 'read',
  recoverDatabase: 'prepare-then-write',
  // Reads and converts the document outside any transaction; the preview writes nothing.
  previewWordImport: 'read',
  // Backs up, then creates the whole plan in one store.write.
  importWordPlan: 'prepare-then-write',
  // end #16
};

/** The handlers, with every 'write' method run as one immediate transaction of the store. */
export function inWriteTransactions(store: Store, handlers: Handlers): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const [method, access] of Object.entries(METHOD_ACCESS)) {
    if (access !== 'write') continue;
    const handler = handlers[method as MethodName] as (input: unknown) => unknown;
    // better-sqlite3 refuses a transaction whose work returns a promise: an async handler placed here fails loudly, never half-locked.
    wrapped[method] = (input: unknown) => store.write(() => handler(input));
  }
  return wrapped as Handlers;
}
