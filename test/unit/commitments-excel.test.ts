// The delivery table in and out of Excel through the contract, as the app and
// the CLI call it: the exported workbook's sheets, header, widths, frozen row
// and financial years as text; the .csv; the Word delivery appendix; and
// imports: the mapping guessed from headers, rows to add and update, rows
// refused with "Row N, column X: …", nothing saved before confirm, and all of
// it saved in one transaction on confirm. Each "Bad input" kind of the issue
// that reaches the planner is here (the file-level ones are in
// commitments-spreadsheet-io.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts, OpenKind, SaveFormat } from '../../electron/services/ports';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { Commitment, CommitmentImportPreview, Plan } from '../../shared/domain';
import { readDocx, textOf, wElements } from '../support/docx-reader';
import { databaseRows } from '../support/db-snapshot';

let dir: string;
let app: AppServices;
let saveTo: string | null;
let openFrom: string | null;
const asked: { save: SaveFormat[]; open: OpenKind[] } = { save: [], open: [] };

const ports: ExportPorts = {
  chooseSavePath: async (_name, format) => (asked.save.push(format), saveTo),
  chooseOpenPath: async (kind) => (asked.open.push(kind), openFrom),
  openPath: async () => undefined,
  showInFolder: () => undefined,
};

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const outcome = await app.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value as MethodResult<M>;
}

async function refusal<M extends MethodName>(method: M, input: MethodInput<M>): Promise<{ code: string; message: string }> {
  const outcome = await app.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} was expected to be refused`);
  return outcome.error;
}

let plan: Plan;
let first: Commitment;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-excel-'));
  app = startServices(path.join(dir, 'jfp.db'), { exportPorts: ports, log: () => {} });
  saveTo = null;
  openFrom = null;
  asked.save = [];
  asked.open = [];
  plan = await call('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank', places: ['Northtown', 'Southvale'] });
  const section = await call('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
  await call('addSection', { planId: plan.id, parentId: null, title: 'Age well' });
  first = await call('addCommitment', {
    planId: plan.id,
    fields: {
      sectionId: section.id,
      priority: 'Start well',
      commitment: '=HYPERLINK("http://evil.example","Cut waits")',
      metric: 'Children seen within 18 weeks (%)',
      baseline: '62% (March 2026)',
      baselineValue: 62,
      baselineDate: '2026-03-31',
      target: '92%',
      targetYear: 2028,
      leadOrg: 'Northtown Hospitals NHS Trust',
      place: 'Northtown',
      direction: 'higher',
      trajectory: [
        { year: 2026, planned: 70 },
        { year: 2027, planned: 80 },
        { year: 2028, planned: 92 },
      ],
    },
  });
  first = await call('addActual', { commitmentId: first.id, date: '2026-06-30', value: 66, source: 'SUS' });
  await call('addCommitment', { planId: plan.id, fields: { priority: 'Age well', commitment: 'Open two frailty hubs', targetYear: 2027, direction: 'lower' } });
});

afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

async function writeWorkbook(file: string, rows: unknown[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Delivery');
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  await workbook.xlsx.writeFile(file);
}

async function preview(file: string): Promise<CommitmentImportPreview> {
  openFrom = file;
  const result = await call('previewCommitmentImport', { planId: plan.id });
  expect(result).not.toBeNull();
  return result!;
}

type Mapping = MethodInput<'confirmCommitmentImport'>['mapping'];

const commitmentRows = () => databaseRows(path.join(dir, 'jfp.db'), ['commitments', 'commitment_trajectory', 'commitment_actuals', 'plan_priorities']);

describe('exporting the delivery table', () => {
  it('writes an .xlsx with a Commitments sheet (header, widths, frozen header, years as text) and a Trajectories and actuals sheet', async () => {
    saveTo = path.join(dir, 'out.xlsx');
    expect(await call('exportCommitments', { planId: plan.id, format: 'xlsx' })).toEqual({ fileName: 'out.xlsx' });
    expect(asked.save).toEqual(['xlsx']);
    const workbook = await loadWorkbook(saveTo);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Commitments', 'Trajectories and actuals']);
    const sheet = workbook.getWorksheet('Commitments')!;
    const header = rowValues(sheet, 1);
    expect(header.slice(0, 3)).toEqual(['Id', 'Priority', 'Commitment']);
    expect(header).toEqual(expect.arrayContaining(['Target year', 'Lead organisation', 'Planned 2026/27', 'Planned 2030/31', 'Status', 'Status reason']));
    const col = (name: string) => header.indexOf(name) + 1;
    const row = sheet.getRow(2);
    expect(row.getCell(col('Id')).value).toBe(first.id);
    expect(row.getCell(col('Commitment')).value).toBe('=HYPERLINK("http://evil.example","Cut waits")');
    // A financial year is text, not the number 2028 that Excel would show as 2028.
    expect(row.getCell(col('Target year')).value).toBe('2028/29');
    expect(row.getCell(col('Planned 2027/28')).value).toBe(80);
    expect(row.getCell(col('Better when')).value).toBe('Higher is better');
    expect(row.getCell(col('Place')).value).toBe('Northtown');

    const files = unzipSync(fs.readFileSync(saveTo));
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toMatch(/<col [^>]*width="48"/);
    expect(xml).not.toMatch(/<f[\s>]/);

    const long = workbook.getWorksheet('Trajectories and actuals')!;
    expect(rowValues(long, 1)).toEqual(['Id', 'Commitment', 'Kind', 'Financial year', 'Date', 'Value', 'Source']);
    const rows = Array.from({ length: long.rowCount - 1 }, (_, i) => rowValues(long, i + 2));
    expect(rows.filter((r) => r[2] === 'Planned').map((r) => [r[3], r[5]])).toEqual([
      ['2026/27', 70],
      ['2027/28', 80],
      ['2028/29', 92],
    ]);
    expect(rows.filter((r) => r[2] === 'Actual')).toEqual([[first.id, first.commitment, 'Actual', '2026/27', '2026-06-30', 66, 'SUS']]);
  });

  it('writes a .csv with a byte-order mark, the same header, and formula-like text escaped', async () => {
    saveTo = path.join(dir, 'out.csv');
    await call('exportCommitments', { planId: plan.id, format: 'csv' });
    const bytes = fs.readFileSync(saveTo);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Id,Priority,Commitment,Metric,Baseline,/);
    expect(lines[0]).toContain('Planned 2026/27');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""Cut waits"")"`);
    expect(lines[1]).toContain('2028/29');
  });

  it('writes the Word delivery appendix on its own', async () => {
    saveTo = path.join(dir, 'appendix.docx');
    await call('exportCommitments', { planId: plan.id, format: 'docx' });
    const docx = readDocx(fs.readFileSync(saveTo));
    const body = docx.xml(docx.mainDocument());
    expect(textOf(body.documentElement)).toContain('Delivery commitments: delivery appendix');
    const tables = wElements(body, 'tbl');
    expect(tables.length).toBeGreaterThan(0);
    expect(textOf(tables[0]!)).toContain('Open two frailty hubs');
  });

  it('saves nothing when the person cancels, and refuses a target that is the database', async () => {
    expect(await call('exportCommitments', { planId: plan.id, format: 'xlsx' })).toEqual({ fileName: null });
    saveTo = path.join(dir, 'jfp.db');
    const error = await refusal('exportCommitments', { planId: plan.id, format: 'csv' });
    expect(error.code).toBe('invalid_input');
    expect(commitmentRows().commitments).toHaveLength(2);
  });
});

describe('importing the delivery table', () => {
  it('round-trips its own export: nothing to add or update; an edited cell is one update, saved on confirm', async () => {
    saveTo = path.join(dir, 'round.xlsx');
    await call('exportCommitments', { planId: plan.id, format: 'xlsx' });
    const unchanged = await preview(saveTo);
    expect(asked.open).toEqual(['spreadsheet']);
    expect(unchanged).toMatchObject({ fileName: 'round.xlsx', sheet: 'Commitments', rowCount: 2, toAdd: 0, toUpdate: 0, refused: [] });
    // Our own headers map exactly; Status is computed, so it is not imported.
    const byHeader = Object.fromEntries(unchanged.columns.map((c) => [c.header, c.field]));
    expect(byHeader).toMatchObject({
      Id: 'id',
      Commitment: 'commitment',
      'Target year': 'targetYear',
      'Planned 2027/28': 'planned:2027',
      Status: null,
      'Status reason': null,
    });

    const workbook = await loadWorkbook(saveTo);
    const sheet = workbook.getWorksheet('Commitments')!;
    const header = rowValues(sheet, 1);
    sheet.getRow(2).getCell(header.indexOf('Target year') + 1).value = '2029/30';
    sheet.getRow(2).getCell(header.indexOf('Planned 2029/30') + 1).value = 95;
    sheet.getRow(3).getCell(header.indexOf('Section') + 1).value = 'age WELL';
    await workbook.xlsx.writeFile(saveTo);
    const before = commitmentRows();
    const edited = await preview(saveTo);
    expect(edited).toMatchObject({ toAdd: 0, toUpdate: 2, refused: [] });
    // Previewing saved nothing.
    expect(commitmentRows()).toEqual(before);
    expect(await call('confirmCommitmentImport', { importId: edited.importId, mapping: edited.mapping as Mapping })).toEqual({ added: 0, updated: 2, actualsAdded: 0 });
    const hubs = (await call('listCommitments', { planId: plan.id }))[1]!;
    expect((await call('listSections', { planId: plan.id })).find((s) => s.id === hubs.sectionId)?.title).toBe('Age well');
    const saved = await call('getCommitment', { commitmentId: first.id });
    expect(saved.targetYear).toBe(2029);
    expect(saved.trajectory.find((p) => p.year === 2029)?.planned).toBe(95);
    expect(saved.trajectory.find((p) => p.year === 2027)?.planned).toBe(80);
    expect(saved.commitment).toBe(first.commitment);
    // The import is used up.
    expect((await refusal('confirmCommitmentImport', { importId: edited.importId, mapping: {} })).code).toBe('not_found');
  });

  it('reads the Trajectories and actuals sheet back: a changed planned value, added actuals, none added twice, bad rows named by sheet, row and column', async () => {
    saveTo = path.join(dir, 'actuals.xlsx');
    await call('exportCommitments', { planId: plan.id, format: 'xlsx' });
    const untouched = await preview(saveTo);
    // The one actual already in the plan is in the sheet: it is not added again.
    expect(untouched).toMatchObject({
      toAdd: 0,
      toUpdate: 0,
      refused: [],
      warnings: [],
      actualsSheet: 'Trajectories and actuals',
      actualsToAdd: 0,
      actualsAlreadyThere: 1,
    });

    const workbook = await loadWorkbook(saveTo);
    const commitments = workbook.getWorksheet('Commitments')!;
    commitments.getRow(2).getCell(rowValues(commitments, 1).indexOf('Planned 2027/28') + 1).value = 83;
    const sheet = workbook.getWorksheet('Trajectories and actuals')!;
    expect(rowValues(sheet, 1)).toEqual(['Id', 'Commitment', 'Kind', 'Financial year', 'Date', 'Value', 'Source']);
    sheet.eachRow((row, n) => {
      const v = rowValues(sheet, n);
      if (v[0] === first.id && v[2] === 'Planned' && v[3] === '2027/28') row.getCell(6).value = 83;
    });
    const hubs = (await call('listCommitments', { planId: plan.id }))[1]!;
    sheet.addRow([first.id, 'Cut waits', 'Actual', '2026/27', '2026-09-30', 71, 'SUS September']);
    // A date cell reads as well as ISO text.
    sheet.addRow([hubs.id, 'Open two frailty hubs', 'Actual', '', new Date(Date.UTC(2026, 7, 31)), 1, 'Hub opening report']);
    // The Commitments sheet's Planned column is the one imported: a different value here is pointed out.
    sheet.addRow([hubs.id, 'Open two frailty hubs', 'Planned', '2027/28', null, 2, '']);
    await workbook.xlsx.writeFile(saveTo);

    const before = commitmentRows();
    const edited = await preview(saveTo);
    expect(edited).toMatchObject({ toAdd: 0, toUpdate: 1, refused: [], actualsToAdd: 2, actualsAlreadyThere: 1 });
    expect(edited.warnings.map((w) => w.message)).toEqual([
      `Sheet “Trajectories and actuals”, row ${sheet.rowCount}, column Value: the planned value 2 for 2027/28 differs from the Commitments sheet's (none), which is the one imported. Change it there.`,
    ]);
    expect(commitmentRows()).toEqual(before);
    expect(await call('confirmCommitmentImport', { importId: edited.importId, mapping: edited.mapping as Mapping })).toEqual({
      added: 0,
      updated: 1,
      actualsAdded: 2,
    });
    const saved = await call('getCommitment', { commitmentId: first.id });
    expect(saved.trajectory.find((p) => p.year === 2027)?.planned).toBe(83);
    expect(saved.trajectory.find((p) => p.year === 2026)?.planned).toBe(70);
    expect(saved.actuals.map((a) => [a.date, a.value, a.source])).toEqual([
      ['2026-06-30', 66, 'SUS'],
      ['2026-09-30', 71, 'SUS September'],
    ]);
    const savedHubs = await call('getCommitment', { commitmentId: hubs.id });
    expect(savedHubs.actuals.map((a) => [a.date, a.value, a.source])).toEqual([['2026-08-31', 1, 'Hub opening report']]);
    expect(savedHubs.trajectory.find((p) => p.year === 2027)?.planned).toBeNull();

    // Importing the same workbook again adds nothing twice and changes nothing.
    const again = await preview(saveTo);
    expect(again).toMatchObject({ toAdd: 0, toUpdate: 0, refused: [], actualsToAdd: 0, actualsAlreadyThere: 3 });
    expect(await call('confirmCommitmentImport', { importId: again.importId, mapping: again.mapping as Mapping })).toEqual({ added: 0, updated: 0, actualsAdded: 0 });
    expect(databaseRows(path.join(dir, 'jfp.db'), ['commitment_actuals']).commitment_actuals).toHaveLength(3);

    // Refused actual rows name the sheet, the row and the column; nothing is saved.
    const bad = await loadWorkbook(saveTo);
    const badSheet = bad.getWorksheet('Trajectories and actuals')!;
    const last = badSheet.rowCount;
    badSheet.addRow([first.id, '', 'Actual', '', '2999-01-01', 70, '']);
    badSheet.addRow([first.id, '', 'Actual', '', '2026-10-31', 'about seventy', '']);
    badSheet.addRow(['no-such-id', '', 'Actual', '', '2026-10-31', 70, '']);
    badSheet.addRow([first.id, '', 'Forecast', '', '2026-10-31', 70, '']);
    await bad.xlsx.writeFile(saveTo);
    const refused = await preview(saveTo);
    expect(refused.refused.map((r) => r.message)).toEqual([
      `Sheet “Trajectories and actuals”, row ${last + 1}, column Date: the date of the actual cannot be in the future.`,
      `Sheet “Trajectories and actuals”, row ${last + 2}, column Value: “about seventy” is not a number. Write a number such as 75 or 12.5, or leave the cell empty.`,
      `Sheet “Trajectories and actuals”, row ${last + 3}, column Id: no commitment of this plan or of the Commitments sheet has the id no-such-id.`,
      `Sheet “Trajectories and actuals”, row ${last + 4}, column Kind: “Forecast” is not a kind of row this sheet holds. Write Planned or Actual.`,
    ]);
    const rowsBefore = commitmentRows();
    expect((await refusal('confirmCommitmentImport', { importId: refused.importId, mapping: refused.mapping as Mapping })).message).toMatch(
      /^Nothing was imported: 4 rows are refused\./,
    );
    expect(commitmentRows()).toEqual(rowsBefore);
  });

  it('takes planned values from the trajectories sheet for a year the Commitments sheet has no column for, and adds a new row’s actuals by its Id', async () => {
    saveTo = path.join(dir, 'new-row.xlsx');
    await call('exportCommitments', { planId: plan.id, format: 'xlsx' });
    const workbook = await loadWorkbook(saveTo);
    const commitments = workbook.getWorksheet('Commitments')!;
    commitments.spliceColumns(rowValues(commitments, 1).indexOf('Planned 2027/28') + 1, 1);
    const header = rowValues(commitments, 1);
    expect(header).not.toContain('Planned 2027/28');
    const row = new Array(header.length).fill(null);
    row[header.indexOf('Id')] = 'NEW-1';
    row[header.indexOf('Commitment')] = 'Cut falls admissions';
    row[header.indexOf('Planned 2026/27')] = 500;
    commitments.addRow(row);
    const trajectories = workbook.getWorksheet('Trajectories and actuals')!;
    trajectories.eachRow((r, n) => {
      const v = rowValues(trajectories, n);
      if (v[0] === first.id && v[2] === 'Planned' && v[3] === '2027/28') r.getCell(6).value = 81;
    });
    trajectories.addRow(['NEW-1', 'Cut falls admissions', 'Actual', '', '2026-08-31', 520, 'SUS']);
    trajectories.addRow(['NEW-1', 'Cut falls admissions', 'Planned', '2027/28', null, 450, '']);
    await workbook.xlsx.writeFile(saveTo);
    const fine = await preview(saveTo);
    expect(fine).toMatchObject({ toAdd: 1, toUpdate: 1, refused: [], actualsToAdd: 1, actualsAlreadyThere: 1 });
    expect(await call('confirmCommitmentImport', { importId: fine.importId, mapping: fine.mapping as Mapping })).toEqual({ added: 1, updated: 1, actualsAdded: 1 });
    const added = (await call('listCommitments', { planId: plan.id })).find((c) => c.commitment === 'Cut falls admissions')!;
    const full = await call('getCommitment', { commitmentId: added.id });
    expect(full.actuals.map((a) => [a.date, a.value, a.source])).toEqual([['2026-08-31', 520, 'SUS']]);
    expect(full.trajectory.filter((p) => p.planned !== null)).toEqual([
      { year: 2026, planned: 500 },
      { year: 2027, planned: 450 },
    ]);
    expect((await call('getCommitment', { commitmentId: first.id })).trajectory.find((p) => p.year === 2027)?.planned).toBe(81);
  });

  it('guesses the mapping of another spreadsheet’s headers and refuses bad rows with row and column, saving nothing', async () => {
    const file = path.join(dir, 'theirs.xlsx');
    await writeWorkbook(file, [
      ['Ref', 'Programme', 'Action', 'KPI', 'Lead', 'Target year', '2027/28', 'Baseline date', 'Locality'],
      ['A1', 'Live well', 'Cut smoking', 'Smoking prevalence', 'Council', '2028/29', 14.5, 46112, 'system wide'],
      ['A2', 'Live well', 'More health checks', 'Checks done', 'PCN', '2031/32', 'about 40', null, 'Northtown'],
      ['A3', 'Age well', 'Falls service', 'Falls admissions', 'Trust', '28', 120, 'last spring', 'Atlantis'],
    ]);
    const before = commitmentRows();
    const result = await preview(file);
    expect(Object.fromEntries(result.columns.map((c) => [c.header, c.field]))).toEqual({
      Ref: null,
      Programme: 'priority',
      Action: 'commitment',
      KPI: 'metric',
      Lead: 'leadOrg',
      'Target year': 'targetYear',
      '2027/28': 'planned:2027',
      'Baseline date': 'baselineDate',
      Locality: 'place',
    });
    expect(result.toAdd).toBe(1);
    expect(result.refused.map((r) => r.message)).toEqual([
      "Row 3, column Target year: 2031/32 is outside this plan's period, 2026/27 to 2030/31.",
      'Row 3, column 2027/28: “about 40” is not a number. Write a number such as 75 or 12.5, or leave the cell empty.',
      'Row 4, column Target year: Enter a financial year such as 2028/29.',
      'Row 4, column Baseline date: “last spring” is not a date. Write a date such as 31/03/2027.',
      "Row 4, column Locality: “Atlantis” is not one of this plan's places (Northtown, Southvale or System-wide).",
    ]);
    expect(result.refused[0]).toMatchObject({ row: 3, column: 'Target year' });
    // Confirming while rows are refused saves nothing.
    const error = await refusal('confirmCommitmentImport', { importId: result.importId, mapping: result.mapping as Mapping });
    expect(error.message).toMatch(/^Nothing was imported: 2 rows are refused\. Row 3, column Target year:/);
    expect(commitmentRows()).toEqual(before);

    // Ignoring the bad columns leaves one refused row (row 4's year); the mapping is changed without reading the file again.
    fs.rmSync(file);
    const remapped = await call('previewCommitmentImport', {
      planId: plan.id,
      importId: result.importId,
      mapping: { ...(result.mapping as Mapping), '6': null, '7': null, '8': null },
    });
    expect(remapped!.refused.map((r) => r.row)).toEqual([3, 4]);
    expect(remapped!.refused.map((r) => r.column)).toEqual(['Target year', 'Target year']);
  });

  it('adds the good rows in one go: serial-number dates, merged priorities, formulas’ saved results, system-wide places', async () => {
    const file = path.join(dir, 'good.xlsx');
    await writeWorkbook(
      file,
      [
        ['Priority', 'Commitment', 'Baseline value', 'Baseline date', 'Planned 2027/28', 'Place', 'Better when'],
        ['Start well', 'Healthy weight service', { formula: '10*4', result: 40 }, 46112, { formula: 'C2+5', result: 45 }, 'System wide', 'Lower is better'],
        [null, 'School nurses', 12, new Date(Date.UTC(2026, 2, 31)), 13, 'southvale', 'higher'],
      ],
      (sheet) => sheet.mergeCells('A2:A3'),
    );
    const result = await preview(file);
    expect(result).toMatchObject({ toAdd: 2, toUpdate: 0, refused: [] });
    expect(await call('confirmCommitmentImport', { importId: result.importId, mapping: result.mapping as Mapping })).toEqual({ added: 2, updated: 0, actualsAdded: 0 });
    const list = await call('listCommitments', { planId: plan.id });
    const [weight, nurses] = list.slice(2);
    expect(weight).toMatchObject({
      priority: 'Start well',
      commitment: 'Healthy weight service',
      baselineValue: 40,
      baselineDate: '2026-03-31',
      place: 'System-wide',
      direction: 'lower',
    });
    expect(weight!.trajectory.find((p) => p.year === 2027)?.planned).toBe(45);
    expect(nurses).toMatchObject({ priority: 'Start well', baselineDate: '2026-03-31', place: 'Southvale', direction: 'higher' });
    expect(weight!.priorityId).toBe(nurses!.priorityId);
  });

  it('refuses duplicate ids and a formula with no saved result, naming rows and columns', async () => {
    const file = path.join(dir, 'dupes.xlsx');
    await writeWorkbook(file, [
      ['Id', 'Commitment', 'Target'],
      [first.id, 'One', '90%'],
      [first.id, 'Two', '95%'],
      ['', 'Three', { formula: 'B4&"!"' }],
    ]);
    const result = await preview(file);
    expect(result.refused.map((r) => r.message)).toEqual([
      `Row 3, column Id: the id ${first.id} is also on row 2; a commitment can be imported once.`,
      'Row 4, column Target: the cell is a formula with no saved result (JFP Studio never runs formulas); open the file in Excel, save it and import it again.',
    ]);
  });

  it('reads a Windows-1252 .csv with semicolons into the plan', async () => {
    const file = path.join(dir, 'excel-fr.csv');
    const text = 'Priorité;Commitment;Lead;Target year\r\nLive well;Save £2m – on drugs;Café Trust;2027-28\r\n';
    fs.writeFileSync(file, Buffer.from([...text].map((ch) => ({ '–': 0x96, '£': 0xa3, é: 0xe9 })[ch] ?? ch.charCodeAt(0))));
    const result = await preview(file);
    expect(result.refused).toEqual([]);
    await call('confirmCommitmentImport', { importId: result.importId, mapping: result.mapping as Mapping });
    const added = (await call('listCommitments', { planId: plan.id }))[2]!;
    expect(added).toMatchObject({ commitment: 'Save £2m – on drugs', leadOrg: 'Café Trust', targetYear: 2027 });
  });

  it('imports the sample plan’s own .xlsx and .csv back with nothing to add or update (sections of the same title told apart)', async () => {
    const sample = await call('createSamplePlan', {});
    for (const format of ['xlsx', 'csv'] as const) {
      saveTo = path.join(dir, `sample.${format}`);
      await call('exportCommitments', { planId: sample.id, format });
      openFrom = saveTo;
      const result = await call('previewCommitmentImport', { planId: sample.id });
      expect(result).toMatchObject({ rowCount: 26, toAdd: 0, toUpdate: 0, refused: [], warnings: [] });
    }
  });

  it('refuses a section title that several sections share, unless the row’s own section is one of them', async () => {
    const places = await call('addSection', { planId: plan.id, parentId: null, title: 'Our places' });
    const north = await call('addSection', { planId: plan.id, parentId: places.id, title: 'Northtown' });
    const south = await call('addSection', { planId: plan.id, parentId: places.id, title: 'Southvale' });
    await call('addSection', { planId: plan.id, parentId: north.id, title: 'Priorities' });
    const southPriorities = await call('addSection', { planId: plan.id, parentId: south.id, title: 'Priorities' });
    const file = path.join(dir, 'sections.csv');
    fs.writeFileSync(file, 'Commitment,Section\r\nA,Priorities\r\nB,Our places > Southvale > Priorities\r\n');
    const result = await preview(file);
    expect(result.refused.map((r) => r.message)).toEqual([
      'Row 2, column Section: 2 sections are called “Priorities”. Write the one you mean with the sections above it, such as “Our places > Northtown > Priorities”.',
    ]);
    fs.writeFileSync(file, 'Commitment,Section\r\nB,Our places > Southvale > Priorities\r\n');
    const good = await preview(file);
    await call('confirmCommitmentImport', { importId: good.importId, mapping: good.mapping as Mapping });
    expect((await call('listCommitments', { planId: plan.id }))[2]!.sectionId).toBe(southPriorities.id);
  });

  it('saves all the rows or none: a failure on the fourth row leaves the plan as it was', async () => {
    const file = path.join(dir, 'five.csv');
    fs.writeFileSync(file, `Commitment,Lead\r\n${['A', 'B', 'C', 'D', 'E'].map((c) => `${c},Trust`).join('\r\n')}\r\n`);
    const result = await preview(file);
    expect(result.toAdd).toBe(5);
    const db = new Database(path.join(dir, 'jfp.db'));
    db.exec("CREATE TRIGGER stop_import BEFORE INSERT ON commitments WHEN NEW.commitment = 'D' BEGIN SELECT RAISE(ABORT, 'stopped by a test trigger'); END");
    db.close();
    const before = commitmentRows();
    const outcome = await app.dispatch('confirmCommitmentImport', { importId: result.importId, mapping: result.mapping as Mapping });
    expect(outcome.ok).toBe(false);
    expect(commitmentRows()).toEqual(before);
  });

  // #11 Bad input, through the method the app and the CLI call: each file is refused with one sentence, and nothing is saved.
  it('refuses a password-protected workbook, a 100 MB file and a million-row sheet or .csv through previewCommitmentImport, changing nothing', async () => {
    const before = commitmentRows();
    const locked = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(locked);
    Buffer.from('EncryptionInfo', 'utf16le').copy(locked, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(locked, 1200);
    fs.writeFileSync(path.join(dir, 'locked.xlsx'), locked);
    const huge = fs.openSync(path.join(dir, 'huge.xlsx'), 'w');
    fs.ftruncateSync(huge, 100 * 1024 * 1024);
    fs.closeSync(huge);
    fs.writeFileSync(path.join(dir, 'million.csv'), 'Commitment,Target\n' + 'x,1\n'.repeat(1_000_000));
    const sheetRows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Commitment</t></is></c></row>${'<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(1_000_000)}`;
    fs.writeFileSync(
      path.join(dir, 'million.xlsx'),
      zipSync(
        {
          'xl/worksheets/sheet1.xml': strToU8(
            `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
          ),
          '[Content_Types].xml': strToU8('<Types/>'),
        },
        { level: 1 },
      ),
    );
    const refusals: Record<string, string> = {};
    for (const name of ['locked.xlsx', 'huge.xlsx', 'million.csv', 'million.xlsx']) {
      openFrom = path.join(dir, name);
      refusals[name] = (await refusal('previewCommitmentImport', { planId: plan.id })).message;
    }
    expect(refusals).toEqual({
      'locked.xlsx':
        'locked.xlsx is password-protected, so it cannot be read. Open it in Excel, remove the password (File, Info, Protect Workbook), save it and import it again.',
      'huge.xlsx':
        'huge.xlsx is 100 MB, larger than the 20 MB a delivery table import can be; it was not read. Copy the commitments into a smaller file and import that.',
      'million.csv': 'million.csv has more than 50,000 rows, more than a delivery table can hold. Copy the commitments into a smaller file and import that.',
      'million.xlsx': 'million.xlsx has more than 50,000 rows, more than a delivery table can hold. Copy the commitments into a smaller file and import that.',
    });
    expect(commitmentRows()).toEqual(before);
  });

  it('reads a UTF-8 .csv with a byte-order mark and semicolons, and a Windows-1252 one behind a stray mark, headers recognised', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const cp1252 = (text: string) => Buffer.from([...text].map((ch) => ({ '–': 0x96, '£': 0xa3, é: 0xe9 })[ch] ?? ch.charCodeAt(0)));
    const files: Record<string, Buffer> = {
      'utf8-bom.csv': Buffer.concat([bom, Buffer.from('Commitment;Lead;Target year;Baseline value\r\nSave £2m – on drugs;Café Trust;2027-28;1,5\r\n', 'utf8')]),
      'cp1252-bom.csv': Buffer.concat([bom, cp1252('Commitment;Lead;Target year\r\nSave £2m – on drugs;Café Trust;28/29\r\n')]),
    };
    const read: Record<string, unknown> = {};
    for (const [name, bytes] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), bytes);
      const result = await preview(path.join(dir, name));
      read[name] = { fields: result.columns.map((c) => c.field), toAdd: result.toAdd, refused: result.refused.map((r) => r.message) };
    }
    expect(read['cp1252-bom.csv']).toEqual({ fields: ['commitment', 'leadOrg', 'targetYear'], toAdd: 1, refused: [] });
    // A decimal comma is not a number this app reads as one: refused with its row and column, not read as 15.
    expect(read['utf8-bom.csv']).toEqual({
      fields: ['commitment', 'leadOrg', 'targetYear', 'baselineValue'],
      toAdd: 0,
      refused: [expect.stringMatching(/^Row 2, column Baseline value: /)],
    });
    const result = await preview(path.join(dir, 'cp1252-bom.csv'));
    await call('confirmCommitmentImport', { importId: result.importId, mapping: result.mapping as Mapping });
    expect((await call('listCommitments', { planId: plan.id }))[2]).toMatchObject({ commitment: 'Save £2m – on drugs', leadOrg: 'Café Trust', targetYear: 2028 });
  });

  it('says when the file was not chosen, and when an import has expired', async () => {
    expect(await call('previewCommitmentImport', { planId: plan.id })).toBeNull();
    const error = await refusal('previewCommitmentImport', { planId: plan.id, importId: '00000000-0000-4000-8000-000000000000', mapping: {} });
    expect(error).toEqual({ code: 'not_found', message: 'This import has expired or was already saved. Choose the file again.' });
  });
});
