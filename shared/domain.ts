// Domain types shared by the main process and the renderer. Plain data only:
// everything here crosses the bridge by structured clone.

export const SECTION_STATUSES = ['not_started', 'drafting', 'in_review', 'approved'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const SECTION_STATUS_LABELS: Record<SectionStatus, string> = {
  not_started: 'Not started',
  drafting: 'Drafting',
  in_review: 'In review',
  approved: 'Approved',
};

export const PROTECTIVE_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;
export type ProtectiveMarking = (typeof PROTECTIVE_MARKINGS)[number];

export const RAG_STATUSES = ['not_set', 'red', 'amber', 'green', 'complete'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export const RAG_LABELS: Record<RagStatus, string> = {
  not_set: 'Not set',
  red: 'Red - off track',
  amber: 'Amber - at risk',
  green: 'Green - on track',
  complete: 'Complete',
};

/** Deepest outline level a section may sit at (1 = top level). */
export const MAX_SECTION_DEPTH = 4;

export interface ReviewCopy {
  packId: string;
  /** The author's plan this copy was made from. */
  originPlanId: string;
  /** The reviewer, as the author's stakeholder register knows them. */
  reviewer: { stakeholderId: string; name: string; organisation: string; orgType: OrganisationType };
  /** The reviewer's stakeholder row in this copy. */
  localStakeholderId: string;
}

export interface PlanSummary {
  id: string;
  title: string;
  icbName: string;
  startYear: number;
  endYear: number;
  templateId: string;
  protectiveMarking: ProtectiveMarking;
  sectionCount: number;
  wordCount: number;
  updatedAt: string;
  /** A reviewer's read-only copy opened from a review pack. */
  isReviewCopy: boolean;
}

export interface Plan extends PlanSummary {
  partnerTrusts: string[];
  places: string[];
  isFinal: boolean;
  /** Set on a reviewer's read-only copy opened from a review pack. */
  reviewCopy: ReviewCopy | null;
  revision: number;
  createdAt: string;
}

export interface SectionSummary {
  id: string;
  planId: string;
  parentId: string | null;
  position: number;
  depth: number;
  title: string;
  status: SectionStatus;
  owner: string;
  wordCount: number;
  openCommentCount: number;
  revision: number;
  updatedAt: string;
}

export interface Section extends SectionSummary {
  /** Lexical's serialized editor state, as a JSON string. */
  content: string;
  guidance: string;
  expectedContent: string[];
  /** Statutory checklist item ids from the plan's template. */
  checklist: string[];
  /** The same items with their labels and legal references, for display. */
  checklistItems: ChecklistRef[];
}

export interface ChecklistRef {
  id: string;
  label: string;
  reference: string;
}

export interface SavedSection {
  id: string;
  revision: number;
  wordCount: number;
  updatedAt: string;
}

export interface PlanProgress {
  byStatus: Record<SectionStatus, number>;
  sectionCount: number;
  wordCount: number;
}

/**
 * The first year of the next financial year to begin. Financial years start on
 * 1 April and a plan is prepared before the year it covers, so before 1 April
 * 2026 this is 2026 (2026/27); from 1 April 2026 on it is 2027 (2027/28).
 */
export function nextFinancialYear(today: Date): number {
  return today.getMonth() < 3 ? today.getFullYear() : today.getFullYear() + 1;
}

/** "2026/27 to 2030/31" for a plan starting in financial year 2026/27. */
export function formatPeriod(startYear: number, endYear: number): string {
  const fy = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
  return `${fy(startYear)} to ${fy(endYear)}`;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  sectionCount: number;
}

// #11 delivery table: commitments with trajectories, actuals, computed RAG and priorities.

/** Whether a higher value of the metric is better ('higher') or a lower one ('lower'). */
export const COMMITMENT_DIRECTIONS = ['higher', 'lower'] as const;
export type CommitmentDirection = (typeof COMMITMENT_DIRECTIONS)[number];

/** The place a commitment serves when it serves the whole system. */
export const SYSTEM_WIDE = 'System-wide';

/**
 * The areas of the NHS's universal commitments: the titles of the children of the
 * template's "Delivering the NHS's universal commitments" section (a test keeps them equal).
 */
export const NHS_UNIVERSAL_AREAS = [
  'Urgent and emergency care',
  'Planned care, diagnostics and cancer',
  'Primary and community care',
  'Mental health, learning disability and autism',
] as const;

/** The planned value for one financial year of the plan (`year` = the year it starts in). */
export interface TrajectoryPoint {
  year: number;
  planned: number | null;
}

/** A measured value of a commitment's metric. */
export interface Actual {
  id: string;
  commitmentId: string;
  /** YYYY-MM-DD. */
  date: string;
  value: number;
  source: string;
  createdAt: string;
}

export interface RagAssessment {
  /** Computed; 'not_set' when there is nothing to compute from. */
  status: RagStatus;
  /** The rule in words, shown to the user. */
  rule: string;
  /** Why this status, in a sentence. */
  reason: string;
}

/** One of the plan's priorities (the integrated care strategy's and the plan's own). */
export interface Priority {
  id: string;
  planId: string;
  position: number;
  title: string;
  description: string;
  source: string;
  governanceGroup: string;
  revision: number;
}

export interface Commitment {
  id: string;
  planId: string;
  sectionId: string | null;
  position: number;
  /** The linked priority's title ('' when none); read-only, set through priorityId. */
  priority: string;
  commitment: string;
  metric: string;
  /** The baseline as printed in the plan (free text). */
  baseline: string;
  target: string;
  /** The financial year the target is for (its start year: 2028 = 2028/29). */
  targetYear: number | null;
  guidanceYear: string;
  leadOrg: string;
  /** The effective status: the override when there is one, otherwise the computed one. */
  rag: RagStatus;
  revision: number;
  updatedAt: string;
  priorityId: string | null;
  /** '' or one of NHS_UNIVERSAL_AREAS. */
  universalArea: string;
  /** '', one of the plan's places, or SYSTEM_WIDE. */
  place: string;
  governanceGroup: string;
  direction: CommitmentDirection;
  baselineValue: number | null;
  baselineDate: string | null;
  baselineSource: string;
  /** One point per plan year, in order. */
  trajectory: TrajectoryPoint[];
  /** Oldest first. */
  actuals: Actual[];
  ragComputed: RagAssessment;
  ragOverride: RagStatus | null;
  ragOverrideReason: string;
  ragOverrideBy: string;
  ragOverrideAt: string | null;
}

/** What an add or update may set (`priority` by title links or adds a priority; `rag` is the old name of ragOverride). */
export type CommitmentFields = Pick<
  Commitment,
  | 'sectionId'
  | 'priority'
  | 'rag'
  | 'commitment'
  | 'metric'
  | 'baseline'
  | 'target'
  | 'targetYear'
  | 'guidanceYear'
  | 'leadOrg'
  | 'priorityId'
  | 'universalArea'
  | 'place'
  | 'governanceGroup'
  | 'direction'
  | 'baselineValue'
  | 'baselineDate'
  | 'baselineSource'
  | 'trajectory'
  | 'ragOverride'
  | 'ragOverrideReason'
>;

export type ImportField =
  | 'id'
  | 'priority'
  | 'commitment'
  | 'metric'
  | 'baseline'
  | 'baselineValue'
  | 'baselineDate'
  | 'baselineSource'
  | 'target'
  | 'targetYear'
  | 'guidanceYear'
  | 'leadOrg'
  | 'place'
  | 'governanceGroup'
  | 'universalArea'
  | 'direction'
  | 'section'
  | `planned:${number}`;

/** What an import of the delivery table would do, shown before anything is saved. */
export interface CommitmentImportPreview {
  importId: string;
  fileName: string;
  sheet: string;
  rowCount: number;
  /** field null = the column is ignored. */
  columns: { index: number; header: string; field: ImportField | null; sample: string[] }[];
  mapping: Record<number, ImportField | null>;
  toAdd: number;
  toUpdate: number;
  /** `row` is the spreadsheet's own row number. */
  refused: { row: number; column: string; message: string }[];
  warnings: { row: number; column: string; message: string }[];
  /** The workbook's "Trajectories and actuals" sheet, when it has one (its planned values join the rows to add or update). */
  actualsSheet: string | null;
  actualsToAdd: number;
  /** Actuals in the file that the commitment already has (same date and value): not added again. */
  actualsAlreadyThere: number;
}
// end #11 delivery table

/** A piece of a search snippet; `match` pieces are shown highlighted. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  kind: 'section' | 'commitment' | 'comment';
  /** The section, commitment or comment id. */
  id: string;
  /** The section to open for this hit (a commitment's linked section, a comment's section). */
  sectionId: string | null;
  sectionTitle: string;
  /** Where the match is: 'title' or 'body'. */
  field: 'title' | 'body';
  snippet: SnippetPart[];
}

export const ORGANISATION_TYPES = ['icb', 'nhs_trust', 'local_authority', 'hwb', 'primary_care', 'vcse', 'healthwatch', 'public', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  icb: 'ICB',
  nhs_trust: 'NHS trust',
  local_authority: 'Local authority',
  hwb: 'Health and Wellbeing Board',
  primary_care: 'Primary care',
  vcse: 'VCSE',
  healthwatch: 'Healthwatch',
  public: 'Public',
  other: 'Other',
};

export interface Stakeholder {
  id: string;
  planId: string;
  name: string;
  organisation: string;
  orgType: OrganisationType;
  email: string;
  /** #13: agreed to be named in the published consultation report (otherwise only the organisation is shown). */
  namedConsent: boolean;
}

export interface CommentEntry {
  id: string;
  stakeholderId: string | null;
  authorName: string;
  organisation: string;
  orgType: OrganisationType;
  body: string;
  createdAt: string;
  /** #13: written by the app's user in their own name (shown as "You (Name)"). */
  byYou: boolean;
}

export type ThreadStatus = 'open' | 'resolved';

/** A comment thread: the first comment, its replies, and the author's response. */
export interface CommentThread {
  id: string;
  planId: string;
  sectionId: string | null;
  sectionTitle: string;
  /** The text the thread is anchored to when it was made ('' for a whole-section comment). */
  quote: string;
  /**
   * Anchored threads whose marked text is no longer in any section: "text removed";
   * re-attached to words that changed a little since they were quoted: "text changed" (#13);
   * kept on the plan but not yet placed on any words: "unplaced" (#13, see unplacedReason).
   */
  anchor: 'section' | 'text' | 'text_changed' | 'text_removed' | 'unplaced';
  /** #13: why the comment could not be placed ('' when it was). */
  unplacedReason: string;
  /** #13: who saved the response and who resolved the thread ("Name (Role, Organisation)"), '' when nobody has. */
  respondedBy: string;
  resolvedBy: string;
  /** ISO time the thread was resolved; '' while open. */
  resolvedAt: string;
  /** #13: the author's themes for the thread (the published report groups by them); [] when none. */
  themes: string[];
  status: ThreadStatus;
  response: string;
  source: string;
  comments: CommentEntry[];
  createdAt: string;
  updatedAt: string;
}

export const PROPER_ACCOUNT_ANSWERS = ['yes', 'no', 'not_stated'] as const;
export type ProperAccountAnswer = (typeof PROPER_ACCOUNT_ANSWERS)[number];

/** A Health and Wellbeing Board's opinion on the draft plan (one per place of the plan). */
export interface HwbOpinion {
  board: string;
  /** ISO date (YYYY-MM-DD) the opinion was received; null while outstanding. */
  receivedOn: string | null;
  opinion: string;
  /** Whether the board says the draft takes proper account of its joint local health and wellbeing strategy. */
  takesProperAccount: ProperAccountAnswer;
  updatedAt: string | null;
}

/** Where an export job has got to (the app polls this while a large plan is built). */
export interface ExportStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed';
  /** A sentence for the progress line, e.g. "Building the Word document (84 sections)". */
  message: string;
  /** Once done: the file written. */
  fileName: string | null;
  outputPath: string | null;
  warnings: Array<{ sectionTitle: string; message: string }>;
  /** Word exports: what the accessibility checker found (empty when it passed). */
  accessibilityProblems: Array<{ rule: string; message: string; location: string }>;
  elapsedMs: number | null;
}

/** A job's status from the moment it starts (the service's record, and the page's until the first event). */
export function startingExportStatus(jobId: string): ExportStatus {
  return { jobId, state: 'running', message: 'Starting the export', fileName: null, outputPath: null, warnings: [], accessibilityProblems: [], elapsedMs: null };
}

/** What an import of reviewers' comments did (a returned comments file or a Word document). */
export interface CommentImportSummary {
  newThreads: number;
  newReplies: number;
  /** Comments already in the plan from an earlier import of the same file. */
  alreadyImported: number;
  /** Comments kept on the plan but not attached to the words they quote, and why. */
  notPlaced: Array<{ comment: string; reason: string; reviewer?: string; quote?: string }>;
  /** #13: comments re-attached to words that changed a little since they were quoted. */
  textChanged?: number;
  /** #13: threads resolved because they were marked done in Word. */
  resolved?: number;
  /** #13: organisations offered for reviewers the file named without one (not set: the author chooses). */
  offers?: Array<{ stakeholderId: string; name: string; email: string; organisation: string; from: 'stakeholder' | 'email' }>;
}

// The app's user (one per database): who comments, replies, responds, signs off
// and saves versions in their own name.
export interface UserProfile {
  name: string;
  role: string;
  organisation: string;
  email: string;
  updatedAt: string;
}

/**
 * What a plan's audit trail records. Add a kind here when a feature records a
 * new kind of event (one line each, so parallel work merges cleanly).
 */
export const PLAN_EVENT_KINDS = [
  'plan_created',
  'plan_updated',
  'status_changed',
  'marked_final',
  'final_withdrawn',
  'signed_off',
  'version_saved',
  'version_restored',
  'exported',
  'review_pack_sent',
  'comments_imported',
  'hwb_opinion_recorded', // #15 part 2
  'publication_recorded', // #15 part 2
] as const;
export type PlanEventKind = (typeof PLAN_EVENT_KINDS)[number];

export interface PlanEvent {
  id: string;
  planId: string;
  /** ISO time. */
  at: string;
  kind: PlanEventKind;
  /** Who, as the profile described them at the time ("Name (Role, Organisation)"). */
  actor: string;
  /** One sentence a reader of the trail understands. */
  summary: string;
  detail: Record<string, unknown>;
}

/**
 * One line of the plan's readiness view (#15): something the plan must have
 * before the Board, done or still to do, with where to fix it. Each feature
 * contributes its items through a provider (electron/services/readiness/).
 */
export interface ReadinessItem {
  /** Stable within the plan, e.g. "s14Z52-2-a", "hwb:Westmere", "commitment:<id>:metric". */
  id: string;
  group: 'statutory' | 'sections' | 'threads' | 'hwb' | 'commitments' | 'strategy' | 'engagement' | 'board-paper' | 'accessibility' | 'publication';
  /** What is needed, in a sentence a strategy lead understands. */
  label: string;
  /** Why it is or is not done ("Section 4.2 is in review (owner: Sam Lee)"). */
  detail: string;
  /** Exact legal reference where there is one, e.g. "NHS Act 2006 s14Z52(2)(d)". */
  reference?: string;
  done: boolean;
  /** A blocking item stops "mark final" unless a reason is recorded for it. */
  blocking: boolean;
  /** Where to fix it: a tab of the plan and, optionally, the section or commitment. */
  fix: { tab: string; sectionId?: string; commitmentId?: string };
}

// #15 part 2: Health and Wellbeing Boards, engagement, the integrated care strategy, publication

/** Which version of the plan a board's opinion was given on. */
export const OPINION_STAGES = ['draft', 'final'] as const;
export type OpinionStage = (typeof OPINION_STAGES)[number];

/**
 * A Health and Wellbeing Board of the plan and where it has got to: the draft
 * sent, its opinion (on the draft or the final plan), the final plan sent to
 * it, and its opinion shared with NHS England. A board may cover several
 * places; a place may have none.
 */
export interface HwbBoard extends HwbOpinion {
  id: string;
  position: number;
  /** The plan's places the board covers (may be empty). */
  places: string[];
  /** ISO date the draft plan was sent to the board. */
  draftSentOn: string | null;
  /** Null until an opinion is recorded. */
  opinionOn: OpinionStage | null;
  /** ISO date the board's opinion was shared with NHS England. */
  sharedWithNhseOn: string | null;
  /** ISO date the final (published) plan was sent to the board. */
  finalSentOn: string | null;
}

/** One engagement activity: who was asked, how, how many were reached and what they said. */
export interface EngagementActivity {
  id: string;
  planId: string;
  position: number;
  /** ISO dates; `endsOn` null for a single day. */
  startsOn: string | null;
  endsOn: string | null;
  method: string;
  audience: string;
  /** How many people took part (null when not known). */
  reach: number | null;
  partners: string;
  /** A summary of what was heard. */
  heard: string;
  updatedAt: string;
}

/** A priority of the integrated care strategy and what in the plan delivers it. */
export interface StrategyPriority extends Priority {
  /** ISO date of the source document (the strategy's publication). */
  sourceDate: string | null;
  /** True for the Integrated Care Partnership's strategy priorities (the rest are the plan's own). */
  fromStrategy: boolean;
  sectionIds: string[];
  commitmentIds: string[];
}

/** Where the plan was published and to whom it was sent. */
export interface PublicationRecord {
  planId: string;
  publishedOn: string | null;
  /** An https address ('' when not yet published). */
  webAddress: string;
  sentToIcpOn: string | null;
  sentToNhseOn: string | null;
  updatedAt: string | null;
}
// end #15 part 2
// #15 readiness: the plan's readiness view and its sign-off
/** The readiness view: every item with the counts behind the "ready" figure. */
export interface ReadinessReport {
  items: ReadinessItem[];
  counts: { total: number; done: number; blocking: number; blockingOpen: number };
  /** Whole percent of items done. */
  percent: number;
  /** True when no blocking item is open. */
  ready: boolean;
  signOff: SignOff | null;
}

/** Who signed the plan off as final, when, and the reason recorded for each blocking item still open. */
export interface SignOff {
  name: string;
  role: string;
  /** ISO time. */
  at: string;
  reasons: Array<{ itemId: string; label: string; reason: string }>;
}

/** Why "updatePlan" will not mark a plan final, and what the Plan details dialog says instead: it is done by signing it off. */
export const MARK_FINAL_THROUGH_SIGN_OFF = 'Sign the plan off on the Readiness tab: it checks what is still missing and records who signed it off.';
// end #15 readiness
