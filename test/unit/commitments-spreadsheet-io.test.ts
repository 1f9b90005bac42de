// Reading and writing the delivery table's spreadsheets, below the contract:
// formula-like text stays text in what is written (the XML is read back), and
// each kind of awkward file from the "Bad input" list is read
// correctly or refused with a sentence, quickly and without reading it all.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, decodeCsv, readCsv, writeCsv } from '../../electron/services/commitments/csv-io';
import { readSpreadsheetFile } from '../../electron/services/commitments/spreadsheet-file';
import { cellText } from '../../electron/services/commitments/sheet-table';
import { countRowTags, readXlsx, writeXlsx } from '../../electron/services/commitments/xlsx-io';
import { needsLibreOffice } from '../support/libreoffice';

const NO_CALC = 'needs LibreOffice Calc to write an .xlsx: soffice is there without it (apt-get install libreoffice-calc-nogui)';
/** Whether this LibreOffice has Calc (Debian splits it into its own package; without it a .csv "could not be loaded"). */
function hasCalc(soffice: string): boolean {
  const program = path.dirname(fs.realpathSync(soffice));
  return ['libsclo.so', 'libsclo.dylib', 'sclo.dll'].some((lib) => fs.existsSync(path.join(program, lib))) || !fs.existsSync(path.join(program, 'libswlo.so'));
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-sheet-io-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function workbookBytes(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const texts = (rows: { cells: unknown[] }[]) => rows.map((r) => r.cells.map((c) => cellText(c as never)));

describe('formula escaping', () => {
  const hostile = ['=HYPERLINK("http://evil.example","click")', '+44 20 7946 0000', '-2+3', '@SUM(A1:A2)', '\tx', '\r=1+1'];

  it('writes formula-like text as strings in the .xlsx: no <f> element, the text kept whole', async () => {
    const bytes = await writeXlsx([{ name: 'Commitments', columns: [{ header: 'Commitment', width: 30 }], rows: hostile.map((h) => [h]) }], {
      creator: 'JFP Studio',
      title: 't',
    });
    const files = unzipSync(bytes);
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    const cells = [...sheetXml.matchAll(/<c r="A(\d+)"[^>]*?(?:t="(\w+)")?[^>]*>/g)].filter((m) => m[1] !== '1');
    expect(cells).toHaveLength(hostile.length);
    // Every data cell is a string (shared or inline), never a number or formula.
    for (const m of cells) expect(m[0]).toMatch(/t="(s|inlineStr|str)"/);
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array()) + sheetXml;
    expect(strings).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)');
    expect(strings).toContain('@SUM(A1:A2)');
    // Read back, the values are the text as written (XML keeps a carriage return as a line feed).
    const read = await readXlsx(bytes, 'x.xlsx');
    expect(read.rows.slice(1).map((r) => r.cells[0])).toEqual(hostile.map((h) => h.replace('\r', '\n')));
  });

  it('prefixes formula-like text with an apostrophe in .csv, and reads it back without it', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-5 people')).toBe("'-5 people");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    const bytes = writeCsv([
      ['Commitment', 'Target'],
      ['=HYPERLINK("x")', '+10%'],
      ['plain', ''],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""x"")",'+10%`);
    expect(texts(readCsv(bytes, 'x.csv'))).toEqual([
      ['Commitment', 'Target'],
      ['=HYPERLINK("x")', '+10%'],
      ['plain', ''],
    ]);
  });
});

describe('.csv as Excel saves it', () => {
  it('reads Windows-1252 with semicolons (European Excel), pound signs and dashes intact', () => {
    const text = 'Commitment;Lead;Target\r\nCut waits – by £2m;Café Trust;“75%”\r\n';
    const bytes = Buffer.from([...text].map((ch) => ({ '–': 0x96, '£': 0xa3, é: 0xe9, '“': 0x93, '”': 0x94 })[ch] ?? ch.charCodeAt(0)));
    expect(decodeCsv(bytes).encoding).toBe('Windows-1252');
    expect(texts(readCsv(bytes, 'x.csv'))).toEqual([
      ['Commitment', 'Lead', 'Target'],
      ['Cut waits – by £2m', 'Café Trust', '“75%”'],
    ]);
  });

  it('reads UTF-8 with a byte-order mark, and Windows-1252 behind a stray byte-order mark', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Commitment,Lead\n"Waits, cut",Trust £\n', 'utf8')]);
    expect(texts(readCsv(utf8, 'x.csv'))).toEqual([
      ['Commitment', 'Lead'],
      ['Waits, cut', 'Trust £'],
    ]);
    const stray = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Commitment;Lead\nA;Trust '), Buffer.from([0xa3]), Buffer.from('\n')]);
    expect(texts(readCsv(stray, 'x.csv'))[1]).toEqual(['A', 'Trust £']);
  });

  it('reads tab-separated UTF-16 ("Unicode Text") and honours a "sep=" line', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Commitment\tLead\r\nA, B\tC\r\n', 'utf16le')]);
    expect(texts(readCsv(utf16, 'x.txt'))).toEqual([
      ['Commitment', 'Lead'],
      ['A, B', 'C'],
    ]);
    expect(texts(readCsv(Buffer.from('sep=;\nCommitment;Lead\nA,B;C\n'), 'x.csv'))).toEqual([
      ['Commitment', 'Lead'],
      ['A,B', 'C'],
    ]);
  });

  it('refuses a million-row .csv without parsing past the limit', async () => {
    const file = path.join(dir, 'million.csv');
    fs.writeFileSync(file, 'Commitment,Target\n' + 'x,1\n'.repeat(1_000_000));
    const started = performance.now();
    await expect(readSpreadsheetFile(file)).rejects.toThrow(/has more than 50,000 rows/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('.xlsx from outside', () => {
  it('reads a formula’s saved result, never runs it, and refuses a formula with no saved result', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(['Commitment', 'Baseline value', 'Planned 2027/28']);
      sheet.addRow(['A', { formula: '20*2', result: 40 }, { formula: 'B2+1', result: 41 }]);
      sheet.addRow(['B', { formula: 'B2*100' }, null]);
    });
    const read = await readXlsx(bytes, 'f.xlsx');
    expect(read.rows[1]!.cells).toEqual(['A', 40, 41]);
    expect(read.rows[2]!.cells[1]).toEqual({ problem: expect.stringMatching(/formula with no saved result/) });
  });

  it('gives a merged area’s value to every cell it covers', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(['Priority', 'Commitment']);
      sheet.addRow(['Start well', 'A']);
      sheet.addRow([null, 'B']);
      sheet.addRow([null, 'C']);
      sheet.mergeCells('A2:A4');
    });
    const read = await readXlsx(bytes, 'm.xlsx');
    expect(texts(read.rows)).toEqual([
      ['Priority', 'Commitment'],
      ['Start well', 'A'],
      ['Start well', 'B'],
      ['Start well', 'C'],
    ]);
  });

  it('refuses a password-protected workbook (an encrypted OLE package) by name, and an old .xls', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1200);
    const locked = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(locked, ole);
    await expect(readSpreadsheetFile(locked)).rejects.toThrow('locked.xlsx is password-protected, so it cannot be read.');
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from('Workbook', 'utf16le').copy(xls, 1024);
    fs.writeFileSync(path.join(dir, 'old.xls'), xls);
    await expect(readSpreadsheetFile(path.join(dir, 'old.xls'))).rejects.toThrow(/is an Excel 97-2003 workbook \(\.xls\)/);
  });

  it('refuses a 100 MB file by its size, before reading it', async () => {
    const file = path.join(dir, 'huge.xlsx');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 100 * 1024 * 1024);
    fs.closeSync(fd);
    const started = performance.now();
    await expect(readSpreadsheetFile(file)).rejects.toThrow('huge.xlsx is 100 MB, larger than the 20 MB a delivery table import can be; it was not read.');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses a million-row sheet early, without inflating it all', async () => {
    const row = '<row r="2"><c r="A2"><v>1</v></c></row>';
    const sheetXml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(1_000_000)}</sheetData></worksheet>`;
    const bytes = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheetXml), '[Content_Types].xml': strToU8('<Types/>') }, { level: 1 });
    expect(bytes.length).toBeLessThan(20 * 1024 * 1024);
    const file = path.join(dir, 'million.xlsx');
    fs.writeFileSync(file, bytes);
    const started = performance.now();
    await expect(readSpreadsheetFile(file)).rejects.toThrow('million.xlsx has more than 50,000 rows, more than a delivery table can hold.');
    // Stopping at row 50,001 reads about a twentieth of the sheet.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('counts rows written with or without a namespace prefix, and nothing that only looks like one', () => {
    const xml = Buffer.from('<x:sheetData><x:row r="1"><x:c/></x:row><row r="2"/><row>\n<rows/><arrow r="3"/>row <x:rowBreaks/></x:sheetData>');
    expect(countRowTags(xml, xml.length)).toBe(3);
  });

  it('refuses a file that is neither a workbook nor text', async () => {
    const file = path.join(dir, 'picture.xlsx');
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await expect(readSpreadsheetFile(file)).rejects.toThrow('picture.xlsx is not an Excel workbook (.xlsx). Choose an .xlsx or .csv file.');
  });

  it('imports an .xlsx that LibreOffice wrote from a .csv', async (context) => {
    const soffice = needsLibreOffice(context);
    if (!hasCalc(soffice)) context.skip(NO_CALC);
    const csv = path.join(dir, 'lo-source.csv');
    fs.writeFileSync(csv, 'Commitment,Lead,Planned 2027/28\r\nCut waits,Trust A,75\r\n"Open hubs, two",Council B,12.5\r\n');
    execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'xlsx', '--outdir', dir, csv], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const table = await readSpreadsheetFile(path.join(dir, 'lo-source.xlsx'));
    expect(table.headers).toEqual(['Commitment', 'Lead', 'Planned 2027/28']);
    expect(texts(table.rows)).toEqual([
      ['Cut waits', 'Trust A', '75'],
      ['Open hubs, two', 'Council B', '12.5'],
    ]);
  });
});
