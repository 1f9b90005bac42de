// The board paper's cover sheet as rows to draw: the configurable field list
// (templates/board-paper.json, validated) filled with what a person entered,
// defaults with {planName}, {planTitle}, {icbName} and {period} filled in, dates written
// out, and empty required fields flagged. Shared by the Word and HTML papers.
import boardPaperJson from '../../../templates/board-paper.json';
import { formatPeriod, type Plan } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { boardPaperCoverSchema, boardPaperTemplateSchema, type BoardPaperTemplate, type CoverField } from '../../../shared/export';
import { formatLongDate } from './house-style';

function parseTemplate(value: unknown, where: string): BoardPaperTemplate {
  const parsed = boardPaperTemplateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JfpError('invalid_input', `The board paper template ${where} is not valid${issue?.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue?.message ?? 'unknown problem'}.`);
  }
  return parsed.data;
}

export const DEFAULT_BOARD_PAPER_TEMPLATE: BoardPaperTemplate = parseTemplate(boardPaperJson, 'in templates/board-paper.json');

/** Validates an organisation's own cover-sheet field list. */
export function boardPaperTemplate(value: unknown): BoardPaperTemplate {
  return parseTemplate(value, 'given');
}

export const NOT_PROVIDED = 'Not provided';

export interface CoverRow {
  field: CoverField;
  /** 'paragraphs' and 'list' rows carry several lines; others one. */
  lines: string[];
  /** Whether the row shows the "not provided" placeholder. */
  missing: boolean;
}

export interface CoverSheet {
  heading: string;
  columnHeadings: [string, string];
  /** The paper's title (the "title" field when the template has one, else the plan's). */
  title: string;
  rows: CoverRow[];
  /** Sentences about required fields left empty. */
  missingRequired: string[];
}

/** The plan's title with its period, unless the title already says it ("Joint Forward Plan 2026/27 to 2030/31"). */
export function planName(plan: Plan): string {
  const period = formatPeriod(plan.startYear, plan.endYear);
  return plan.title.includes(period) ? plan.title : `${plan.title} ${period}`;
}

function fillPlaceholders(text: string, plan: Plan): string {
  return text
    .replaceAll('{planName}', planName(plan))
    .replaceAll('{planTitle}', plan.title)
    .replaceAll('{icbName}', plan.icbName)
    .replaceAll('{period}', formatPeriod(plan.startYear, plan.endYear));
}

function linesOf(field: CoverField, value: string): string[] {
  switch (field.kind) {
    case 'paragraphs':
      return value.split(/\r?\n\s*\r?\n/).map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim()).filter(Boolean);
    case 'list':
      return value.split(/\r?\n/).map((line) => line.replace(/^\s*[-*\u2022]\s*/, '').trim()).filter(Boolean);
    case 'date':
      return [formatLongDate(value.trim())];
    default:
      return [value.replace(/\s+/g, ' ').trim()];
  }
}

/** Validates the values against the template and lays them out; throws invalid_input for values that cannot be right. */
export function coverSheet(template: BoardPaperTemplate, values: unknown, plan: Plan): CoverSheet {
  const parsed = boardPaperCoverSchema.safeParse(values ?? {});
  if (!parsed.success) throw new JfpError('invalid_input', `The cover sheet is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`);
  const entered = parsed.data;
  const known = new Map(template.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(entered)) {
    if (!known.has(key)) throw new JfpError('invalid_input', `The cover sheet has an entry "${key}" that the board paper template does not have.`);
  }
  const missingRequired: string[] = [];
  const rows = template.fields.map((field): CoverRow => {
    let value = (entered[field.key] ?? '').trim();
    if (!value && field.defaultValue) value = fillPlaceholders(field.defaultValue, plan).trim();
    if (value && field.kind === 'choice' && !field.options!.includes(value)) {
      throw new JfpError('invalid_input', `"${field.label}" on the cover sheet must be one of: ${field.options!.join(', ')}.`);
    }
    if (value && field.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      throw new JfpError('invalid_input', `"${field.label}" on the cover sheet must be a date written as YYYY-MM-DD.`);
    }
    const lines = value ? linesOf(field, value) : [];
    if (!lines.length && field.required) missingRequired.push(`The cover sheet's "${field.label}" is empty.`);
    return { field, lines: lines.length ? lines : [NOT_PROVIDED], missing: !lines.length };
  });
  const titleRow = rows.find((r) => r.field.key === 'title' && !r.missing);
  return {
    heading: template.heading,
    columnHeadings: template.columnHeadings,
    title: titleRow ? titleRow.lines.join(' ') : plan.title,
    rows,
    missingRequired,
  };
}
