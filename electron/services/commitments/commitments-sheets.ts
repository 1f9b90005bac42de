// The delivery table laid out as spreadsheets: the "Commitments" sheet, one
// row per commitment with its planned value for each year of the plan, and
// the "Trajectories and actuals" sheet, one row per planned year and per actual
// (the long form that pivot tables and charts in Excel want). The .csv is the
// first sheet alone. Financial years are written as text ("2028/29"), never as
// numbers Excel would reformat. Import reads the same headers back.
import { RAG_LABELS, type RagStatus } from '../../../shared/domain';
import { writeCsv } from './csv-io';
import type { ExistingCommitment } from './import-plan';
import { FIELD_HEADERS, plannedHeader, type BaseImportField } from '../../../shared/import-fields';
import { TRAJECTORY_SHEET_NAME, writeXlsx, type XlsxColumn, type XlsxSheetData } from './xlsx-io';

/** What the sheets need of a commitment (the shape of shared/domain's Commitment). */
export interface SheetCommitment extends ExistingCommitment {
  rag: RagStatus;
  ragComputed: { reason: string };
  ragOverride: RagStatus | null;
  ragOverrideReason: string;
  actuals: { date: string; value: number; source: string }[];
}

export interface SheetPlan {
  title: string;
  icbName: string;
  /** The plan's five financial years (start years), in order. */
  years: number[];
  sectionTitles: ReadonlyMap<string, string>;
  formatYear(year: number): string;
}

export const DIRECTION_TEXT = { higher: 'Higher is better', lower: 'Lower is better' } as const;
export const STATUS_HEADER = 'Status';
export const STATUS_REASON_HEADER = 'Status reason';
export const TRAJECTORY_SHEET = TRAJECTORY_SHEET_NAME;
export const COMMITMENTS_SHEET = 'Commitments';

type Cell = string | number | null;

/** The "Commitments" sheet's columns, in order, and how each is filled. */
function commitmentColumns(plan: SheetPlan): { column: XlsxColumn; value: (c: SheetCommitment) => Cell }[] {
  const text = (field: BaseImportField, width: number, value: (c: SheetCommitment) => Cell) => ({ column: { header: FIELD_HEADERS[field], width }, value });
  const number = (field: BaseImportField, width: number, value: (c: SheetCommitment) => number | null) => ({
    column: { header: FIELD_HEADERS[field], width, numeric: true },
    value,
  });
  const yearText = (year: number | null) => (year === null ? null : plan.formatYear(year));
  return [
    text('id', 12, (c) => c.id),
    text('priority', 24, (c) => c.priority),
    text('commitment', 48, (c) => c.commitment),
    text('metric', 32, (c) => c.metric),
    text('baseline', 18, (c) => c.baseline),
    number('baselineValue', 12, (c) => c.baselineValue),
    // ISO dates are text too: read back the same in any locale.
    text('baselineDate', 13, (c) => c.baselineDate),
    text('baselineSource', 24, (c) => c.baselineSource),
    text('target', 18, (c) => c.target),
    text('targetYear', 11, (c) => yearText(c.targetYear)),
    text('guidanceYear', 12, (c) => c.guidanceYear),
    text('leadOrg', 28, (c) => c.leadOrg),
    text('place', 16, (c) => c.place),
    text('governanceGroup', 24, (c) => c.governanceGroup),
    text('universalArea', 28, (c) => c.universalArea),
    text('direction', 16, (c) => DIRECTION_TEXT[c.direction]),
    text('section', 28, (c) => (c.sectionId ? (plan.sectionTitles.get(c.sectionId) ?? '') : '')),
    ...plan.years.map((year) => ({
      column: { header: plannedHeader(plan.formatYear(year)), width: 14, numeric: true },
      value: (c: SheetCommitment) => c.trajectory.find((p) => p.year === year)?.planned ?? null,
    })),
    { column: { header: STATUS_HEADER, width: 12 }, value: (c) => RAG_LABELS[c.rag] },
    { column: { header: STATUS_REASON_HEADER, width: 48 }, value: (c) => (c.ragOverride ? `Set by hand: ${c.ragOverrideReason}` : c.ragComputed.reason) },
  ];
}

const TRAJECTORY_COLUMNS: XlsxColumn[] = [
  { header: 'Id', width: 12 },
  { header: 'Commitment', width: 48 },
  { header: 'Kind', width: 10 },
  { header: 'Financial year', width: 14 },
  { header: 'Date', width: 12 },
  { header: 'Value', width: 12, numeric: true },
  { header: 'Source', width: 32 },
];

/** The year (1 April to 31 March) a date falls in, as the start year. */
export function financialYearOf(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export function commitmentSheets(plan: SheetPlan, commitments: readonly SheetCommitment[]): XlsxSheetData[] {
  const columns = commitmentColumns(plan);
  const trajectoryRows: Cell[][] = [];
  for (const c of commitments) {
    for (const point of c.trajectory) {
      if (point.planned !== null) trajectoryRows.push([c.id, c.commitment, 'Planned', plan.formatYear(point.year), null, point.planned, '']);
    }
    for (const actual of c.actuals)
      trajectoryRows.push([c.id, c.commitment, 'Actual', plan.formatYear(financialYearOf(actual.date)), actual.date, actual.value, actual.source]);
  }
  return [
    { name: COMMITMENTS_SHEET, columns: columns.map((c) => c.column), rows: commitments.map((c) => columns.map((col) => col.value(c))) },
    { name: TRAJECTORY_SHEET, columns: TRAJECTORY_COLUMNS, rows: trajectoryRows },
  ];
}

export function commitmentsXlsx(plan: SheetPlan, commitments: readonly SheetCommitment[]): Promise<Buffer> {
  return writeXlsx(commitmentSheets(plan, commitments), { creator: plan.icbName || 'JFP Studio', title: `${plan.title}: delivery commitments` });
}

/** The "Commitments" sheet as .csv (a .csv holds one table; trajectories are its Planned columns). */
export function commitmentsCsv(plan: SheetPlan, commitments: readonly SheetCommitment[]): Buffer {
  const [sheet] = commitmentSheets(plan, commitments);
  return writeCsv([sheet!.columns.map((c) => c.header), ...sheet!.rows]);
}
