// What an export is asked for and what it is made from: export options, the
// house-style profile, the board paper cover sheet (its configurable field list
// and the values filled in), and the plain data the exporters take. Types plus
// zod schemas, so the contract, the CLI and template files validate the same way.
import { z } from 'zod';
import {
  formatPeriod,
  SECTION_STATUSES,
  type Commitment,
  type EngagementActivity,
  type HwbBoard,
  type Plan,
  type SignOff,
  type StrategyPriority,
  type SectionStatus,
} from './domain';
import { boundedText, idField, TEXT_LIMITS } from './limits';

export const EXPORT_FORMATS = ['docx', 'html', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A whole plan document, or a board paper: cover sheet followed by the chosen sections. */
export const EXPORT_KINDS = ['plan', 'board_paper'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const exportId = idField;

const isoDate = boundedText('The date', TEXT_LIMITS.date, { trim: false }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD.');

export const sectionFilterSchema = z
  .object({
    /** Only sections with one of these statuses (all when omitted). */
    statuses: z.array(z.enum(SECTION_STATUSES)).max(SECTION_STATUSES.length).optional(),
    /** Only these sections (all when omitted). */
    sectionIds: z.array(exportId).max(10_000, 'Choose at most 10,000 sections.').optional(),
    /** With sectionIds: a chosen section brings its subsections with it. */
    withSubsections: z.boolean().default(true),
  })
  .strict();
export type SectionFilter = z.output<typeof sectionFilterSchema>;

/** #14 how the delivery commitments appendix is laid out. */
export const COMMITMENTS_LAYOUTS = ['auto', 'table', 'stacked'] as const;
export type CommitmentsLayout = (typeof COMMITMENTS_LAYOUTS)[number];

export const exportOptionsSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS).default('plan'),
    format: z.enum(EXPORT_FORMATS).default('docx'),
    sections: sectionFilterSchema.default({ withSubsections: true }),
    /** Reviewers' comment threads as Word comments (Word only). */
    includeComments: z.boolean().default(false),
    /** Each section's template guidance as a shaded note before its text. */
    includeGuidance: z.boolean().default(false),
    /** "1", "1.1", "1.1.1" before each section title. */
    numberHeadings: z.boolean().default(true),
    includeCommitments: z.boolean().default(true),
    /** #14 the delivery commitments as one wide table (landscape), one small table per commitment (portrait), or whichever takes fewer pages. */
    commitmentsLayout: z.enum(COMMITMENTS_LAYOUTS).default('auto'),
    includeHwbOpinions: z.boolean().default(true),
    /** #15 a "How this plan delivers the integrated care strategy" table (priority → sections and commitments). */
    includeStrategyTable: z.boolean().default(false),
    /** Shown on the title page, e.g. "Version 0.4". Defaults to the plan's revision. */
    versionLabel: boundedText('The version', TEXT_LIMITS.versionLabel).optional(),
    /** The date on the title page (YYYY-MM-DD). Defaults to today. */
    issueDate: isoDate.optional(),
    /** Board papers: cover sheet values for this export, over those saved for the plan (the CLI's --cover and --set). */
    cover: z.lazy(() => boardPaperCoverSchema).optional(),
  })
  .strict();
export type ExportOptions = z.output<typeof exportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;

// ---------------------------------------------------------------- house style

const hexColour = boundedText('A colour', TEXT_LIMITS.colour, { trim: false })
  .regex(/^#?[0-9A-Fa-f]{6}$/, 'Give colours as six hex digits, like 005EB8.')
  .transform((v) => v.replace('#', '').toUpperCase());

/** NHS identity: Arial for internally produced documents, Frutiger for professionally designed ones. */
export const HOUSE_FONTS = ['Arial', 'Frutiger'] as const;

const headingSizes = z
  .object({
    title: z.number().min(16).max(60),
    h1: z.number().min(12).max(40),
    h2: z.number().min(12).max(40),
    h3: z.number().min(12).max(40),
    h4: z.number().min(12).max(40),
  })
  .strict();

const pageSetup = z
  .object({
    size: z.literal('A4'),
    marginCm: z.number().min(1, 'Margins must be at least 1 cm.').max(5, 'Margins must be at most 5 cm.'),
  })
  .strict();

export const MAX_LOGO_BYTES = 2_000_000;

const logo = z
  .object({
    /** The PNG file, base64. */
    pngBase64: z
      .string()
      .max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 4, { message: 'The logo must be a PNG of 2 MB or less.', abort: true })
      .regex(/^iVBORw0KGgo[A-Za-z0-9+/=]*$/, 'The logo must be a PNG image.'),
    altText: boundedText("The logo's alt text", TEXT_LIMITS.logoAltText).min(1, 'Describe the logo for people who cannot see it (alt text).'),
    widthCm: z.number().min(1).max(10),
  })
  .strict();

export const houseStyleSchema = z
  .object({
    organisationName: boundedText("The organisation's name", TEXT_LIMITS.name),
    font: z.enum(HOUSE_FONTS),
    /** Body text size; 12 pt is the accessibility minimum. */
    bodySizePt: z.number().min(12, 'Body text must be at least 12 pt.').max(16),
    textColour: hexColour,
    headingColour: hexColour,
    /** Table header rows and rules. */
    accentColour: hexColour,
    /** Guidance notes and cover sheet labels. */
    shadingColour: hexColour,
    borderColour: hexColour,
    headingSizesPt: headingSizes,
    page: pageSetup,
    logo: logo.nullable(),
  })
  .strict();
export type HouseStyle = z.output<typeof houseStyleSchema>;

/** A plan's own profile: any of the defaults, overridden. */
export const houseStyleOverridesSchema = houseStyleSchema.extend({ headingSizesPt: headingSizes.partial(), page: pageSetup.partial() }).partial().strict();
export type HouseStyleOverrides = z.input<typeof houseStyleOverridesSchema>;

// ------------------------------------------------------- board paper cover sheet

export const COVER_FIELD_KINDS = [
  /** One line of text. */
  'text',
  /** Paragraphs, separated by blank lines. */
  'paragraphs',
  /** One line per item, shown as a bulleted list. */
  'list',
  /** One of `options`. */
  'choice',
  /** YYYY-MM-DD, shown as "4 March 2026". */
  'date',
] as const;
export type CoverFieldKind = (typeof COVER_FIELD_KINDS)[number];

const coverKey = boundedText('A cover sheet field key', TEXT_LIMITS.coverKey, { trim: false }).regex(
  /^[a-z][A-Za-z0-9]{0,39}$/,
  'Field keys are camelCase letters and digits.',
);

export const coverFieldSchema = z
  .object({
    key: coverKey,
    label: z.string().trim().min(1).max(120),
    kind: z.enum(COVER_FIELD_KINDS),
    options: z.array(z.string().trim().min(1).max(80)).min(2).max(12).optional(),
    required: z.boolean().default(false),
    /** Used when the field is left empty. May contain the placeholders of COVER_PLACEHOLDERS. */
    defaultValue: z.string().max(4000).optional(),
    hint: z.string().max(400).optional(),
    /** Neighbouring fields of one group ("Implications") share a row of the cover sheet, each as "Label: value". */
    group: z.string().trim().min(1).max(60).optional(),
  })
  .strict()
  .refine((f) => (f.kind === 'choice') === (f.options !== undefined), {
    message: 'A choice field needs options, and only a choice field has them.',
  });
export type CoverField = z.output<typeof coverFieldSchema>;

export const boardPaperTemplateSchema = z
  .object({
    /** Heading of the cover sheet, e.g. "Report to the Integrated Care Board". */
    heading: z.string().trim().min(1).max(200),
    /** Header row of the two-column cover table. */
    columnHeadings: z.tuple([z.string().trim().min(1).max(60), z.string().trim().min(1).max(60)]),
    fields: z
      .array(coverFieldSchema)
      .min(1)
      .max(60)
      .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, { message: 'Field keys must be unique.' }),
  })
  .strict();
export type BoardPaperTemplate = z.output<typeof boardPaperTemplateSchema>;

export const MAX_COVER_VALUE_CHARS = TEXT_LIMITS.coverValue;

/** The plan's title with its period, unless the title already says it ("Joint Forward Plan 2026/27 to 2030/31"). */
export function planName(plan: Pick<Plan, 'title' | 'startYear' | 'endYear'>): string {
  const period = formatPeriod(plan.startYear, plan.endYear);
  return plan.title.includes(period) ? plan.title : `${plan.title} ${period}`;
}

type PlaceholderPlan = Pick<Plan, 'title' | 'startYear' | 'endYear' | 'icbName' | 'isFinal'>;

/** What a cover sheet default may say about the plan; {boardAsk} follows its state (a draft is discussed, a final plan approved). */
export const COVER_PLACEHOLDERS: Record<string, (plan: PlaceholderPlan) => string> = {
  '{planName}': planName,
  '{planTitle}': (plan) => plan.title,
  '{icbName}': (plan) => plan.icbName,
  '{period}': (plan) => formatPeriod(plan.startYear, plan.endYear),
  '{boardAsk}': (plan) => (plan.isFinal ? `to approve the ${planName(plan)} for publication` : `to discuss and comment on the draft ${planName(plan)}`),
};

/** A default with the plan's values in place of its placeholders; an unknown placeholder is left out rather than shown raw. */
export function fillCoverPlaceholders(text: string, plan: PlaceholderPlan): string {
  return text.replace(/\{[A-Za-z]+\}/g, (token) => COVER_PLACEHOLDERS[token]?.(plan) ?? '');
}

/**
 * The values a person filled in, by field key. zod drops a `__proto__` key
 * without a word (it never reaches an object's prototype); it is refused
 * instead, like any other key the cover sheet does not have.
 */
export const boardPaperCoverSchema = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, '__proto__')) {
      ctx.addIssue({ code: 'custom', message: 'The cover sheet has an entry "__proto__" that the board paper template does not have.' });
    }
    return value;
  },
  z.record(coverKey, boundedText('A cover sheet entry', MAX_COVER_VALUE_CHARS, { trim: false })),
);
export type BoardPaperCover = z.output<typeof boardPaperCoverSchema>;

// --------------------------------------------------------- what exports read

/** A section as the exporters need it, in outline order. */
export interface ExportSection {
  id: string;
  parentId: string | null;
  title: string;
  /** 1 = top level. */
  depth: number;
  status: SectionStatus;
  /** Lexical's serialized editor state, as stored. */
  content: string;
  guidance: string;
}

export interface ExportCommentReply {
  id: string;
  author: string;
  initials: string;
  /** ISO date-time. */
  date: string;
  body: string;
}

/** A review thread, flattened for export: the first comment and its replies. */
export interface ExportComment extends ExportCommentReply {
  sectionId: string | null;
  /** The text the thread was anchored to ('' for a whole-section comment). */
  quote: string;
  resolved: boolean;
  replies: ExportCommentReply[];
}

export interface PlanExportData {
  plan: Plan;
  sections: ExportSection[];
  commitments: Commitment[];
  /** #15 the plan's Health and Wellbeing Boards, each with its dates and opinion. */
  hwbOpinions: HwbBoard[];
  /** #15 the plan's records beside its text (absent in data not read from a store). */
  records?: PlanRecordsExport;
  comments: ExportComment[];
  /** #15 sign-off: who signed the plan off as final, when, and the reason for each blocking item left open; null or absent when not signed off. */
  signOff?: SignOff | null;
  /** #14: the plan's named version being exported ("Version: <label>" on the title page and cover sheet); null or absent when none. */
  versionLabel?: string | null;
}

// #15 part 2: what the export prints from the plan's records
export interface PlanRecordsExport {
  engagement: EngagementActivity[];
  /** The plan's priorities that come from the integrated care strategy, with what delivers each. */
  strategy: StrategyPriority[];
  /** Template keys of the sections, by section id (the engagement block follows "How we developed this plan"). */
  templateKeys: Record<string, string>;
}

/** Something the export could not do as asked, said so that a person can fix it. */
export interface ExportWarning {
  sectionId: string | null;
  sectionTitle: string;
  message: string;
}

export interface ExportSummary {
  kind: ExportKind;
  format: ExportFormat;
  sectionCount: number;
  commentCount: number;
  warnings: ExportWarning[];
}

/** The first pages of an export, for the Export screen to show before saving. */
export interface ExportPreview {
  /** The HTML writer's page, without its <style> element. */
  html: string;
  /** The page's stylesheet, applied apart (the app's CSP refuses inline styles). */
  css: string;
  /** Everything the whole export would warn about. */
  warnings: ExportWarning[];
  /** Labels of the board paper's required cover sheet fields left empty. */
  missingCoverFields: string[];
  /** Whether only the first pages are shown. */
  truncated: boolean;
}

export interface ExportResult<T> {
  content: T;
  summary: ExportSummary;
}

// ------------------------------------------------------ accessibility checks

/** What the accessibility checker looks at in a Word document (WCAG 2.2 AA as applied to Word files). */
export const A11Y_RULES = {
  'heading-style': 'Headings use the built-in Heading styles',
  'heading-order': 'Headings go in order without skipping a level',
  'empty-heading': 'No heading is empty',
  'document-title': 'The document has a title in its properties',
  language: 'The document language is set to English (United Kingdom)',
  'table-header': 'Tables have a header row that repeats',
  'image-alt-text': 'Images have alternative text',
  'font-size': 'Body text is at least 12 point',
} as const;
export type A11yRule = keyof typeof A11Y_RULES;

export interface AccessibilityProblem {
  rule: A11yRule;
  message: string;
  /** Where in the document, in words a person can find it by ("paragraph 12, “Our priorities”"). */
  location: string;
}

export interface AccessibilityReport {
  ok: boolean;
  problems: AccessibilityProblem[];
}
