// From a read spreadsheet and a column mapping to what an import would do:
// which rows add a commitment, which update one (matched by the Id column),
// and which are refused and why, in sentences naming the row and the column as
// Excel shows them ("Row 14, column Target year: …"). Pure: it reads the plan
// only through the context it is given, and nothing is saved here.
import type { Commitment } from '../../../shared/domain';
import { TEXT_LIMITS } from '../../../shared/limits';
import { fieldForHeader, fieldLabel, isImportField, type BaseImportField, type ImportFieldName } from '../../../shared/import-fields';
import { cellText, columnLetter, type CellValue, type SheetTable } from './sheet-table';

export type ImportMapping = Record<number, ImportFieldName | null>;

export interface YearRules {
  /** The plan's financial years (start years). */
  years: number[];
  /** The year a cell names, or a sentence refusing it (outside the plan's period, not a year). */
  parse(text: string): { ok: true; year: number } | { ok: false; message: string };
  format(year: number): string;
}

/** What the import needs to know of the commitments already in the plan (the sheets write the same fields). */
export type ExistingCommitment = Pick<
  Commitment,
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
  | 'sectionId'
  | 'trajectory'
> & { actuals: readonly { date: string; value: number; source: string }[] };

export interface ImportContext {
  years: YearRules;
  places: string[];
  systemWide: string;
  universalAreas: readonly string[];
  /** Each live section with its outline path ("Our places > Northtown > Priorities"), which tells apart sections of the same title. */
  sections: { id: string; title: string; path: string }[];
  priorities: { id: string; title: string }[];
  existing: ReadonlyMap<string, ExistingCommitment>;
}

/** The fields one row sets: only those of mapped columns. */
export interface ImportedFields {
  priority?: string;
  commitment?: string;
  metric?: string;
  baseline?: string;
  baselineValue?: number | null;
  baselineDate?: string | null;
  baselineSource?: string;
  target?: string;
  targetYear?: number | null;
  guidanceYear?: string;
  leadOrg?: string;
  place?: string;
  governanceGroup?: string;
  universalArea?: string;
  direction?: 'higher' | 'lower';
  sectionId?: string | null;
  /** Planned values of the mapped years only; other years keep theirs. */
  planned?: { year: number; planned: number | null }[];
}

export interface ImportRow {
  row: number;
  /** The commitment updated, or null for a new one. */
  id: string | null;
  /** A new row's Id cell (an id this plan does not have), which rows of the trajectories sheet may name. */
  fileId?: string;
  fields: ImportedFields;
}

export interface ImportNote {
  row: number;
  column: string;
  message: string;
}

export interface ImportPlan {
  toAdd: ImportRow[];
  toUpdate: ImportRow[];
  unchanged: number;
  /** The plan's commitments whose rows change nothing. */
  unchangedIds: Set<string>;
  /** The years whose Planned column is read (those planned values come from this sheet). */
  plannedYears: Set<number>;
  refused: ImportNote[];
  warnings: ImportNote[];
  /** Priorities named in the file that the plan does not have yet: they are added on confirm. */
  newPriorities: string[];
}

/** The first guess at which column is which: each field goes to the first column whose header names it. */
export function guessMapping(headers: string[], years: YearRules): ImportMapping {
  const readYear = (text: string) => {
    const parsed = years.parse(text);
    return parsed.ok && years.years.includes(parsed.year) ? parsed.year : null;
  };
  const taken = new Set<ImportFieldName>();
  const mapping: ImportMapping = {};
  headers.forEach((header, index) => {
    const field = fieldForHeader(header, readYear);
    mapping[index] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  });
  return mapping;
}

const MAX_TEXT = TEXT_LIMITS.commitmentCell;
const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

export class Refusal {
  constructor(readonly message: string) {}
}
export const refuse = (message: string) => new Refusal(message);

export function text(value: CellValue, what: string): string | Refusal {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return refuse(`the cell ${value.problem}.`);
  const out = value instanceof Date ? cellText(value) : cellText(value);
  if (out.length > MAX_TEXT)
    return refuse(`${what} is ${out.length.toLocaleString('en-GB')} characters long; the most a cell can hold is ${MAX_TEXT.toLocaleString('en-GB')}.`);
  return out;
}

/** A number from a number cell, or from text such as "1,234", "45%" or " 12.5 "; text that is not a number is refused. */
export function readNumber(value: CellValue): number | null | Refusal {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : refuse('the number is not finite.');
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    const cleaned = trimmed
      .replace(/^£/, '')
      .replace(/%$/, '')
      .replace(/(\d),(?=\d{3}(\D|$))/g, '$1')
      .trim();
    const n = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : NaN;
    return Number.isFinite(n) ? n : refuse(`${quote(trimmed)} is not a number. Write a number such as 75 or 12.5, or leave the cell empty.`);
  }
  if (value instanceof Date) return refuse('a date is not a number. Write a number such as 75, or leave the cell empty.');
  if (typeof value === 'boolean') return refuse(`${value ? 'TRUE' : 'FALSE'} is not a number.`);
  return refuse(`the cell ${value.problem}.`);
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
};

/** Excel's day number (1900 date system: day 1 is 1 January 1900, with its phantom 29 February 1900). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial) - (serial >= 61 ? 25569 : 25568);
  const date = new Date(days * 86400000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** A date from a date cell, a serial number, "2027-03-31" or the UK's "31/03/2027". */
export function readDate(value: CellValue): string | null | Refusal {
  if (value === null) return null;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? refuse('the date is not valid.') : isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    return excelSerialToIso(value) ?? refuse(`${value} is not a date. Write a date such as 31/03/2027.`);
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === '') return null;
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(t);
    const found = iso
      ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : uk
        ? isoDate(Number(uk[3]!.length === 2 ? `20${uk[3]}` : uk[3]), Number(uk[2]), Number(uk[1]))
        : null;
    return found ?? refuse(`${quote(t)} is not a date. Write a date such as 31/03/2027.`);
  }
  return typeof value === 'boolean' ? refuse('TRUE or FALSE is not a date.') : refuse(`the cell ${value.problem}.`);
}

export function readYearCell(value: CellValue, years: YearRules): number | null | Refusal {
  if (value === null) return null;
  if (typeof value === 'object' && !(value instanceof Date)) return refuse(`the cell ${value.problem}.`);
  const t = value instanceof Date ? String(value.getUTCFullYear()) : cellText(value);
  if (t === '') return null;
  const parsed = years.parse(t);
  return parsed.ok ? parsed.year : refuse(parsed.message);
}

function readDirection(value: CellValue): 'higher' | 'lower' | undefined | Refusal {
  const t = cellText(value).toLowerCase();
  if (t === '') return undefined;
  if (/^(higher|high|up|increase|more|\+|↑)/.test(t)) return 'higher';
  if (/^(lower|low|down|decrease|reduce|less|fewer|-|↓)/.test(t)) return 'lower';
  return refuse(`${quote(cellText(value))} does not say which way is better. Write “Higher is better” or “Lower is better”.`);
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB');

/** Works out what importing `table` with `mapping` would do; saves nothing. */
export function planImport(table: SheetTable, mapping: ImportMapping, context: ImportContext): ImportPlan {
  const refused: ImportNote[] = [];
  const warnings: ImportNote[] = [];
  const columnName = (index: number) => table.headers[index] ?? `Column ${columnLetter(index)}`;

  // The mapping itself: known fields, each used once, planned years within the plan.
  const used = new Map<ImportFieldName, number>();
  const columns: { index: number; field: ImportFieldName }[] = [];
  for (const [key, field] of Object.entries(mapping)) {
    const index = Number(key);
    if (field === null || !Number.isInteger(index) || index < 0 || index >= table.headers.length) continue;
    if (!isImportField(field)) {
      refused.push({
        row: table.headerRow,
        column: columnName(index),
        message: `Row ${table.headerRow}, column ${columnName(index)}: this column cannot be read as “${field}”.`,
      });
      continue;
    }
    if (field.startsWith('planned:') && !context.years.years.includes(Number(field.slice(8)))) {
      const label = fieldLabel(field, context.years.format);
      refused.push({
        row: table.headerRow,
        column: columnName(index),
        message: `Row ${table.headerRow}, column ${columnName(index)}: ${label} is outside this plan's period.`,
      });
      continue;
    }
    const earlier = used.get(field);
    if (earlier !== undefined) {
      refused.push({
        row: table.headerRow,
        column: columnName(index),
        message: `Row ${table.headerRow}, column ${columnName(index)}: ${fieldLabel(field, context.years.format)} is already read from column ${columnName(earlier)}. Choose one column for it.`,
      });
      continue;
    }
    used.set(field, index);
    columns.push({ index, field });
  }

  const toAdd: ImportRow[] = [];
  const toUpdate: ImportRow[] = [];
  let unchanged = 0;
  const unchangedIds = new Set<string>();
  const seenIds = new Map<string, number>();
  const newPriorities = new Map<string, string>();
  const knownPriorities = new Set(context.priorities.map((p) => p.title.trim().toLocaleLowerCase('en-GB')));
  const idColumn = used.get('id');
  const commitmentColumn = used.get('commitment');
  // The id first: which commitment a row updates decides how some of its cells read (a section title shared by several sections).
  columns.sort((a, b) => Number(b.field === 'id') - Number(a.field === 'id'));

  for (const { row, cells } of table.rows) {
    const problems: ImportNote[] = [];
    const note = (index: number, message: string) => problems.push({ row, column: columnName(index), message: `Row ${row}, column ${columnName(index)}: ${message}` });
    const fields: ImportedFields = {};
    let id: string | null = null;
    let fileId: string | undefined;

    for (const { index, field } of columns) {
      const value = cells[index] ?? null;
      const got = readField(field, value, context, table, index, id === null ? undefined : context.existing.get(id));
      if (got instanceof Refusal) {
        note(index, got.message);
        continue;
      }
      if (field === 'id') {
        const wanted = (got as string) || null;
        if (wanted) {
          const earlier = seenIds.get(wanted);
          if (earlier !== undefined) note(index, `the id ${wanted} is also on row ${earlier}; a commitment can be imported once.`);
          else seenIds.set(wanted, row);
          if (context.existing.has(wanted)) id = wanted;
          else {
            fileId = wanted;
            warnings.push({
              row,
              column: columnName(index),
              message: `Row ${row}, column ${columnName(index)}: no commitment of this plan has the id ${wanted}, so the row is added as a new one.`,
            });
          }
        }
        continue;
      }
      if (field.startsWith('planned:')) {
        (fields.planned ??= []).push({ year: Number(field.slice(8)), planned: got as number | null });
        continue;
      }
      (fields as Record<string, unknown>)[field === 'section' ? 'sectionId' : field] = got;
    }

    if (id === null && commitmentColumn === undefined) {
      problems.push({
        row,
        column: idColumn === undefined ? 'Commitment' : columnName(idColumn),
        message: `Row ${row}: choose which column holds the commitment, or an Id column that matches commitments already in the plan.`,
      });
    } else if (id === null && commitmentColumn !== undefined && !fields.commitment) {
      if (!problems.some((p) => p.column === columnName(commitmentColumn))) note(commitmentColumn, 'a new commitment needs its text. Write it in, or remove the row.');
    }
    if (problems.length > 0) {
      refused.push(...problems);
      continue;
    }
    if (fields.priority && !knownPriorities.has(fields.priority.toLocaleLowerCase('en-GB'))) {
      const key = fields.priority.toLocaleLowerCase('en-GB');
      if (!newPriorities.has(key)) {
        newPriorities.set(key, fields.priority);
        const column = columnName(used.get('priority')!);
        warnings.push({ row, column, message: `Row ${row}, column ${column}: “${fields.priority}” is not one of the plan's priorities yet; it will be added to them.` });
      }
    }
    if (id === null) toAdd.push({ row, id: null, ...(fileId ? { fileId } : {}), fields });
    else if (changes(context.existing.get(id)!, fields)) toUpdate.push({ row, id, fields });
    else {
      unchanged++;
      unchangedIds.add(id);
    }
  }
  const plannedYears = new Set(columns.filter((c) => c.field.startsWith('planned:')).map((c) => Number(c.field.slice(8))));
  return { toAdd, toUpdate, unchanged, unchangedIds, plannedYears, refused, warnings, newPriorities: [...newPriorities.values()] };
}

function readField(field: ImportFieldName, value: CellValue, context: ImportContext, table: SheetTable, index: number, current: ExistingCommitment | undefined): unknown {
  if (field.startsWith('planned:')) return readNumber(value);
  switch (field as BaseImportField) {
    case 'baselineValue':
      return readNumber(value);
    case 'baselineDate':
      return readDate(value);
    case 'targetYear':
      return readYearCell(value, context.years);
    case 'direction': {
      const direction = readDirection(value);
      return direction === undefined ? 'higher' : direction;
    }
    case 'place': {
      const t = text(value, 'The place');
      if (t instanceof Refusal || t === '') return t;
      if (/^system[\s-]*wide$/i.test(t)) return context.systemWide;
      const place = context.places.find((p) => same(p, t));
      if (place) return place;
      const names = context.places.length > 0 ? `${context.places.join(', ')} or ${context.systemWide}` : context.systemWide;
      return refuse(`${quote(t)} is not one of this plan's places (${names}).`);
    }
    case 'universalArea': {
      const t = text(value, 'The NHS universal commitment');
      if (t instanceof Refusal || t === '' || context.universalAreas.length === 0) return t;
      return context.universalAreas.find((a) => same(a, t)) ?? refuse(`${quote(t)} is not one of the NHS universal commitments in the plan template.`);
    }
    case 'section': {
      const t = text(value, 'The section');
      if (t instanceof Refusal) return t;
      if (t === '') return null;
      const byPath = context.sections.find((s) => same(s.path, t));
      if (byPath) return byPath.id;
      const named = context.sections.filter((s) => same(s.title, t));
      if (named.length === 1) return named[0]!.id;
      if (named.length === 0) return refuse(`no section of this plan is called ${quote(t)}. Write a section's title as the outline shows it, or leave the cell empty.`);
      // The row's own section, when it is one of them, is kept; otherwise the person must say which.
      if (current && named.some((s) => s.id === current.sectionId)) return current.sectionId;
      return refuse(`${named.length} sections are called ${quote(t)}. Write the one you mean with the sections above it, such as ${quote(named[0]!.path)}.`);
    }
    default:
      return text(value, `The ${(table.headers[index] ?? 'cell').toLowerCase()}`);
  }
}

/** Whether the row would change the commitment it matches. */
function changes(current: ExistingCommitment, fields: ImportedFields): boolean {
  for (const [key, value] of Object.entries(fields) as [keyof ImportedFields, unknown][]) {
    if (key === 'planned') {
      for (const point of value as { year: number; planned: number | null }[]) {
        const now = current.trajectory.find((p) => p.year === point.year)?.planned ?? null;
        if (now !== point.planned) return true;
      }
      continue;
    }
    const now = (current as unknown as Record<string, unknown>)[key];
    if (typeof now === 'string' && typeof value === 'string' ? now !== value : (now ?? null) !== (value ?? null)) return true;
  }
  return false;
}

/** The sentence-free summary a preview shows, with each column's first few values. */
export function describeColumns(table: SheetTable, mapping: ImportMapping) {
  return table.headers.map((header, index) => ({
    index,
    header,
    field: mapping[index] ?? null,
    sample: table.rows
      .map((r) => cellText(r.cells[index] ?? null))
      .filter((t) => t !== '')
      .slice(0, 3),
  }));
}
