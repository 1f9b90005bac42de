// The columns of the delivery table as a spreadsheet: what this app writes in
// its header row, what each maps to on import, and the headers other people's
// spreadsheets use for the same thing ("Lead", "Target date", "2027/28"), so the
// import's first guess at the mapping is right for most files.

import type { ImportField } from './domain';

export type ImportFieldName = ImportField;
export type PlannedField = `planned:${number}`;
export type BaseImportField = Exclude<ImportField, PlannedField>;

/** The header this app writes for each field, in the order of its export. */
export const FIELD_HEADERS: Record<BaseImportField, string> = {
  id: 'Id',
  priority: 'Priority',
  commitment: 'Commitment',
  metric: 'Metric',
  baseline: 'Baseline',
  baselineValue: 'Baseline value',
  baselineDate: 'Baseline date',
  baselineSource: 'Baseline source',
  target: 'Target',
  targetYear: 'Target year',
  guidanceYear: 'Guidance year',
  leadOrg: 'Lead organisation',
  place: 'Place',
  governanceGroup: 'Governance group',
  universalArea: 'NHS universal commitment',
  direction: 'Better when',
  section: 'Section',
};

/** Other headers seen in ICBs' delivery spreadsheets, compared without case, spaces or punctuation. */
const SYNONYMS: Record<BaseImportField, string[]> = {
  id: ['id', 'commitment id', 'jfp id', 'row id'],
  priority: ['priority', 'priority or programme', 'programme', 'strategic priority', 'priority area', 'theme', 'ambition'],
  commitment: ['commitment', 'delivery commitment', 'commitments', 'action', 'what we will do', 'deliverable', 'objective'],
  metric: ['metric', 'measure', 'indicator', 'kpi', 'how we will measure', 'measure of success'],
  baseline: ['baseline', 'current position', 'starting point'],
  baselineValue: ['baseline value', 'baseline number', 'baseline figure'],
  baselineDate: ['baseline date', 'baseline as at', 'baseline period'],
  baselineSource: ['baseline source', 'source', 'data source'],
  target: ['target', 'ambition target', 'target value'],
  targetYear: ['target year', 'target date', 'year', 'by when', 'deadline', 'target financial year', 'delivery year', 'timescale'],
  guidanceYear: ['guidance year', 'planning guidance year', 'planning guidance'],
  leadOrg: ['lead organisation', 'lead', 'lead organization', 'lead org', 'responsible organisation', 'owner', 'lead partner'],
  place: ['place', 'locality', 'area', 'system wide or place'],
  governanceGroup: ['governance group', 'governance', 'oversight group', 'oversight', 'reporting to', 'accountable board', 'board'],
  universalArea: ['nhs universal commitment', 'universal commitment', 'nhs universal commitments', 'universal area', 'universal commitment area'],
  direction: ['better when', 'direction', 'direction of travel', 'polarity', 'higher or lower is better', 'good is'],
  section: ['section', 'plan section', 'chapter'],
};

export const normaliseHeader = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

const BY_HEADER = new Map<string, BaseImportField>();
for (const [field, names] of Object.entries(SYNONYMS) as [BaseImportField, string[]][]) {
  for (const name of [FIELD_HEADERS[field], ...names]) if (!BY_HEADER.has(normaliseHeader(name))) BY_HEADER.set(normaliseHeader(name), field);
}

/** The header this app writes for a year's planned value. */
export const plannedHeader = (yearLabel: string) => `Planned ${yearLabel}`;

/** The field a header names, if any. `readYear` reads "2027/28", "FY27/28", "Planned 2027/28" and the like as a plan year. */
export function fieldForHeader(header: string, readYear: (text: string) => number | null): ImportFieldName | null {
  const key = normaliseHeader(header);
  const known = BY_HEADER.get(key);
  if (known) return known;
  const yearText = header.replace(/^\s*(planned|plan|trajectory|target|ambition)\s*(for\s*)?/i, '').replace(/\s*(plan|planned|trajectory)\s*$/i, '');
  const year = readYear(yearText);
  return year === null ? null : `planned:${year}`;
}

/** What a field is called in sentences and in the mapping list. */
export function fieldLabel(field: ImportFieldName, formatYear: (year: number) => string): string {
  if (field.startsWith('planned:')) return plannedHeader(formatYear(Number(field.slice('planned:'.length))));
  return FIELD_HEADERS[field as BaseImportField];
}

export const BASE_FIELDS = Object.keys(FIELD_HEADERS) as BaseImportField[];

export function isImportField(value: string): value is ImportFieldName {
  return (BASE_FIELDS as string[]).includes(value) || /^planned:\d{4}$/.test(value);
}

/** "3 actuals to add, 40 already in the plan (not added again)". */
export function actualsSummary(preview: { actualsToAdd: number; actualsAlreadyThere: number }): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  const there = preview.actualsAlreadyThere > 0 ? `, ${n(preview.actualsAlreadyThere, 'actual', 'actuals')} already in the plan (not added again)` : '';
  return `${n(preview.actualsToAdd, 'actual', 'actuals')} to add${there}`;
}
