// Reading an .xlsx workbook someone chose, without trusting it, and writing
// the delivery table as one. Before exceljs loads anything, the file is looked
// at cheaply: an encrypted workbook (Excel keeps those in an OLE container, not
// a zip) or an old .xls is named as such, and every worksheet part is streamed
// through the inflater counting rows, stopping at the first row past the limit,
// so a million-row sheet costs a few megabytes and a fraction of a second.
// Cells are then reduced to plain values: a formula gives its saved result
// (never evaluated), a merged area gives its value to every cell it covers,
// rich text gives its text, an error value refuses the cell.
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { JfpError } from '../../../shared/errors';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, tooManyColumns, tooManyRows, type CellValue, type SheetRow } from './sheet-table';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Most bytes all the worksheets may inflate to together (what exceljs then holds in memory). */
const MAX_SHEET_XML_BYTES = 200 * 1024 * 1024;

const invalid = (message: string) => new JfpError('invalid_input', message);
/** exceljs (some 27 MB once loaded), loaded when a workbook is first read or written, not with the services. */
const loadExcelJs = async () => (await import('exceljs')).default;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** UTF-16 text as it sits in an OLE file's directory (stream names). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, 'utf16le'));
}

/** Refuses what is not an .xlsx workbook, naming what it is when that can be told. */
export function checkXlsxContainer(bytes: Uint8Array, fileName: string): void {
  if (startsWith(bytes, OLE_MAGIC)) {
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) {
      throw invalid(
        `${fileName} is password-protected, so it cannot be read. Open it in Excel, remove the password (File, Info, Protect Workbook), save it and import it again.`,
      );
    }
    throw invalid(`${fileName} is an Excel 97-2003 workbook (.xls). Open it in Excel and save it as an Excel Workbook (.xlsx), then import that.`);
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw invalid(`${fileName} is not an Excel workbook (.xlsx). Choose an .xlsx or .csv file.`);
  }
}

const ROW = Buffer.from('row');
/** Bytes that may follow a tag name: space, tab, line feed, carriage return, ">" and "/". */
const AFTER_NAME = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const NAME_BYTE = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x2d || b === 0x2e;

/**
 * Row start tags (`<row …>`, or `<x:row …>` with a namespace prefix) whose "row"
 * begins before `end`, found with the native byte search rather than by decoding text.
 */
export function countRowTags(bytes: Buffer, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(ROW); at !== -1 && at < end; at = bytes.indexOf(ROW, at + 3)) {
    if (at + 3 >= bytes.length || !AFTER_NAME.has(bytes[at + 3]!)) continue;
    const before = bytes[at - 1];
    if (before === 0x3c) count++;
    else if (before === 0x3a) {
      // A prefix: name characters back to the "<".
      let k = at - 2;
      while (k >= 0 && NAME_BYTE(bytes[k]!)) k--;
      if (k >= 0 && k < at - 2 && bytes[k] === 0x3c) count++;
    }
  }
  return count;
}

/**
 * Streams every worksheet part through the inflater counting its rows; stops
 * (and refuses) at the first row past the limit, and refuses a workbook whose
 * sheets would inflate past the memory budget. `seen` is told how many bytes were
 * inflated (tests show that a refusal stops early).
 */
export function checkXlsxSize(bytes: Uint8Array, fileName: string, seen: { inflatedBytes: number } = { inflatedBytes: 0 }): void {
  let failure: JfpError | null = null;
  let inflated = 0;
  const unzip = new Unzip((file) => {
    if (failure || !/^xl\/worksheets\/[^/]+\.xml$/i.test(file.name)) return;
    let rows = 0;
    let tail = Buffer.alloc(0);
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = invalid(`${fileName} is damaged (${error.message}). Open it in Excel, save it again and import that.`);
        return;
      }
      inflated += chunk.length;
      if (inflated > MAX_SHEET_XML_BYTES) {
        failure = invalid(
          `${fileName} holds more data than a delivery table can (its sheets are over ${MAX_SHEET_XML_BYTES / (1024 * 1024)} MB unpacked); it was not read.`,
        );
        file.terminate();
        return;
      }
      // The tail carries a tag cut in two by the chunk boundary (a prefixed tag name is short); its rows are counted with the next chunk.
      const bytes = tail.length ? Buffer.concat([tail, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const end = final ? bytes.length : Math.max(0, bytes.length - 40);
      rows += countRowTags(bytes, end);
      tail = final ? Buffer.alloc(0) : Buffer.from(bytes.subarray(end));
      if (rows > MAX_IMPORT_ROWS + 1) {
        failure = tooManyRows(fileName, '');
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    // In small slices: a well-compressed sheet inflates a hundredfold, and a refusal should stop the work early, not after one huge slice.
    const step = 16 * 1024;
    for (let at = 0; at < bytes.length && !failure; at += step) unzip.push(bytes.subarray(at, at + step), at + step >= bytes.length);
  } catch (error) {
    if (!failure) throw invalid(`${fileName} is damaged (${(error as Error).message}). Open it in Excel, save it again and import that.`);
  }
  seen.inflatedBytes = inflated;
  if (failure) throw failure;
}

/** A cell's value as a plain value; a formula gives its saved result, never evaluated. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('error' in value && value.error !== undefined) return { problem: `holds the error ${String(value.error)}` };
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      return { problem: 'is a formula with no saved result (JFP Studio never runs formulas); open the file in Excel, save it and import it again' };
    }
    if (typeof result === 'object' && result !== null && 'error' in result)
      return { problem: `is a formula whose result is the error ${String((result as { error: unknown }).error)}` };
    return plainValue(result as ExcelJS.CellValue);
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

export interface XlsxSheet {
  sheet: string;
  rows: SheetRow[];
  /** The "Trajectories and actuals" sheet this app writes beside the commitments, when the workbook has it. */
  trajectories?: { sheet: string; rows: SheetRow[] };
}

/** The sheet of planned values and actuals, found by the name this app's export gives it. */
export const TRAJECTORY_SHEET_NAME = 'Trajectories and actuals';

function sheetRows(sheet: ExcelJS.Worksheet, fileName: string): SheetRow[] {
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName, sheet.name);
  if (sheet.columnCount > MAX_IMPORT_COLUMNS) throw tooManyColumns(fileName);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged area's other cells read as its top-left cell, so "Start well" merged over five rows belongs to all five.
      const source = cell.isMerged && cell.master !== cell ? cell.master : cell;
      cells[column - 1] = plainValue(source.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The sheet to import: one called "Commitments" (as this app exports) if there is one, else the first worksheet; and the trajectories sheet. */
export async function readXlsx(bytes: Uint8Array, fileName: string): Promise<XlsxSheet> {
  checkXlsxContainer(bytes, fileName);
  checkXlsxSize(bytes, fileName);
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // exceljs types want a Node Buffer; the bytes are not copied.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid(`${fileName} could not be read as an Excel workbook (${(error as Error).message}). Open it in Excel, save it as .xlsx and import it again.`);
  }
  const sheets = workbook.worksheets.filter((s) => s.state !== 'veryHidden');
  const sheet = sheets.find((s) => s.name.trim().toLowerCase() === 'commitments') ?? sheets.find((s) => s.state === 'visible') ?? sheets[0];
  if (!sheet) throw invalid(`${fileName} has no worksheets to import.`);
  const rows = sheetRows(sheet, fileName);
  const wanted = TRAJECTORY_SHEET_NAME.toLowerCase();
  const second = sheets.find((s) => s !== sheet && s.name.trim().toLowerCase() === wanted);
  return { sheet: sheet.name, rows, ...(second ? { trajectories: { sheet: second.name, rows: sheetRows(second, fileName) } } : {}) };
}

export interface XlsxColumn {
  header: string;
  /** Width in characters. */
  width: number;
  /** Numbers stay numbers; everything else is written as text. */
  numeric?: boolean;
}

export interface XlsxSheetData {
  name: string;
  columns: XlsxColumn[];
  rows: (string | number | null)[][];
}

/**
 * A workbook of the given sheets: a bold header row that stays in view (frozen),
 * column widths, and every text cell written as a string, so "=…" is never a
 * formula when the file is opened (exceljs writes a formula only for a
 * { formula } value, which this never passes). Written with exceljs's streaming
 * writer, row by row: several times faster than building the whole workbook.
 */
export async function writeXlsx(sheets: XlsxSheetData[], meta: { creator: string; title: string }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  const at = new Date();
  workbook.created = at;
  workbook.modified = at;
  for (const data of sheets) {
    const sheet = workbook.addWorksheet(data.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    sheet.columns = data.columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: data.columns.length } };
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    for (const values of data.rows) {
      sheet.addRow(values.map((v, i) => (v === null ? null : data.columns[i]?.numeric && typeof v === 'number' ? v : String(v)))).commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  await new Promise<void>((resolve, reject) => (sink.writableFinished ? resolve() : (sink.once('finish', resolve), sink.once('error', reject))));
  return Buffer.concat(chunks);
}
