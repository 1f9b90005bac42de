// The delivery table in and out of Excel: exportCommitments (.xlsx, .csv or the
// Word delivery appendix), previewCommitmentImport (which column is which, what
// would be added, updated or refused, and why) and confirmCommitmentImport (all
// of it in one transaction, or nothing). Files are chosen through the app's
// ports, as every other file method is; the CLI answers them with its
// arguments. A previewed file is kept in memory by its importId (a few at a
// time, for half an hour) so the person can change the mapping and confirm
// without the file being read again; nothing is saved until confirm.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { MethodResult, ParsedInput } from '../../../shared/contract';
import { NHS_UNIVERSAL_AREAS, SYSTEM_WIDE, type CommitmentImportPreview, type ImportField, type Plan } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { formatFinancialYear, parseFinancialYear, type PlanPeriod } from '../../../shared/financial-year';
import type { CommitmentInput } from '../store/commitments';
import { writeFileAtomic } from '../export/atomic-write';
import { resolveHouseStyle } from '../export/house-style';
import { safeFileName } from '../file-name';
import type { ExportPorts } from '../ports';
import { refuseDatabaseTarget } from '../save-target';
import type { Store } from '../store';
import { commitmentsCsv, commitmentsXlsx, type SheetPlan } from './commitments-sheets';
import { describeColumns, guessMapping, planImport, type ImportContext, type ImportedFields, type ImportMapping, type ImportPlan, type YearRules } from './import-plan';
import { planTrajectorySheet, type TrajectoryImport } from './import-trajectories';
import type { SheetTable } from './sheet-table';
import { readSpreadsheetFile } from './spreadsheet-file';
import { backUpBeforeImport } from '../backups/backup-service'; // #16 backups

export interface ExcelServiceContext {
  store: Store;
  ports?: ExportPorts;
}

const NO_PORTS = 'Choosing files needs the app window; from a terminal use `jfp commitments PLAN --xlsx FILE` or `jfp import-commitments PLAN FILE`.';

function needPorts(context: ExcelServiceContext): ExportPorts {
  if (!context.ports) throw new JfpError('invalid_input', NO_PORTS);
  return context.ports;
}

const period = (plan: Pick<Plan, 'startYear' | 'endYear'>): PlanPeriod => ({ startYear: plan.startYear, endYear: plan.endYear });

function planYearsOf(plan: Pick<Plan, 'startYear' | 'endYear'>): number[] {
  const years: number[] = [];
  for (let y = plan.startYear; y <= plan.endYear; y++) years.push(y);
  return years;
}

function yearRules(plan: Plan): YearRules {
  return {
    years: planYearsOf(plan),
    parse: (text) => {
      const parsed = parseFinancialYear(text, period(plan));
      return parsed.ok ? { ok: true, year: parsed.year } : parsed;
    },
    format: formatFinancialYear,
  };
}

// ---------------------------------------------------------------- export

export const EXPORT_FORMATS = ['xlsx', 'csv', 'docx'] as const;

/** What the Section column says of each section: its title, or its outline path where another section has the same title. */
function sectionLabels(store: Store, planId: string): Map<string, string> {
  const sections = sectionPaths(store, planId);
  const count = new Map<string, number>();
  for (const s of sections) count.set(s.title.toLowerCase(), (count.get(s.title.toLowerCase()) ?? 0) + 1);
  return new Map(sections.map((s) => [s.id, count.get(s.title.toLowerCase())! > 1 ? s.path : s.title]));
}

/** The bytes of the delivery table in the given format. */
export async function commitmentsFile(store: Store, planId: string, format: (typeof EXPORT_FORMATS)[number]): Promise<Buffer> {
  const plan = store.plans.get(planId);
  const commitments = store.commitments.list(planId);
  // Loaded at first use, as exceljs and docx are: importing comments or editing never pays for them.
  if (format === 'docx')
    return (await import('./delivery-appendix-docx')).deliveryAppendixDocx(plan, commitments, resolveHouseStyle(store.exportSettings.get(planId).houseStyle));
  const sheetPlan: SheetPlan = {
    title: plan.title,
    icbName: plan.icbName,
    years: planYearsOf(plan),
    sectionTitles: sectionLabels(store, planId),
    formatYear: formatFinancialYear,
  };
  return format === 'xlsx' ? commitmentsXlsx(sheetPlan, commitments) : commitmentsCsv(sheetPlan, commitments);
}

export async function exportCommitments(context: ExcelServiceContext, input: ParsedInput<'exportCommitments'>): Promise<MethodResult<'exportCommitments'>> {
  const { store } = context;
  const plan = store.plans.get(input.planId);
  const suggested = `${safeFileName(`${plan.title} - delivery commitments`, 120)}.${input.format}`;
  const target = await needPorts(context).chooseSavePath(suggested, input.format);
  if (!target) return { fileName: null };
  refuseDatabaseTarget(store.file, target);
  await writeFileAtomic(target, await commitmentsFile(store, input.planId, input.format));
  return { fileName: path.basename(target) };
}

// ---------------------------------------------------------------- import

interface PreparedImport {
  importId: string;
  planId: string;
  table: SheetTable;
  at: number;
}

/** How many read files are kept, and for how long: enough for a person to fix a mapping, not a store of files. */
export const PREPARED_LIMIT = 4;
export const PREPARED_TTL_MS = 30 * 60 * 1000;
const EXPIRED = 'This import has expired or was already saved. Choose the file again.';

const preparedByStore = new WeakMap<Store, Map<string, PreparedImport>>();

function preparedImports(store: Store): Map<string, PreparedImport> {
  let map = preparedByStore.get(store);
  if (!map) preparedByStore.set(store, (map = new Map()));
  const oldest = Date.now() - PREPARED_TTL_MS;
  for (const [id, entry] of map) if (entry.at < oldest) map.delete(id);
  return map;
}

function keep(store: Store, entry: PreparedImport): void {
  const map = preparedImports(store);
  map.set(entry.importId, entry);
  // Map keeps insertion order: the first keys are the oldest.
  while (map.size > PREPARED_LIMIT) map.delete(map.keys().next().value!);
}

function prepared(store: Store, importId: string, planId?: string): PreparedImport {
  const entry = preparedImports(store).get(importId);
  if (!entry || (planId !== undefined && entry.planId !== planId)) throw new JfpError('not_found', EXPIRED);
  entry.at = Date.now();
  return entry;
}

/** Each live section with its outline path, for the Section column (export writes the path only where a title is not unique). */
export function sectionPaths(store: Store, planId: string): { id: string; title: string; path: string }[] {
  const sections = store.sections.list(planId);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let s = byId.get(id); s && names.length < 10; s = s.parentId ? byId.get(s.parentId) : undefined) names.unshift(s.title);
    return names.join(' > ');
  };
  return sections.map((s) => ({ id: s.id, title: s.title, path: pathOf(s.id) }));
}

function importContext(store: Store, planId: string): ImportContext {
  const plan = store.plans.get(planId);
  return {
    years: yearRules(plan),
    places: plan.places,
    systemWide: SYSTEM_WIDE,
    universalAreas: NHS_UNIVERSAL_AREAS,
    sections: sectionPaths(store, planId),
    priorities: store.priorities.list(planId).map((p) => ({ id: p.id, title: p.title })),
    existing: new Map(store.commitments.list(planId).map((c) => [c.id, c])),
  };
}

/** The contract's mapping (column numbers as text) as the planner's; columns not named are ignored. */
function toMapping(given: Record<string, ImportField | null> | undefined, table: SheetTable, years: YearRules): ImportMapping {
  if (!given) return guessMapping(table.headers, years);
  const mapping: ImportMapping = {};
  for (let i = 0; i < table.headers.length; i++) mapping[i] = given[String(i)] ?? null;
  return mapping;
}

/** The whole import: the Commitments sheet with the mapping, then the workbook's trajectories and actuals sheet if it has one. */
function planWorkbook(table: SheetTable, mapping: ImportMapping, context: ImportContext): { plan: ImportPlan; trajectories: TrajectoryImport } {
  const plan = planImport(table, mapping, context);
  const trajectories = table.trajectories ? planTrajectorySheet(table.trajectories, plan, context) : { actuals: [], duplicates: 0 };
  return { plan, trajectories };
}

function toPreview(entry: PreparedImport, mapping: ImportMapping, { plan, trajectories }: ReturnType<typeof planWorkbook>): CommitmentImportPreview {
  return {
    importId: entry.importId,
    fileName: entry.table.fileName,
    sheet: entry.table.sheet,
    rowCount: entry.table.rows.length,
    columns: describeColumns(entry.table, mapping) as CommitmentImportPreview['columns'],
    mapping: mapping as CommitmentImportPreview['mapping'],
    toAdd: plan.toAdd.length,
    toUpdate: plan.toUpdate.length,
    refused: plan.refused,
    warnings: plan.warnings,
    actualsSheet: entry.table.trajectories?.sheet ?? null,
    actualsToAdd: trajectories.actuals.length,
    actualsAlreadyThere: trajectories.duplicates,
  };
}

/** Reads a spreadsheet file and previews importing it into the plan (the CLI and tests call this with a path). */
export async function previewFile(store: Store, planId: string, file: string): Promise<CommitmentImportPreview> {
  store.plans.assertEditable(planId);
  const table = await readSpreadsheetFile(file);
  const entry: PreparedImport = { importId: randomUUID(), planId, table, at: Date.now() };
  keep(store, entry);
  const context = importContext(store, planId);
  const mapping = guessMapping(table.headers, context.years);
  return toPreview(entry, mapping, planWorkbook(table, mapping, context));
}

export async function previewCommitmentImport(
  context: ExcelServiceContext,
  input: ParsedInput<'previewCommitmentImport'>,
): Promise<MethodResult<'previewCommitmentImport'>> {
  const { store } = context;
  store.plans.assertEditable(input.planId);
  if (input.importId === undefined) {
    if (input.mapping !== undefined) throw new JfpError('invalid_input', 'Choose the file to import before choosing its columns.');
    const file = await needPorts(context).chooseOpenPath('spreadsheet');
    if (!file) return null;
    return previewFile(store, input.planId, file);
  }
  const entry = prepared(store, input.importId, input.planId);
  const importing = importContext(store, input.planId);
  const mapping = toMapping(input.mapping, entry.table, importing.years);
  return toPreview(entry, mapping, planWorkbook(entry.table, mapping, importing));
}

/** The store's input for one imported row: the planned years become the trajectory (years not in the file keep theirs). */
function toInput(fields: ImportedFields): CommitmentInput {
  const { planned, ...rest } = fields;
  const input: CommitmentInput = { ...rest };
  if (planned) input.trajectory = planned;
  return input;
}

function refusedSentence(plan: ImportPlan): string {
  const rows = new Set(plan.refused.map((r) => r.row)).size;
  const first = plan.refused[0]!.message;
  return `Nothing was imported: ${rows} ${rows === 1 ? 'row is' : 'rows are'} refused. ${first}${plan.refused.length > 1 ? ` (and ${plan.refused.length - 1} more)` : ''}`;
}

export async function confirmCommitmentImport(
  context: ExcelServiceContext,
  input: ParsedInput<'confirmCommitmentImport'>,
): Promise<MethodResult<'confirmCommitmentImport'>> {
  const { store } = context;
  const entry = prepared(store, input.importId);
  await backUpBeforeImport(store, 'before-commitments-import'); // #16 backups: a backup before every import
  const result = store.write(() => {
    store.plans.assertEditable(entry.planId);
    // Planned again inside the transaction: what the rows are checked against cannot change before they are saved.
    const importing = importContext(store, entry.planId);
    const { plan, trajectories } = planWorkbook(entry.table, toMapping(input.mapping, entry.table, importing.years), importing);
    if (plan.refused.length > 0) throw new JfpError('invalid_input', refusedSentence(plan));
    const at = (row: number, work: () => void) => {
      try {
        work();
      } catch (error) {
        if (error instanceof JfpError) throw new JfpError(error.code, `Nothing was imported. Row ${row}: ${error.message}`);
        throw error;
      }
    };
    // Added in one call (one look-up of the plan and of the next position), row by row only to name a row the store refuses.
    let added: { id: string }[];
    try {
      added = store.commitments.addMany(
        entry.planId,
        plan.toAdd.map((row) => toInput(row.fields)),
      );
    } catch (error) {
      if (!(error instanceof JfpError)) throw error;
      for (const row of plan.toAdd) at(row.row, () => store.commitments.add(entry.planId, toInput(row.fields)));
      throw error;
    }
    for (const row of plan.toUpdate) {
      at(row.row, () => {
        const current = store.commitments.get(row.id!);
        store.commitments.update(row.id!, current.revision, toInput(row.fields));
      });
    }
    // Each commitment's actuals in one insert and one revision step.
    const actualsOf = new Map<string, { date: string; value: number; source: string }[]>();
    for (const actual of trajectories.actuals) {
      const id = 'id' in actual.target ? actual.target.id : added[actual.target.addIndex]!.id;
      let list = actualsOf.get(id);
      if (!list) actualsOf.set(id, (list = []));
      list.push({ date: actual.date, value: actual.value, source: actual.source });
    }
    for (const [id, actuals] of actualsOf) store.commitments.addActuals(id, actuals);
    if (plan.toAdd.length + plan.toUpdate.length + trajectories.actuals.length > 0) store.plans.touch(entry.planId);
    return { added: plan.toAdd.length, updated: plan.toUpdate.length, actualsAdded: trajectories.actuals.length };
  });
  preparedImports(store).delete(entry.importId);
  return result;
}
