// Reading and writing the delivery table as .csv. Files come from Excel in
// whatever it saved: UTF-8 with or without a byte-order mark, Windows-1252
// ("CSV (Comma delimited)" on a UK Windows PC), UTF-16 ("Unicode Text"), and
// commas, semicolons (European settings) or tabs between fields. Written files
// are UTF-8 with a byte-order mark so Excel shows "£" and "–" rightly, and text
// that Excel would take for a formula is prefixed with an apostrophe.
import { parse } from 'csv-parse/sync';
import { JfpError } from '../../../shared/errors';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, tooManyColumns, tooManyRows, type SheetRow } from './sheet-table';
import { escapeFormulaText } from './formula-escape';

export type Delimiter = ',' | ';' | '\t';

/** Text of a .csv file: the encoding is told from a byte-order mark, else UTF-8 if the bytes are valid UTF-8, else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8 (even behind a UTF-8 mark, which some tools add to any file): Excel's own ANSI code page in the UK.
    return { text: decodeWindows1252(body), encoding: 'Windows-1252' };
  }
}

// Node's TextDecoder reads 'windows-1252' as ISO-8859-1, where 0x80-0x9F are control codes; Excel puts "€", "–", "’" and curly quotes there.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

/** The delimiter: Excel's "sep=;" line if present, else whichever of , ; tab appears most in the first line outside quotes. */
export function detectDelimiter(text: string): { delimiter: Delimiter; skipFirstLine: boolean } {
  const sep = /^sep=([,;\t])\r?\n/.exec(text);
  if (sep) return { delimiter: sep[1] as Delimiter, skipFirstLine: true };
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ',');
  return { delimiter: best, skipFirstLine: false };
}

/** The rows of a .csv file, numbered as Excel would show them; stops reading past the row limit. */
export function readCsv(bytes: Uint8Array, fileName: string): SheetRow[] {
  const { text } = decodeCsv(bytes);
  if (text.includes('\u0000'))
    throw new JfpError('invalid_input', `${fileName} is not a text file, so it cannot be read as .csv. Save it from Excel as “CSV UTF-8” or as an .xlsx workbook.`);
  const { delimiter, skipFirstLine } = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(skipFirstLine ? text.replace(/^[^\n]*\n/, '') : text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // One row more than allowed tells that there are too many without reading the rest.
      to: MAX_IMPORT_ROWS + 2,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new JfpError(
      'invalid_input',
      `${fileName} could not be read as .csv${line ? ` near line ${line}` : ''}: a quoted field is not closed. Open it in Excel and save it again.`,
    );
  }
  if (records.length > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName, '');
  if (records.some((r) => r.length > MAX_IMPORT_COLUMNS)) throw tooManyColumns(fileName);
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : unescapeApostrophe(c))) }));
}

/** Our own export (and Excel users) mark "=…" text with a leading apostrophe; the apostrophe is not part of the value. */
function unescapeApostrophe(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const needsQuotes = /[",;\t\r\n]|^\s|\s$/;

/** One field as written: formula-like text escaped, quoted when it holds a delimiter, quote or line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : escapeFormulaText(value, "'");
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole .csv file: UTF-8 with a byte-order mark, comma-separated, CRLF line ends (as Excel writes them). */
export function writeCsv(rows: (string | number | null)[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
