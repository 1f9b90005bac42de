// The JFP API as one table: method name -> input schema and result type.
// preload.ts, ipc.ts, the e2e harness and the CLI are all built from this table
// by a loop, so adding a method means one entry here plus its service.
import { z } from 'zod';
import { boardPaperCoverSchema, exportOptionsSchema, houseStyleOverridesSchema, type BoardPaperTemplate, type HouseStyle, type HouseStyleOverrides } from './export';
import {
  MAX_SECTION_DEPTH,
  PROTECTIVE_MARKINGS,
  RAG_STATUSES,
  SECTION_STATUSES,
  ORGANISATION_TYPES,
  type Commitment,
  type CommitmentImportPreview,
  COMMITMENT_DIRECTIONS,
  NHS_UNIVERSAL_AREAS,
  type ImportField,
  type Priority,
  type ExportStatus,
  PROPER_ACCOUNT_ANSWERS,
  type CommentImportSummary,
  type CommentThread,
  // #15 part 2
  type EngagementActivity,
  type HwbBoard,
  OPINION_STAGES,
  type PublicationRecord,
  type StrategyPriority,
  type PlanEvent,
  type ReadinessReport, // #15 readiness
  type Stakeholder,
  type UserProfile,
  type Plan,
  type SearchHit,
  type TemplateSummary,
  type PlanSummary,
  type SavedSection,
  type Section,
  type SectionSummary,
} from './domain';
import { isRealDate, PLAN_LENGTH_YEARS, todayIso } from './financial-year';
import type { BackupInfo, BackupSummary, RecoveryState, RestoreOutcome, WordImportPreview } from './backups-import'; // #16 backups and Word import
import type { CommitmentListItem } from './commitment-list'; // #11 delivery grid rows
import { boundedText, idField, looksLikeEmail, MAX_COMMENT_CHARS, PLAN_START_YEARS, TARGET_YEARS, TEXT_LIMITS } from './limits';
import {
  MAX_VERSION_LABEL,
  MAX_VERSION_NOTE,
  type VersionComparison,
  type VersionList,
  type VersionSectionView,
  type VersionSummary,
  type VersionView,
} from './versions'; // #16 versions

// #12 outline: a deleted section as the "Recently deleted" list shows it.
export interface DeletedSection {
  id: string;
  title: string;
  /** ISO time of the deletion. */
  deletedAt: string;
  /** Subsections deleted with it (restored with it too). */
  subsectionCount: number;
}

/** Declares a method: `method<Result>()(inputSchema)`. The result type is a phantom. */
function method<R>() {
  return <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R });
}

export const MAX_CONTENT_CHARS = TEXT_LIMITS.sectionContent;

export const id = idField;

// Titles and names are one line of text. Control characters are refused rather than
// stored: SQLite's length() stops at a NUL, so "\u0000..." broke the store's own
// checks as an internal error, and escapes would reach terminals through `jfp`.
const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
const oneLine = (what: string) => `${what} cannot contain tabs, line breaks or other control characters.`;

const title = (what: string) =>
  z
    .string({ error: `Give the ${what} a title.` })
    .trim()
    .max(TEXT_LIMITS.title, { message: `The ${what} title must be ${TEXT_LIMITS.title} characters or fewer.`, abort: true })
    .min(1, `Give the ${what} a title.`)
    .regex(ONE_LINE, oneLine(`The ${what} title`));

const name = (what: string, max: number = TEXT_LIMITS.name) => boundedText(what, max).regex(ONE_LINE, oneLine(what));

const nameList = (what: string, each: string) => z.array(name(each).min(1, `${each} cannot be empty.`)).max(50, `List at most 50 ${what}.`);

export const startYear = z
  .number({ error: 'Choose the first year of the plan.' })
  .int('Choose the first year of the plan.')
  .min(PLAN_START_YEARS.min, `The plan must start in ${PLAN_START_YEARS.min}/${(PLAN_START_YEARS.min + 1) % 100} or later.`)
  .max(PLAN_START_YEARS.max, `The plan must start before ${PLAN_START_YEARS.max}.`);

const revision = z.number().int().min(1);

export const createPlanInput = z
  .object({
    title: title('plan'),
    icbName: name('The ICB name').min(1, "Enter the ICB's name."),
    startYear,
    templateId: id.optional(),
    protectiveMarking: z.enum(PROTECTIVE_MARKINGS).optional(),
    partnerTrusts: nameList('partner trusts', 'A partner trust name').optional(),
    places: nameList('places', 'A place name').optional(),
  })
  .strict();
export type CreatePlanInput = z.infer<typeof createPlanInput>;

// #15 sign-off: who signs the plan off, and a reason for each blocking item still open
export const signOffInput = z
  .object({
    planId: idField,
    name: boundedText('Your name', TEXT_LIMITS.name)
      .min(1, 'Give the name of the person signing the plan off.')
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'The name must be one line.'),
    role: boundedText('The role', TEXT_LIMITS.name)
      .min(1, 'Give the role of the person signing the plan off.')
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'The role must be one line.'),
    reasons: z
      .array(z.object({ itemId: z.string().trim().min(1).max(300), reason: boundedText('A reason', 2000) }).strict())
      .max(1000)
      .default([]),
  })
  .strict();
export type SignOffInput = z.input<typeof signOffInput>;

export const updatePlanInput = z
  .object({
    planId: id,
    revision,
    title: title('plan').optional(),
    icbName: name('The ICB name').min(1, "Enter the ICB's name.").optional(),
    startYear: startYear.optional(),
    protectiveMarking: z.enum(PROTECTIVE_MARKINGS).optional(),
    partnerTrusts: nameList('partner trusts', 'A partner trust name').optional(),
    places: nameList('places', 'A place name').optional(),
    isFinal: z.boolean().optional(),
  })
  .strict();
export type UpdatePlanInput = z.infer<typeof updatePlanInput>;

const cell = (what: string) => boundedText(what, TEXT_LIMITS.commitmentCell);

// #11 delivery table: the fields of a commitment an add or update may set.
const isoDate = (what: string) =>
  boundedText(what, TEXT_LIMITS.date, { trim: false })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date like 2027-03-31.`)
    .refine(isRealDate, `${what} must be a real date.`);

const measuredValue = (what: string) => z.number({ error: `${what} must be a number.` }).refine((v) => Number.isFinite(v), `${what} must be a number.`);

export const trajectoryInput = z
  .array(
    z
      .object({
        year: z
          .number({ error: 'A trajectory year must be a financial year.' })
          .int('A trajectory year must be a financial year.')
          .min(TARGET_YEARS.min)
          .max(TARGET_YEARS.max),
        planned: measuredValue('A planned value').nullable(),
      })
      .strict(),
  )
  .max(PLAN_LENGTH_YEARS, `A trajectory has at most ${PLAN_LENGTH_YEARS} years.`)
  .refine((points) => new Set(points.map((p) => p.year)).size === points.length, 'Give each year of the trajectory once.');

export const commitmentFields = z
  .object({
    sectionId: id.nullable(),
    /** The title of one of the plan's priorities; a new title adds that priority; '' unlinks. Same as setting priorityId. */
    priority: cell('The priority'),
    commitment: cell('The commitment'),
    metric: cell('The metric'),
    baseline: cell('The baseline'),
    target: cell('The target'),
    targetYear: z
      .number({ error: 'Enter a financial year such as 2028/29.' })
      .int('Enter a financial year such as 2028/29.')
      .min(TARGET_YEARS.min, `The target year must be ${TARGET_YEARS.min} or later.`)
      .max(TARGET_YEARS.max, `The target year must be before ${TARGET_YEARS.max}.`)
      .nullable(),
    guidanceYear: boundedText('The guidance year', TEXT_LIMITS.guidanceYear),
    leadOrg: cell('The lead organisation'),
    /** Old callers: the same as ragOverride ('not_set' removes the override). */
    rag: z.enum(RAG_STATUSES),
    priorityId: id.nullable(),
    universalArea: name('The NHS universal commitment').refine(
      (v) => v === '' || (NHS_UNIVERSAL_AREAS as readonly string[]).includes(v),
      'Choose one of the NHS universal commitments, or none.',
    ),
    place: name('The place'),
    governanceGroup: name('The governance group'),
    direction: z.enum(COMMITMENT_DIRECTIONS, { error: 'Say whether a higher or a lower value is better.' }),
    baselineValue: measuredValue('The baseline value').nullable(),
    baselineDate: isoDate('The baseline date').nullable(),
    baselineSource: cell('The baseline source'),
    trajectory: trajectoryInput,
    ragOverride: z.enum(RAG_STATUSES).nullable(),
    ragOverrideReason: cell('The reason for the status'),
  })
  .strict();
export type CommitmentFieldsInput = z.infer<typeof commitmentFields>;

const IMPORT_FIELD =
  /^(?:id|priority|commitment|metric|baseline|baselineValue|baselineDate|baselineSource|target|targetYear|guidanceYear|leadOrg|place|governanceGroup|universalArea|direction|section|planned:\d{4})$/;
/** Spreadsheet column index -> the field it fills (null = ignored). */
export const importMapping = z
  .record(
    z
      .string()
      .max(4, 'A column must be given by its number.')
      .regex(/^\d{1,4}$/, 'A column must be given by its number.'),
    z
      .string()
      .max(40, 'Choose one of the delivery table’s fields for each column, or ignore it.')
      .regex(IMPORT_FIELD, 'Choose one of the delivery table’s fields for each column, or ignore it.')
      .transform((v) => v as ImportField)
      .nullable(),
  )
  .refine((mapping) => Object.keys(mapping).length <= 500, 'A spreadsheet to import may have at most 500 columns.');

const priorityFields = {
  title: title('priority'),
  description: cell('The description'),
  source: name('The source'),
  governanceGroup: name('The governance group'),
};
// end #11 delivery table fields

// #15 part 2: a published plan's address: https only, with a host, no spaces or credentials.
export function isHttpsAddress(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
}

export { MAX_COMMENT_CHARS };

const commentBody = z
  .string({ error: 'Write a comment.' })
  .trim()
  .max(MAX_COMMENT_CHARS, {
    message: 'A comment must be 20,000 characters or fewer. Split a long response into several comments, or attach it as a document.',
    abort: true,
  })
  .min(1, 'Write a comment.');

// #13 consultation report: themes the author gives a thread
export const MAX_THEMES = 8;
export const MAX_THEME_CHARS = 60;
/** Which consultation report: the published one (organisations, names only with consent, no workflow states) or the team's own. */
export const REPORT_EDITIONS = ['published', 'internal'] as const;

const stakeholderFields = {
  name: boundedText("The reviewer's name", TEXT_LIMITS.name).min(1, "Enter the reviewer's name."),
  organisation: boundedText('The organisation', TEXT_LIMITS.name),
  orgType: z.enum(ORGANISATION_TYPES, { error: 'Choose the type of organisation.' }),
  email: boundedText('The email address', TEXT_LIMITS.email).refine(
    (v) => v === '' || looksLikeEmail(v),
    'Enter an email address like name@example.org, or leave it empty.',
  ),
  /** #13: agreed to be named in the published consultation report; left as it was when absent. */
  namedConsent: z.boolean().optional(),
};

// The app's user (one profile per database; set on first run, changeable).
export const profileInput = z
  .object({
    name: name('Your name').min(1, 'Enter your name.'),
    role: name('Your role'),
    organisation: name('Your organisation'),
    email: boundedText('The email address', TEXT_LIMITS.email).refine(
      (v) => v === '' || looksLikeEmail(v),
      'Enter an email address like name@example.org, or leave it empty.',
    ),
  })
  .strict();

// #16 versions: a version's label (one line, at most 200 characters), and a compare side.
const versionLabel = z
  .string({ error: 'Give the version a label.' })
  .trim()
  .max(MAX_VERSION_LABEL, { message: `A version label must be ${MAX_VERSION_LABEL} characters or fewer. Put the detail in the note.`, abort: true })
  .min(1, 'Give the version a label.')
  .regex(ONE_LINE, oneLine('The version label'));
/** A version id, 'current' (the draft as it is) or 'previous' (last year's plan). */
const compareSide = id;
// end #16 versions

export const api = {
  listPlans: method<PlanSummary[]>()(z.object({}).strict()),
  getPlan: method<Plan>()(z.object({ planId: id }).strict()),
  createPlan: method<Plan>()(createPlanInput),
  updatePlan: method<Plan>()(updatePlanInput),
  deletePlan: method<{ deleted: true }>()(z.object({ planId: id }).strict()),

  listSections: method<SectionSummary[]>()(z.object({ planId: id }).strict()),
  getSection: method<Section>()(z.object({ sectionId: id }).strict()),
  addSection: method<SectionSummary>()(
    z
      .object({
        planId: id,
        parentId: id.nullable(),
        title: title('section'),
        /** Insert after this sibling; omitted or null puts it last. */
        afterSectionId: id.nullable().optional(),
      })
      .strict(),
  ),
  renameSection: method<SectionSummary>()(z.object({ sectionId: id, title: title('section') }).strict()),
  moveSection: method<SectionSummary[]>()(
    z
      .object({
        sectionId: id,
        parentId: id.nullable(),
        index: z.number().int().min(0, 'The position must be zero or more.').max(10_000),
      })
      .strict(),
  ),
  deleteSection: method<{ deletedIds: string[] }>()(z.object({ sectionId: id }).strict()),
  restoreSection: method<SectionSummary[]>()(z.object({ sectionId: id }).strict()),
  // #12 outline: the "Recently deleted" list
  listDeletedSections: method<DeletedSection[]>()(z.object({ planId: id }).strict()),
  // #12 first run: where the plans are kept, to tell the user
  // The app's user, and each plan's audit trail
  getProfile: method<UserProfile | null>()(z.object({}).strict()),
  saveProfile: method<UserProfile>()(profileInput),
  listPlanEvents: method<PlanEvent[]>()(z.object({ planId: id }).strict()),
  // #15 readiness and sign-off
  getReadiness: method<ReadinessReport>()(z.object({ planId: id }).strict()),
  signOffPlan: method<ReadinessReport>()(signOffInput),
  listOptionalSections: method<Array<{ key: string; title: string; guidance: string }>>()(z.object({ planId: id }).strict()),
  addTemplateSection: method<SectionSummary>()(z.object({ planId: id, key: z.string().trim().min(1).max(120) }).strict()),
  // end #15 readiness
  getDataLocation: method<{ databasePath: string; folder: string }>()(z.object({}).strict()),
  saveSectionContent: method<SavedSection>()(
    z
      .object({
        sectionId: id,
        revision,
        content: z
          .string()
          .max(MAX_CONTENT_CHARS, { message: 'This section is too large to save (over 20 million characters).', abort: true })
          .min(2, 'The section content is empty; it was not saved.'),
      })
      .strict(),
  ),
  updateSectionMeta: method<SectionSummary>()(
    z
      .object({
        sectionId: id,
        status: z.enum(SECTION_STATUSES).optional(),
        owner: name('The owner', TEXT_LIMITS.sectionOwner).optional(),
      })
      .strict(),
  ),

  listTemplates: method<TemplateSummary[]>()(z.object({}).strict()),
  /** Creates the fictional sample plan (a filled plan for new users to explore). */
  createSamplePlan: method<Plan>()(z.object({}).strict()),

  listCommitments: method<Commitment[]>()(z.object({ planId: id }).strict()),
  addCommitment: method<Commitment>()(z.object({ planId: id, fields: commitmentFields.partial().optional() }).strict()),
  updateCommitment: method<Commitment>()(z.object({ commitmentId: id, revision, fields: commitmentFields.partial() }).strict()),
  deleteCommitment: method<{ deleted: true }>()(z.object({ commitmentId: id }).strict()),
  // #11 delivery table
  getCommitment: method<Commitment>()(z.object({ commitmentId: id }).strict()),
  /** Records a measured value of the commitment's metric; the RAG status is computed again. */
  addActual: method<Commitment>()(
    z
      .object({
        commitmentId: id,
        date: isoDate('The date of the actual').refine((v) => v <= todayIso(), 'The date of the actual cannot be in the future.'),
        value: measuredValue('The actual value'),
        source: cell('The source').optional(),
      })
      .strict(),
  ),
  deleteActual: method<Commitment>()(z.object({ actualId: id }).strict()),
  /** The delivery grid's rows: each commitment with its computed status, the count and the latest of its actuals, not all of them. */
  listCommitmentRows: method<CommitmentListItem[]>()(z.object({ planId: id }).strict()),
  listPriorities: method<Priority[]>()(z.object({ planId: id }).strict()),
  addPriority: method<Priority>()(
    z
      .object({
        planId: id,
        title: priorityFields.title,
        description: priorityFields.description.optional(),
        source: priorityFields.source.optional(),
        governanceGroup: priorityFields.governanceGroup.optional(),
      })
      .strict(),
  ),
  updatePriority: method<Priority>()(
    z
      .object({
        priorityId: id,
        revision,
        title: priorityFields.title.optional(),
        description: priorityFields.description.optional(),
        source: priorityFields.source.optional(),
        governanceGroup: priorityFields.governanceGroup.optional(),
      })
      .strict(),
  ),
  /** Linked commitments keep no priority. */
  deletePriority: method<{ deleted: true }>()(z.object({ priorityId: id }).strict()),
  /** Asks where to save; 'docx' is the plan's companion delivery appendix. fileName is null when cancelled. */
  exportCommitments: method<{ fileName: string | null }>()(z.object({ planId: id, format: z.enum(['xlsx', 'csv', 'docx']) }).strict()),
  /** Without importId: asks which file (null when cancelled). With importId and mapping: previews the same file again with that mapping. */
  previewCommitmentImport: method<CommitmentImportPreview | null>()(z.object({ planId: id, importId: id.optional(), mapping: importMapping.optional() }).strict()),
  /** Saves the previewed import in one transaction; refused while the preview has refused rows. */
  confirmCommitmentImport: method<{ added: number; updated: number; actualsAdded: number }>()(z.object({ importId: id, mapping: importMapping }).strict()),
  // end #11 delivery table

  listStakeholders: method<Stakeholder[]>()(z.object({ planId: id }).strict()),
  addStakeholder: method<Stakeholder>()(z.object({ planId: id, ...stakeholderFields }).strict()),
  updateStakeholder: method<Stakeholder>()(z.object({ stakeholderId: id, ...stakeholderFields }).strict()),

  listThreads: method<CommentThread[]>()(
    z
      .object({
        planId: id,
        sectionId: id.optional(),
        status: z.enum(['open', 'resolved']).optional(),
        stakeholderId: id.optional(),
        orgType: z.enum(ORGANISATION_TYPES).optional(),
      })
      .strict(),
  ),
  createThread: method<CommentThread>()(
    z
      .object({
        planId: id,
        sectionId: id.nullable(),
        /** Chosen by the caller so the text can be marked before the thread is saved. */
        threadId: id.optional(),
        /** #13: the reviewer a comment received by letter or e-mail is entered for; absent: the app's user, in their own name. */
        stakeholderId: id.optional(),
        body: commentBody,
        quote: boundedText('The quoted text', TEXT_LIMITS.quote, { trim: false }),
      })
      .strict(),
  ),
  replyToThread: method<CommentThread>()(z.object({ threadId: id, stakeholderId: id.optional(), body: commentBody }).strict()),
  setThreadStatus: method<CommentThread>()(z.object({ threadId: id, status: z.enum(['open', 'resolved']) }).strict()),
  respondToThread: method<CommentThread>()(z.object({ threadId: id, response: boundedText('A response', MAX_COMMENT_CHARS) }).strict()),
  // #13 review round trip
  /** Places a kept (unplaced) comment on words the author selected in a section; the editor marks them. */
  placeThread: method<CommentThread>()(
    z.object({ threadId: id, sectionId: id, quote: boundedText('The quoted text', TEXT_LIMITS.quote, { trim: false }).min(1, 'Select the words first.') }).strict(),
  ),
  /** Removes a reviewer who has no comments from the register. */
  removeStakeholder: method<{ removed: true }>()(z.object({ stakeholderId: id }).strict()),
  /** #13 consultation report: the author's themes for a thread, by which the published report groups comments. */
  setThreadThemes: method<CommentThread>()(
    z
      .object({
        threadId: id,
        themes: z
          .array(boundedText('A theme', MAX_THEME_CHARS).refine((t) => t.trim() !== '', 'A theme cannot be empty.'))
          .max(MAX_THEMES, `A thread can have at most ${MAX_THEMES} themes.`),
      })
      .strict(),
  ),
  // end #13 review round trip

  // #15 part 2: Health and Wellbeing Boards, engagement, the integrated care strategy, publication
  /** The plan's boards, each with its places, dates and opinion. */
  listHwbOpinions: method<HwbBoard[]>()(z.object({ planId: id }).strict()),
  /** Records a board's opinion (by the board's name); an empty opinion is refused. */
  saveHwbOpinion: method<HwbBoard>()(
    z
      .object({
        planId: id,
        board: boundedText("The board's name", TEXT_LIMITS.name).min(1, "Enter the board's name."),
        receivedOn: boundedText('The date received', TEXT_LIMITS.date, { trim: false })
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date the opinion was received, like 2027-02-14.')
          .refine(isRealDate, 'Enter a real date.')
          .nullable(),
        opinion: boundedText('An opinion', MAX_COMMENT_CHARS),
        takesProperAccount: z.enum(PROPER_ACCOUNT_ANSWERS),
        opinionOn: z.enum(OPINION_STAGES, { error: 'Say whether the opinion is on the draft or the final plan.' }).default('draft'),
      })
      .strict(),
  ),
  clearHwbOpinion: method<HwbBoard>()(z.object({ boardId: id }).strict()),
  /** Adds a board (no boardId) or changes one: its name, the places it covers and its dates. */
  saveHwbBoard: method<HwbBoard>()(
    z
      .object({
        planId: id,
        boardId: id.optional(),
        name: name("The board's name").min(1, "Enter the board's name."),
        places: nameList('places', 'A place'),
        draftSentOn: isoDate('The date the draft was sent').nullable(),
        sharedWithNhseOn: isoDate('The date shared with NHS England').nullable(),
        finalSentOn: isoDate('The date the final plan was sent').nullable(),
      })
      .strict(),
  ),
  deleteHwbBoard: method<{ deleted: true }>()(z.object({ boardId: id }).strict()),
  listEngagement: method<EngagementActivity[]>()(z.object({ planId: id }).strict()),
  /** Adds an activity (no activityId) or changes one. */
  saveEngagementActivity: method<EngagementActivity>()(
    z
      .object({
        planId: id,
        activityId: id.optional(),
        startsOn: isoDate('The start date').nullable(),
        endsOn: isoDate('The end date').nullable(),
        method: name('The method').min(1, 'Say how people were engaged (for example "Online survey").'),
        audience: cell('The audience'),
        reach: z
          .number({ error: 'The reach must be a whole number of people.' })
          .int('The reach must be a whole number of people.')
          .min(0, 'The reach cannot be negative.')
          .max(100_000_000, 'The reach must be under 100 million people.')
          .nullable(),
        partners: cell('The partners'),
        heard: boundedText('What was heard', MAX_COMMENT_CHARS),
      })
      .strict(),
  ),
  deleteEngagementActivity: method<{ deleted: true }>()(z.object({ activityId: id }).strict()),
  /** The plan's priorities, which come from the integrated care strategy, and what delivers each. */
  listStrategy: method<StrategyPriority[]>()(z.object({ planId: id }).strict()),
  /** Adds a strategy priority (no priorityId) or changes one (with its revision). */
  saveStrategyPriority: method<StrategyPriority>()(
    z
      .object({
        planId: id,
        priorityId: id.optional(),
        revision: revision.optional(),
        title: priorityFields.title,
        description: priorityFields.description,
        source: priorityFields.source,
        sourceDate: isoDate('The date of the source document').nullable(),
        fromStrategy: z.boolean().default(true),
      })
      .strict(),
  ),
  /** Says whether a section delivers a priority; returns the priorities the section delivers. */
  setSectionPriority: method<{ priorityIds: string[] }>()(z.object({ sectionId: id, priorityId: id, delivers: z.boolean() }).strict()),
  getPublication: method<PublicationRecord>()(z.object({ planId: id }).strict()),
  savePublication: method<PublicationRecord>()(
    z
      .object({
        planId: id,
        publishedOn: isoDate('The date published').nullable(),
        webAddress: boundedText('The web address', 2000).refine(
          (v) => v === '' || isHttpsAddress(v),
          'Enter the full web address the plan is published at, starting https:// (for example https://www.example.nhs.uk/jfp).',
        ),
        sentToIcpOn: isoDate('The date sent to the Integrated Care Partnership').nullable(),
        sentToNhseOn: isoDate('The date sent to NHS England').nullable(),
      })
      .strict(),
  ),
  // end #15 part 2

  getExportSettings: method<{ houseStyle: HouseStyleOverrides; defaults: HouseStyle; cover: Record<string, string>; coverTemplate: BoardPaperTemplate }>()(
    z.object({ planId: id }).strict(),
  ),
  saveExportSettings: method<{ saved: true }>()(
    z.object({ planId: id, houseStyle: houseStyleOverridesSchema.optional(), cover: boardPaperCoverSchema.optional() }).strict(),
  ),
  /** Asks where to save, then builds the document off the main thread. `jobId` is null when the user cancels. */
  startExport: method<{ jobId: string | null }>()(
    z
      .object({
        planId: id,
        /** 'pdf' is drawn from the same document as Word and HTML (pdf-writer.ts): tagged, with bookmarks. */
        format: z.enum(['docx', 'html', 'pdf']),
        options: exportOptionsSchema.omit({ format: true }).partial().optional(),
      })
      .strict(),
  ),
  exportStatus: method<ExportStatus>()(z.object({ jobId: id }).strict()),
  // #14 export preview
  /** The first pages of an export as the HTML writer draws them, with its warnings and empty required cover fields; nothing is saved. */
  previewExport: method<ExportPreviewResult>()(z.object({ planId: id, options: exportOptionsSchema.omit({ format: true }).partial().optional() }).strict()),
  // end #14 export preview
  /** Opens a file this session exported, or shows it in its folder. */
  revealExport: method<{ done: true }>()(z.object({ jobId: id, how: z.enum(['open', 'folder']) }).strict()),

  /** Writes a review pack for one reviewer (asks where to save). */
  sendForReview: method<{ fileName: string | null }>()(z.object({ planId: id, stakeholderId: id }).strict()),
  /** Opens a review pack (asks which file) as a read-only review copy. */
  openReviewPack: method<{ plan: Plan | null }>()(z.object({}).strict()),
  /** From a review copy: writes the reviewer's comments file for the author (asks where to save). */
  returnComments: method<{ fileName: string | null; count: number }>()(z.object({ planId: id }).strict()),
  /** Imports a returned comments file or a Word document reviewers commented on (asks which file). */
  importComments: method<{ imported: { source: 'comments file' | 'Word document'; summary: CommentImportSummary } | null }>()(z.object({ planId: id }).strict()),

  /** The "You said, we did" report: every thread and its response, as a Word document (asks where to save). */
  exportConsultationReport: method<{ fileName: string | null; accessibilityProblems: string[] }>()(
    // #13: published (default) or internal; Word (default) or an accessible web page
    z.object({ planId: id, edition: z.enum(REPORT_EDITIONS).optional(), format: z.enum(['docx', 'html']).optional() }).strict(),
  ),

  // #16 backups and Word import
  /** The backups in the data folder's backups/, newest first, each opened read-only to list its plans. */
  listBackups: method<BackupSummary[]>()(z.object({}).strict()),
  /** Backs the whole database up into the backups folder now (SQLite's online backup; saves may continue). */
  createBackup: method<BackupInfo>()(z.object({}).strict()),
  /** Asks where to save, then writes one backup file of every plan that another copy of the app can open. `fileName` is null when the user cancels. */
  exportAllPlans: method<{ fileName: string | null }>()(z.object({}).strict()),
  /** Restores a backup (a name from listBackups, or a backup file's path) after backing up the current database. */
  restoreBackup: method<RestoreOutcome>()(z.object({ backup: boundedText('The backup', 4096).min(1, 'Choose a backup to restore.') }).strict()),
  /** Whether the database opened, or was found damaged at start and moved aside (the recovery screen). */
  getRecoveryState: method<RecoveryState>()(z.object({}).strict()),
  /**
   * After a damaged database: restore a good backup (by name), open another plan database the person
   * chooses in a dialog ('file'; `recovered` is false when they cancel), or start with an empty database.
   */
  recoverDatabase: method<{ recovered: boolean }>()(
    z.discriminatedUnion('choice', [
      z.object({ choice: z.literal('backup'), backup: boundedText('The backup', 4096).min(1, 'Choose a backup to restore.') }).strict(),
      z.object({ choice: z.literal('file') }).strict(),
      z.object({ choice: z.literal('empty') }).strict(),
    ]),
  ),
  /** Asks which Word document (unless `importId` names one already read), reads it and shows the sections a plan would get; null when the user cancels. */
  previewWordImport: method<WordImportPreview | null>()(z.object({ importId: id.optional(), splitLevel: z.union([z.literal(1), z.literal(2)]).optional() }).strict()),
  /** Creates the plan the preview showed, in one transaction. */
  importWordPlan: method<{ plan: Plan; notCarried: string[] }>()(
    z
      .object({
        importId: id,
        splitLevel: z.union([z.literal(1), z.literal(2)]).optional(),
        // #16: the ICB's name when the document and the profile do not give it (or the person changed it)
        icbName: name('The ICB name').optional(),
      })
      .strict(),
  ),
  // end #16 backups and Word import

  search: method<SearchHit[]>()(
    z
      .object({
        planId: id,
        query: z.string().max(TEXT_LIMITS.searchQuery, { message: `Search for at most ${TEXT_LIMITS.searchQuery} characters.`, abort: true }),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),
  // #16 versions
  listVersions: method<VersionList>()(z.object({ planId: id }).strict()),
  /** kind 'revision' is a mid-year revision and needs a reason. */
  saveVersion: method<VersionSummary>()(
    z
      .object({
        planId: id,
        label: versionLabel,
        note: boundedText('The note', MAX_VERSION_NOTE).optional(),
        reason: boundedText('The reason', MAX_VERSION_NOTE).optional(),
        kind: z.enum(['manual', 'revision']).optional(),
      })
      .strict(),
  ),
  getVersion: method<VersionView>()(z.object({ planId: id, versionId: id }).strict()),
  getVersionSection: method<VersionSectionView>()(z.object({ planId: id, versionId: id, sectionId: id }).strict()),
  compareVersions: method<VersionComparison>()(z.object({ planId: id, from: compareSide, to: compareSide }).strict()),
  /** Takes a "Before restoring" version first, so a restore can be undone. */
  restoreVersion: method<{ restored: VersionSummary; safety: VersionSummary }>()(z.object({ planId: id, versionId: id }).strict()),
  /** The annual refresh: a new plan for the next five years, linked to this one. */
  startNextYearPlan: method<Plan>()(z.object({ planId: id }).strict()),
  /** The "What changed since" Word paper (asks where to save). */
  exportWhatChanged: method<{ fileName: string | null }>()(z.object({ planId: id, from: compareSide, to: compareSide }).strict()),
  // end #16 versions
} as const;

/** An export job as the page shows it: its progress line, then the file, warnings and accessibility findings. */
const exportStatus = z
  .object({
    jobId: id,
    state: z.enum(['running', 'done', 'failed']),
    message: z.string(),
    fileName: z.string().nullable(),
    outputPath: z.string().nullable(),
    warnings: z.array(z.object({ sectionTitle: z.string(), message: z.string() }).strict()),
    accessibilityProblems: z.array(z.object({ rule: z.string(), message: z.string(), location: z.string() }).strict()),
    elapsedMs: z.number().nullable(),
  })
  .strict() satisfies z.ZodType<ExportStatus>;

/**
 * What the main process tells the page without being asked: event name -> payload
 * schema. Events travel on one channel beside the calls, only to the app's own
 * pages, and the page validates each one against this table before it is used.
 */
export const events = {
  /** An export job moved on (a new progress line) or ended (done or failed). */
  exportProgress: exportStatus,
  /**
   * Another process (the `jfp` command line, another copy of the app) committed
   * changes to the plan database. SQLite cannot say cheaply which plan, so the page
   * refreshes what it shows of the open plan.
   */
  plansChanged: z.object({}).strict(),
  // #12 desktop conventions: a command chosen in the application menu (or its shortcut), for the page to carry out.
  menuCommand: z.discriminatedUnion('command', [
    z.object({ command: z.literal('newPlan') }).strict(),
    z.object({ command: z.literal('openPlan'), planId: id }).strict(),
    z.object({ command: z.literal('exportPlan') }).strict(),
    z.object({ command: z.literal('print') }).strict(),
    z.object({ command: z.literal('findInPlan') }).strict(),
    z.object({ command: z.literal('showShortcuts') }).strict(),
    z.object({ command: z.literal('setTheme'), theme: z.enum(['system', 'light', 'dark']) }).strict(),
    // #12 menu for #16: Import from Word, Backups and Save version (the screens are #16's).
    z.object({ command: z.literal('importWord') }).strict(),
    z.object({ command: z.literal('showBackups') }).strict(),
    z.object({ command: z.literal('saveVersion') }).strict(),
  ]),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(events, value);
}

// #14 export preview
type ExportPreviewResult = import('./export').ExportPreview;
// end #14 export preview

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodResult<M extends MethodName> = Api[M]['result'];

export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(api, value);
}

export { MAX_SECTION_DEPTH };
