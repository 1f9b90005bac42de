// #16 backups and Word import: what the contract methods of issue #16 part 2
// return, shared by the services, the CLI and the renderer.

export interface BackupInfo {
  /** The file's name in the backups folder (what restoreBackup takes). */
  name: string;
  path: string;
  reason: string;
  /** The reason as the Backups screen shows it ("When the app started"). */
  reasonLabel: string;
  /** ISO time the backup was taken. */
  createdAt: string;
  bytes: number;
}

export interface BackupSummary extends BackupInfo {
  /** The plans in it, by title; null when it cannot be restored (`problem` says why). */
  plans: { id: string; title: string }[] | null;
  problem: string | null;
}

export interface RestoreOutcome {
  restored: string;
  /** The backup of the plans as they were just before the restore, so it can be undone. */
  safetyBackup: string;
  plans: { id: string; title: string }[];
}

/** Whether the services opened the plan database, or found it damaged and set it aside. */
export type RecoveryState =
  | { state: 'ok' }
  | {
      state: 'damaged';
      /** One sentence for the recovery screen. */
      message: string;
      /** Where the damaged file was moved (it is never deleted). */
      movedTo: string | null;
      /** Backups that pass SQLite's quick_check, newest first. */
      backups: BackupSummary[];
    };

export interface WordImportSection {
  title: string;
  /** The JFP template section it was matched to, by title, or null for a plain section. */
  templateSection: string | null;
  words: number;
}

export interface WordImportPreview {
  importId: string;
  fileName: string;
  splitLevel: 1 | 2;
  sections: WordImportSection[];
  /** What could not be carried into the plan, one sentence each. */
  notCarried: string[];
  /** The ICB name the plan would get (the document's, else the profile's organisation); null when the person must give it. */
  icbName: string | null;
  icbNameFrom: 'document' | 'profile' | null;
}
