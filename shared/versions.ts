// #16 versions: the shapes a named version, a version's read-only view and a
// comparison take as they cross the bridge and reach the command line.

export const VERSION_KINDS = ['manual', 'automatic', 'revision', 'before-restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const VERSION_KIND_LABELS: Record<VersionKind, string> = {
  manual: 'Saved',
  automatic: 'Automatic',
  revision: 'Mid-year revision',
  'before-restore': 'Before a restore',
};

/** The longest label; the column's CHECK says the same. */
export const MAX_VERSION_LABEL = 200;
export const MAX_VERSION_NOTE = 2000;

export interface VersionSummary {
  id: string;
  planId: string;
  label: string;
  note: string;
  /** Why a mid-year revision was made ('' for other kinds). */
  reason: string;
  kind: VersionKind;
  /** Who saved it, as the profile described them then. */
  actor: string;
  createdAt: string;
  /** Bytes of the compressed snapshot. */
  size: number;
}

export interface VersionList {
  versions: VersionSummary[];
  /** The plan this one continues (last year's), when it was started from one. */
  previousPlan: { id: string; title: string } | null;
  /** Plans started from this one (next year's). */
  nextPlans: Array<{ id: string; title: string }>;
}

export interface VersionOutlineEntry {
  id: string;
  parentId: string | null;
  depth: number;
  title: string;
  status: string;
  wordCount: number;
}

export interface VersionView {
  version: VersionSummary;
  plan: { title: string; icbName: string; startYear: number; endYear: number };
  outline: VersionOutlineEntry[];
  commitmentCount: number;
}

export interface VersionSectionView {
  id: string;
  title: string;
  /** Lexical JSON, for a read-only editor. */
  content: string;
  plainText: string;
}

/** One run of words in a word-level diff. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export type SectionChangeKind = 'added' | 'removed' | 'moved' | 'renamed' | 'text' | 'status';

export interface SectionChange {
  id: string;
  /** The title now (or, when removed, the title it had). */
  title: string;
  changes: SectionChangeKind[];
  oldTitle: string | null;
  /** "from under “A” to under “B”", for a moved section. */
  movedFrom: string | null;
  movedTo: string | null;
  statusFrom: string | null;
  statusTo: string | null;
  wordsAdded: number;
  wordsRemoved: number;
  /** Word-level diff of the plain text (long unchanged runs shortened); empty unless the text changed. */
  diff: DiffPart[];
}

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface CommitmentChange {
  id: string;
  title: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

export interface VersionComparison {
  from: { ref: string; label: string };
  to: { ref: string; label: string };
  planFields: FieldChange[];
  sections: SectionChange[];
  commitments: CommitmentChange[];
  summary: {
    sectionsAdded: number;
    sectionsRemoved: number;
    sectionsMoved: number;
    sectionsRenamed: number;
    sectionsChanged: number;
    commitmentsAdded: number;
    commitmentsRemoved: number;
    commitmentsChanged: number;
  };
}

/** A compare side: a version id, 'current' (the draft as it is) or 'previous' (last year's plan, as it is now). */
export const CURRENT = 'current';
export const PREVIOUS = 'previous';
