// The one shape an imported spreadsheet takes, whether it came from an .xlsx
// or a .csv: a header row and the data rows under it, each cell reduced to a
// plain value, with the row numbers the person sees in Excel so every refusal
// can name them. Limits are checked here, before anything is read in full.
import { JfpError } from '../../../shared/errors';

/** A cell as read: text, a number, a date, a true/false, or a problem that refuses it (an error value, a formula with no saved result). */
export type CellValue = string | number | boolean | Date | null | { problem: string };

export interface SheetRow {
  /** The row number shown in Excel (1 = the first row of the sheet). */
  row: number;
  cells: CellValue[];
}

export interface SheetTable {
  fileName: string;
  sheet: string;
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
  /** A workbook's "Trajectories and actuals" sheet (planned values and actuals, one per row), when it has one. */
  trajectories?: SheetTable;
}

/** A file over this size is refused before it is opened: no delivery table comes near it. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Rows read from one sheet at most; reading stops at the first row past it. */
export const MAX_IMPORT_ROWS = 50_000;
/** Columns of one sheet at most. */
export const MAX_IMPORT_COLUMNS = 200;

export const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export function tooManyRows(fileName: string, sheet: string): JfpError {
  return new JfpError(
    'invalid_input',
    `${sheet ? `The sheet “${sheet}” of ${fileName}` : fileName} has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows, more than a delivery table can hold. Copy the commitments into a smaller file and import that.`,
  );
}

export function tooManyColumns(fileName: string): JfpError {
  return new JfpError(
    'invalid_input',
    `${fileName} has more than ${MAX_IMPORT_COLUMNS} columns. Remove the columns that are not part of the delivery table and import it again.`,
  );
}

/** The text of a cell as a person would read it (for headers and samples). */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value.trim();
}

const isBlank = (value: CellValue) => value === null || (typeof value === 'string' && value.trim() === '');

/** Finds the header row (the first row with anything in it) and keeps the non-empty rows under it. */
export function toSheetTable(fileName: string, sheet: string, rows: SheetRow[]): SheetTable {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  const header = nonEmpty[0];
  if (!header) throw new JfpError('invalid_input', `${fileName} has no rows to import. The first row should name the columns, such as Commitment, Metric and Target.`);
  let width = header.cells.length;
  while (width > 0 && isBlank(header.cells[width - 1]!)) width--;
  const headers = header.cells.slice(0, width).map((c, i) => cellText(c) || `Column ${columnLetter(i)}`);
  return { fileName, sheet, headerRow: header.row, headers, rows: nonEmpty.slice(1) };
}

/** "A", "B", … "AA": the spreadsheet's letter for a column index counted from 0. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
