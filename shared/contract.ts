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
  type ExportStatus,
  PROPER_ACCOUNT_ANSWERS,
  type CommentImportSummary,
  type CommentThread,
  type HwbOpinion,
  type Stakeholder,
  type Plan,
  type SearchHit,
  type TemplateSummary,
  type PlanSummary,
  type SavedSection,
  type Section,
  type SectionSummary,
} from './domain';

/** Declares a method: `method<Result>()(inputSchema)`. The result type is a phantom. */
function method<R>() {
  return <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R });
}

export const MAX_CONTENT_CHARS = 20_000_000;

export const id = z
  .string({ error: 'An id is required.' })
  .min(1, 'An id is required.')
  .max(64, 'That id is too long.')
  .regex(/^[A-Za-z0-9_-]+$/, 'That id is not valid.');

// Titles and names are one line of text. Control characters are refused rather than
// stored: SQLite's length() stops at a NUL, so "\u0000..." broke the store's own
// checks as an internal error, and escapes would reach terminals through `jfp`.
const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
const oneLine = (what: string) => `${what} cannot contain tabs, line breaks or other control characters.`;

const title = (what: string) =>
  z
    .string({ error: `Give the ${what} a title.` })
    .trim()
    .min(1, `Give the ${what} a title.`)
    .max(200, `The ${what} title must be 200 characters or fewer.`)
    .regex(ONE_LINE, oneLine(`The ${what} title`));

const name = (what: string, max = 200) =>
  z.string().trim().max(max, `${what} must be ${max} characters or fewer.`).regex(ONE_LINE, oneLine(what));

const nameList = (what: string) =>
  z.array(z.string().trim().min(1).max(200).regex(ONE_LINE, oneLine(`Names of ${what}`))).max(50, `List at most 50 ${what}.`);

export const startYear = z
  .number({ error: 'Choose the first year of the plan.' })
  .int('Choose the first year of the plan.')
  .min(2020, 'The plan must start in 2020/21 or later.')
  .max(2100, 'The plan must start before 2100.');

const revision = z.number().int().min(1);

export const createPlanInput = z
  .object({
    title: title('plan'),
    icbName: name('The ICB name').min(1, "Enter the ICB's name."),
    startYear,
    templateId: id.optional(),
    protectiveMarking: z.enum(PROTECTIVE_MARKINGS).optional(),
    partnerTrusts: nameList('partner trusts').optional(),
    places: nameList('places').optional(),
  })
  .strict();
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const updatePlanInput = z
  .object({
    planId: id,
    revision,
    title: title('plan').optional(),
    icbName: name('The ICB name').min(1, "Enter the ICB's name.").optional(),
    startYear: startYear.optional(),
    protectiveMarking: z.enum(PROTECTIVE_MARKINGS).optional(),
    partnerTrusts: nameList('partner trusts').optional(),
    places: nameList('places').optional(),
    isFinal: z.boolean().optional(),
  })
  .strict();
export type UpdatePlanInput = z.infer<typeof updatePlanInput>;

const cell = (what: string) => z.string().trim().max(2000, `${what} must be 2,000 characters or fewer.`);

export const commitmentFields = z
  .object({
    sectionId: id.nullable(),
    priority: cell('The priority'),
    commitment: cell('The commitment'),
    metric: cell('The metric'),
    baseline: cell('The baseline'),
    target: cell('The target'),
    targetYear: z.number().int().min(2000, 'The target year must be 2000 or later.').max(2100, 'The target year must be before 2100.').nullable(),
    guidanceYear: z.string().trim().max(40),
    leadOrg: cell('The lead organisation'),
    rag: z.enum(RAG_STATUSES),
  })
  .strict();

export const MAX_COMMENT_CHARS = 20_000;

const commentBody = z
  .string({ error: 'Write a comment.' })
  .trim()
  .min(1, 'Write a comment.')
  .max(MAX_COMMENT_CHARS, 'A comment must be 20,000 characters or fewer. Split a long response into several comments, or attach it as a document.');

const stakeholderFields = {
  name: z.string().trim().min(1, "Enter the reviewer's name.").max(200, 'The name must be 200 characters or fewer.'),
  organisation: z.string().trim().max(200, 'The organisation must be 200 characters or fewer.'),
  orgType: z.enum(ORGANISATION_TYPES, { error: 'Choose the type of organisation.' }),
  email: z
    .string()
    .trim()
    .max(254)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Enter an email address like name@example.org, or leave it empty.'),
};

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
  renameSection: method<SectionSummary>()(
    z.object({ sectionId: id, title: title('section') }).strict(),
  ),
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
  saveSectionContent: method<SavedSection>()(
    z
      .object({
        sectionId: id,
        revision,
        content: z
          .string()
          .min(2)
          .max(MAX_CONTENT_CHARS, 'This section is too large to save (over 20 million characters).'),
      })
      .strict(),
  ),
  updateSectionMeta: method<SectionSummary>()(
    z
      .object({
        sectionId: id,
        status: z.enum(SECTION_STATUSES).optional(),
        owner: name('The owner', 120).optional(),
      })
      .strict(),
  ),

  listTemplates: method<TemplateSummary[]>()(z.object({}).strict()),
  /** Creates the fictional sample plan (a filled plan for new users to explore). */
  createSamplePlan: method<Plan>()(z.object({}).strict()),

  listCommitments: method<Commitment[]>()(z.object({ planId: id }).strict()),
  addCommitment: method<Commitment>()(
    z.object({ planId: id, fields: commitmentFields.partial().optional() }).strict(),
  ),
  updateCommitment: method<Commitment>()(
    z.object({ commitmentId: id, revision, fields: commitmentFields.partial() }).strict(),
  ),
  deleteCommitment: method<{ deleted: true }>()(z.object({ commitmentId: id }).strict()),

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
        stakeholderId: id,
        body: commentBody,
        quote: z.string().max(2000, 'The quoted text must be 2,000 characters or fewer.'),
      })
      .strict(),
  ),
  replyToThread: method<CommentThread>()(z.object({ threadId: id, stakeholderId: id, body: commentBody }).strict()),
  setThreadStatus: method<CommentThread>()(z.object({ threadId: id, status: z.enum(['open', 'resolved']) }).strict()),
  respondToThread: method<CommentThread>()(
    z.object({ threadId: id, response: z.string().trim().max(MAX_COMMENT_CHARS, 'A response must be 20,000 characters or fewer.') }).strict(),
  ),

  listHwbOpinions: method<HwbOpinion[]>()(z.object({ planId: id }).strict()),
  saveHwbOpinion: method<HwbOpinion>()(
    z
      .object({
        planId: id,
        board: z.string().trim().min(1).max(200),
        receivedOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date the opinion was received, like 2027-02-14.')
          .refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a real date.')
          .nullable(),
        opinion: z.string().trim().max(MAX_COMMENT_CHARS, 'An opinion must be 20,000 characters or fewer.'),
        takesProperAccount: z.enum(PROPER_ACCOUNT_ANSWERS),
      })
      .strict(),
  ),

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
        /** 'pdf' prints the accessible HTML version. */
        format: z.enum(['docx', 'html', 'pdf']),
        options: exportOptionsSchema.omit({ format: true }).partial().optional(),
      })
      .strict(),
  ),
  exportStatus: method<ExportStatus>()(z.object({ jobId: id }).strict()),
  /** Opens a file this session exported, or shows it in its folder. */
  revealExport: method<{ done: true }>()(z.object({ jobId: id, how: z.enum(['open', 'folder']) }).strict()),

  /** Writes a review pack for one reviewer (asks where to save). */
  sendForReview: method<{ fileName: string | null }>()(z.object({ planId: id, stakeholderId: id }).strict()),
  /** Opens a review pack (asks which file) as a read-only review copy. */
  openReviewPack: method<{ plan: Plan | null }>()(z.object({}).strict()),
  /** From a review copy: writes the reviewer's comments file for the author (asks where to save). */
  returnComments: method<{ fileName: string | null; count: number }>()(z.object({ planId: id }).strict()),
  /** Imports a returned comments file or a Word document reviewers commented on (asks which file). */
  importComments: method<{ imported: { source: 'comments file' | 'Word document'; summary: CommentImportSummary } | null }>()(
    z.object({ planId: id }).strict(),
  ),

  /** The "You said, we did" report: every thread and its response, as a Word document (asks where to save). */
  exportConsultationReport: method<{ fileName: string | null; accessibilityProblems: string[] }>()(z.object({ planId: id }).strict()),

  search: method<SearchHit[]>()(
    z
      .object({
        planId: id,
        query: z.string().max(500, 'Search for at most 500 characters.'),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),
} as const;

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
