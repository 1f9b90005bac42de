// The workbook's second sheet, "Trajectories and actuals" (one planned value or
// one actual per row, as this app exports it), read back on import. Each row
// names its commitment by the Id of the Commitments sheet: a commitment of the
// plan, or a new row of the Commitments sheet carrying that Id. A planned value
// here is imported for a year the Commitments sheet has no Planned column for
// (or a commitment it does not list); otherwise that column is the one imported
// and a different value here is pointed out. Actuals are added, except one
// the commitment already has (same date and value), so importing the same
// workbook twice adds nothing twice. Pure: nothing is saved here.
import { TEXT_LIMITS } from '../../../shared/limits';
import { Refusal, readDate, readNumber, readYearCell, text, type ImportContext, type ImportNote, type ImportPlan, type ImportRow } from './import-plan';
import type { CellValue, SheetTable } from './sheet-table';

/** Which commitment an actual goes to: one of the plan's, or the n-th row the Commitments sheet adds. */
export type ActualTarget = { id: string } | { addIndex: number };

export interface ImportActual {
  row: number;
  target: ActualTarget;
  date: string;
  value: number;
  source: string;
}

export interface TrajectoryImport {
  actuals: ImportActual[];
  /** Actual rows the commitment already had (same date and value): not added again. */
  duplicates: number;
}

const HEADERS = { id: 'id', kind: 'kind', year: 'financial year', date: 'date', value: 'value', source: 'source' } as const;
type Column = keyof typeof HEADERS;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Reads `sheet` into `plan`: planned values merge into the rows to add or update
 * (an unchanged commitment whose planned value changed becomes an update), refusals
 * and notes join the plan's, and the actuals to add are returned.
 */
export function planTrajectorySheet(sheet: SheetTable, plan: ImportPlan, context: ImportContext): TrajectoryImport {
  const where = (row: number, column: string) => `Sheet “${sheet.sheet}”, row ${row}, column ${column}`;
  const columns = new Map<Column, number>();
  sheet.headers.forEach((header, index) => {
    const found = (Object.keys(HEADERS) as Column[]).find((key) => HEADERS[key] === header.trim().toLowerCase());
    if (found && !columns.has(found)) columns.set(found, index);
  });
  const missing = (['id', 'kind', 'value'] as const).filter((c) => !columns.has(c));
  if (missing.length > 0) {
    plan.warnings.push({
      row: sheet.headerRow,
      column: '',
      message: `Sheet “${sheet.sheet}” was not read: it has no ${missing.map((c) => HEADERS[c].replace(/^./, (l) => l.toUpperCase())).join(', ')} column, as this app's export writes.`,
    });
    return { actuals: [], duplicates: 0 };
  }

  // What each Id may name.
  const addedByFileId = new Map<string, number>();
  plan.toAdd.forEach((row, index) => row.fileId && addedByFileId.set(row.fileId, index));
  const updates = new Map(plan.toUpdate.map((row) => [row.id!, row]));
  /** Planned values this sheet sets, per commitment key and year, with the row that set it. */
  const plannedHere = new Map<string, { value: number | null; row: number }>();
  const seenActuals = new Set<string>();
  const actuals: ImportActual[] = [];
  let duplicates = 0;

  for (const { row, cells } of sheet.rows) {
    const problems: ImportNote[] = [];
    const note = (column: Column, message: string) => {
      const name = sheet.headers[columns.get(column) ?? -1] ?? HEADERS[column];
      problems.push({ row, column: name, message: `${where(row, name)}: ${message}` });
    };
    const cell = (column: Column): CellValue => (columns.has(column) ? (cells[columns.get(column)!] ?? null) : null);
    const read = <T>(column: Column, got: T | Refusal): T | undefined => {
      if (got instanceof Refusal) {
        note(column, got.message);
        return undefined;
      }
      return got;
    };

    const id = read('id', text(cell('id'), 'The id'));
    let target: ActualTarget | null = null;
    if (id === '') note('id', 'say which commitment this row belongs to: its Id on the Commitments sheet.');
    else if (id !== undefined) {
      if (context.existing.has(id)) target = { id };
      else if (addedByFileId.has(id)) target = { addIndex: addedByFileId.get(id)! };
      else note('id', `no commitment of this plan or of the Commitments sheet has the id ${id}.`);
    }
    const kind = read('kind', text(cell('kind'), 'The kind'))?.toLowerCase();
    if (kind !== undefined && kind !== 'planned' && kind !== 'actual')
      note('kind', `“${String(cell('kind') ?? '')}” is not a kind of row this sheet holds. Write Planned or Actual.`);
    const value = read('value', readNumber(cell('value')));

    if (kind === 'planned') {
      const year = read('year', readYearCell(cell('year'), context.years));
      if (year === null) note('year', 'a planned value needs its financial year, such as 2027/28.');
      if (problems.length === 0 && target && year !== undefined && year !== null && value !== undefined) {
        mergePlanned(target, year, value, row);
      }
    } else if (kind === 'actual') {
      const date = read('date', readDate(cell('date')));
      if (date === null) note('date', 'an actual needs its date, such as 31/03/2027.');
      else if (date !== undefined && date > today()) note('date', 'the date of the actual cannot be in the future.');
      if (value === null) note('value', 'an actual needs its value.');
      const source = read('source', text(cell('source'), 'The source')) ?? '';
      if (source.length > TEXT_LIMITS.commitmentCell) note('source', 'the source is too long.');
      if (problems.length === 0 && target && date && typeof value === 'number') {
        const key = `${keyOf(target)}|${date}|${value}`;
        const had = 'id' in target && context.existing.get(target.id)!.actuals.some((a) => a.date === date && a.value === value);
        if (had || seenActuals.has(key)) duplicates++;
        else {
          seenActuals.add(key);
          actuals.push({ row, target, date, value, source });
        }
      }
    }
    if (problems.length > 0) plan.refused.push(...problems);
  }
  return { actuals, duplicates };

  function keyOf(target: ActualTarget): string {
    return 'id' in target ? `id:${target.id}` : `add:${target.addIndex}`;
  }

  function mergePlanned(target: ActualTarget, year: number, value: number | null, row: number): void {
    const key = `${keyOf(target)}|${year}`;
    const earlier = plannedHere.get(key);
    const yearText = context.years.format(year);
    if (earlier && earlier.value !== value) {
      plan.refused.push({
        row,
        column: 'Value',
        message: `${where(row, 'Value')}: row ${earlier.row} gives ${yearText} another planned value. Keep one of them.`,
      });
      return;
    }
    plannedHere.set(key, { value, row });
    const current = 'id' in target ? (context.existing.get(target.id)!.trajectory.find((p) => p.year === year)?.planned ?? null) : null;
    const importRow: ImportRow | undefined = 'id' in target ? updates.get(target.id) : plan.toAdd[target.addIndex];
    const onCommitmentsSheet = importRow !== undefined || ('id' in target && plan.unchangedIds.has(target.id));
    if (onCommitmentsSheet && plan.plannedYears.has(year)) {
      // The Commitments sheet's Planned column is the one imported, so importing the same file twice gives the same plan.
      const there = importRow?.fields.planned?.find((p) => p.year === year)?.planned ?? (importRow ? null : current);
      if (there !== value) {
        const column = 'Value';
        plan.warnings.push({
          row,
          column,
          message: `${where(row, column)}: the planned value ${value ?? '(none)'} for ${yearText} differs from the Commitments sheet's ${there ?? '(none)'}, which is the one imported. Change it there.`,
        });
      }
      return;
    }
    if (value === current) return;
    if (importRow) {
      (importRow.fields.planned ??= []).push({ year, planned: value });
      return;
    }
    // A commitment of the plan not changed by the Commitments sheet, whose planned value changes here: it becomes an update.
    const id = (target as { id: string }).id;
    const update: ImportRow = { row, id, fields: { planned: [{ year, planned: value }] } };
    plan.toUpdate.push(update);
    updates.set(id, update);
    if (plan.unchangedIds.delete(id)) plan.unchanged -= 1;
  }
}
