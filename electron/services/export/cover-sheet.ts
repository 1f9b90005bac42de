// The board paper's cover sheet as rows to draw: the configurable field list
// (templates/board-paper.json, validated) filled with what a person entered,
// defaults with the plan's values in place of their placeholders, dates written
// out, and empty required fields flagged. Shared by the Word and HTML papers,
// the preview and the CLI's check before exporting.
import boardPaperJson from '../../../templates/board-paper.json';
import type { Plan } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import {
  boardPaperCoverSchema,
  boardPaperTemplateSchema,
  fillCoverPlaceholders,
  MAX_COVER_VALUE_CHARS,
  type BoardPaperTemplate,
  type CoverField,
} from '../../../shared/export';
import { formatLongDate } from './house-style';

function parseTemplate(value: unknown, where: string): BoardPaperTemplate {
  const parsed = boardPaperTemplateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JfpError(
      'invalid_input',
      `The board paper template ${where} is not valid${issue?.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue?.message ?? 'unknown problem'}.`,
    );
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
  /** The labels of the required fields left empty. */
  missingFields: string[];
}

function linesOf(field: CoverField, value: string): string[] {
  switch (field.kind) {
    case 'paragraphs':
      return value
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
        .filter(Boolean);
    case 'list':
      return value
        .split(/\r?\n/)
        .map((line) => line.replace(/^\s*[-*\u2022]\s*/, '').trim())
        .filter(Boolean);
    case 'date':
      return [formatLongDate(value.trim())];
    default:
      return [value.replace(/\s+/g, ' ').trim()];
  }
}

/** What is wrong with a value for one field (trimmed, not empty), or null when it can be used. */
function valueProblem(field: CoverField, value: string): string | null {
  if (field.kind === 'choice' && !field.options!.includes(value)) return `"${field.label}" on the cover sheet must be one of: ${field.options!.join(', ')}.`;
  if (field.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return `"${field.label}" on the cover sheet must be a date written as YYYY-MM-DD.`;
  return null;
}

/**
 * Validates cover sheet values against the template: an entry the template has
 * no field for (`foo`, `constructor`), or a choice or date that cannot be
 * right, is refused with a sentence, so what is saved always exports.
 */
export function checkCover(template: BoardPaperTemplate, values: unknown): Record<string, string> {
  if (values !== undefined && values !== null && (typeof values !== 'object' || Array.isArray(values))) {
    throw new JfpError('invalid_input', 'The cover sheet must be a list of field names and their text, like {"meeting": "Board of NHS North Fell ICB"}.');
  }
  const known = new Map(template.fields.map((f) => [f.key, f]));
  for (const [key, raw] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    const field = known.get(key);
    if (!field) {
      const near = closestKey(key, [...known.keys()]);
      throw new JfpError('invalid_input', `Unknown field "${key.slice(0, 60)}" on the cover sheet${near ? `: did you mean "${near}"?` : '.'}`);
    }
    if (typeof raw !== 'string') throw new JfpError('invalid_input', `"${field.label}" on the cover sheet must be text, not ${describeType(raw)}.`);
    if (raw.length > MAX_COVER_VALUE_CHARS) {
      throw new JfpError(
        'invalid_input',
        `"${field.label}" on the cover sheet is too long (${raw.length.toLocaleString('en-GB')} characters); keep it to ${MAX_COVER_VALUE_CHARS.toLocaleString('en-GB')}, and put the detail in the plan.`,
      );
    }
  }
  const parsed = boardPaperCoverSchema.safeParse(values ?? {});
  if (!parsed.success) throw new JfpError('invalid_input', `The cover sheet is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`.replace(/\.?$/, '.'));
  for (const [key, raw] of Object.entries(parsed.data)) {
    const field = known.get(key);
    if (!field) throw new JfpError('invalid_input', `The cover sheet has an entry "${key}" that the board paper template does not have.`);
    const value = raw.trim();
    const problem = value ? valueProblem(field, value) : null;
    if (problem) throw new JfpError('invalid_input', problem);
  }
  return parsed.data;
}

/**
 * The saved values the template can use. Databases written before entries were
 * checked on saving may hold others (unknown keys, stale choices): they are
 * left out rather than stopping every later board paper.
 */
export function usableCover(template: BoardPaperTemplate, saved: unknown): Record<string, string> {
  const usable: Record<string, string> = {};
  if (typeof saved !== 'object' || saved === null) return usable;
  for (const field of template.fields) {
    if (!Object.prototype.hasOwnProperty.call(saved, field.key)) continue;
    const value: unknown = (saved as Record<string, unknown>)[field.key];
    if (typeof value !== 'string' || !boardPaperCoverSchema.safeParse({ [field.key]: value }).success) continue;
    if (value.trim() && valueProblem(field, value.trim())) continue;
    usable[field.key] = value;
  }
  return usable;
}

/** Validates the values against the template and lays them out; throws invalid_input for values that cannot be right. */
export function coverSheet(template: BoardPaperTemplate, values: unknown, plan: Plan): CoverSheet {
  const entered = checkCover(template, values);
  const missingRequired: string[] = [];
  const missingFields: string[] = [];
  const rows = template.fields.map((field): CoverRow => {
    let value = (entered[field.key] ?? '').trim();
    if (!value && field.defaultValue) value = fillCoverPlaceholders(field.defaultValue, plan).trim();
    const problem = value ? valueProblem(field, value) : null;
    if (problem) throw new JfpError('invalid_input', problem);
    const lines = value ? linesOf(field, value) : [];
    if (!lines.length && field.required) {
      missingRequired.push(`The cover sheet's "${field.label}" is empty.`);
      missingFields.push(field.label);
    }
    return { field, lines: lines.length ? lines : [NOT_PROVIDED], missing: !lines.length };
  });
  const titleRow = rows.find((r) => r.field.key === 'title' && !r.missing);
  return {
    heading: template.heading,
    columnHeadings: template.columnHeadings,
    title: titleRow ? titleRow.lines.join(' ') : plan.title,
    rows,
    missingRequired,
    missingFields,
  };
}

/** Each field's value when left empty, with the plan's values in place of its placeholders: what the form shows. */
export function coverDefaults(template: BoardPaperTemplate, plan: Plan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of template.fields) if (field.defaultValue) out[field.key] = fillCoverPlaceholders(field.defaultValue, plan).trim();
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true or false' : 'a group of values';
}

/** Edit distance, for suggesting the field a misspelt key meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The template key a mistyped one most likely meant ("reccomendations" → "recommendation"), or null when none is close. */
export function closestKey(key: string, keys: readonly string[]): string | null {
  const wanted = key.toLowerCase().slice(0, 60);
  let best: { key: string; score: number } | null = null;
  for (const candidate of keys) {
    const score = distance(wanted, candidate.toLowerCase());
    if (!best || score < best.score) best = { key: candidate, score };
  }
  return best && best.score <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : null;
}
