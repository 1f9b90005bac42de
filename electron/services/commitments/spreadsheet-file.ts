// Opening the file a person chose to import: refused by size before a byte of
// it is parsed, then read as .xlsx or .csv by what its first bytes say (a
// workbook renamed .csv is still a workbook), with the extension deciding only
// for plain text.
import fs from 'node:fs';
import path from 'node:path';
import { JfpError } from '../../../shared/errors';
import { readCsv } from './csv-io';
import { MAX_IMPORT_BYTES, megabytes, toSheetTable, type SheetTable } from './sheet-table';
import { readXlsx } from './xlsx-io';

const OLE_OR_ZIP = (b: Uint8Array) => (b[0] === 0x50 && b[1] === 0x4b) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);

/** Reads a spreadsheet's bytes (already within the size limit). */
export async function readSpreadsheetBytes(bytes: Uint8Array, fileName: string): Promise<SheetTable> {
  const extension = path.extname(fileName).toLowerCase();
  if (OLE_OR_ZIP(bytes) || extension === '.xlsx' || extension === '.xlsm' || extension === '.xls') {
    const { sheet, rows, trajectories } = await readXlsx(bytes, fileName);
    const table = toSheetTable(fileName, sheet, rows);
    // An empty second sheet (a table with no trajectories) is no error: there is simply nothing in it.
    if (trajectories && trajectories.rows.some((r) => r.cells.some((c) => c !== null && c !== ''))) {
      table.trajectories = toSheetTable(fileName, trajectories.sheet, trajectories.rows);
    }
    return table;
  }
  if (extension === '.numbers' || extension === '.ods') {
    throw new JfpError('invalid_input', `${fileName} is not an Excel workbook. Save it as .xlsx or .csv and import that.`);
  }
  return toSheetTable(fileName, '', readCsv(bytes, fileName));
}

/** Reads the file at `file`, refusing one over the size limit before reading it. */
export async function readSpreadsheetFile(file: string): Promise<SheetTable> {
  const fileName = path.basename(file);
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new JfpError('invalid_input', `${fileName} is a folder, not a spreadsheet.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof JfpError) throw error;
    throw new JfpError('io_error', `${fileName} could not be opened.`);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new JfpError(
      'invalid_input',
      `${fileName} is ${megabytes(size)}, larger than the ${megabytes(MAX_IMPORT_BYTES)} a delivery table import can be; it was not read. Copy the commitments into a smaller file and import that.`,
    );
  }
  if (size === 0) throw new JfpError('invalid_input', `${fileName} is empty.`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new JfpError('io_error', `${fileName} could not be read.`);
  }
  return readSpreadsheetBytes(bytes, fileName);
}
