// `jfp commitments PLAN --xlsx|--csv|--docx FILE` and `jfp import-commitments
// PLAN FILE [--dry-run]`: what a planner or a script types and gets back
// (stdout, exit codes), checked against the database file itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { Commitment, CommitmentImportPreview } from '../../shared/domain';
import { callOk } from '../support/call-ok';
import { runJfp, type CliRun } from '../support/cli-run';
import { databaseRows } from '../support/db-snapshot';

let dir: string;
let dbPath: string;

const jfp = (args: string[]): Promise<CliRun> => runJfp(['--db', dbPath, ...args], { env: { HOME: dir } });

async function inApp<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const services = startServices(dbPath, { log: () => {} });
  try {
    return await callOk(services, method, input);
  } finally {
    services.close();
  }
}

let planId: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-excel-'));
  dbPath = path.join(dir, 'jfp.db');
  const plan = await inApp('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank', places: ['Northtown'] });
  planId = plan.id;
  await inApp('addCommitment', { planId, fields: { priority: 'Start well', commitment: 'Cut waits', targetYear: 2028, trajectory: [{ year: 2027, planned: 80 }] } });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const commitments = () => databaseRows(dbPath, ['commitments', 'commitment_trajectory', 'plan_priorities']);

describe('jfp commitments --xlsx / --csv / --docx', () => {
  it('saves the whole delivery table where it is told, and says so', async () => {
    const xlsx = path.join(dir, 'delivery.xlsx');
    const run = await jfp(['commitments', planId.slice(0, 8), '--xlsx', xlsx]);
    expect(run).toEqual({ code: 0, stderr: '', stdout: `Saved the delivery table of "Joint Forward Plan" (1 commitment) to ${xlsx}.\n` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Commitments', 'Trajectories and actuals']);
    expect(workbook.getWorksheet('Commitments')!.getRow(2).getCell(3).value).toBe('Cut waits');

    const csv = path.join(dir, 'delivery.csv');
    expect((await jfp(['commitments', planId, '--csv', csv, '--json'])).stdout).toContain('"format": "csv"');
    expect(fs.readFileSync(csv, 'utf8')).toContain('Cut waits');
    const docx = path.join(dir, 'delivery.docx');
    expect((await jfp(['commitments', planId, '--docx', docx])).code).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses two formats at once, and filters with a file, before writing anything', async () => {
    const both = await jfp(['commitments', planId, '--xlsx', path.join(dir, 'a.xlsx'), '--csv', path.join(dir, 'a.csv')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/Give one of --xlsx, --csv or --docx, not --xlsx and --csv\./);
    const filtered = await jfp(['commitments', planId, '--xlsx', path.join(dir, 'a.xlsx'), '--lead', 'Trust']);
    expect(filtered.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'a.xlsx'))).toBe(false);
  });
});

describe('Node warnings on the command line', () => {
  it('prints no DEP0005 Buffer() warning from exporting or importing a workbook, Word or .csv', async () => {
    const out = (name: string) => path.join(dir, name);
    await inApp('addActual', { commitmentId: (await inApp('listCommitments', { planId }))[0]!.id, date: '2026-05-31', value: 70 });
    const runs = [
      await jfp(['commitments', planId, '--xlsx', out('w.xlsx')]),
      await jfp(['commitments', planId, '--docx', out('w.docx')]),
      await jfp(['commitments', planId, '--csv', out('w.csv')]),
      await jfp(['import-commitments', planId, out('w.xlsx'), '--dry-run']),
      await jfp(['import-commitments', planId, out('w.xlsx')]),
    ];
    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('drops DEP0005 only from archiver-utils’ normalizeInputSource: any other warning still prints', async () => {
    const { quietArchiverBufferWarning } = await import('../../electron/cli');
    const original = process.emitWarning;
    const seen: string[] = [];
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
      seen.push(`${String(code)}: ${String(warning)}`);
    }) as typeof process.emitWarning;
    try {
      quietArchiverBufferWarning();
      const normalizeInputSource = () => process.emitWarning('Buffer() is deprecated', 'DeprecationWarning', 'DEP0005');
      normalizeInputSource();
      const elsewhere = () => process.emitWarning('Buffer() is deprecated', 'DeprecationWarning', 'DEP0005');
      elsewhere();
      process.emitWarning('Something else', { code: 'DEP0999', type: 'DeprecationWarning' });
    } finally {
      process.emitWarning = original;
    }
    expect(seen).toEqual(['DEP0005: Buffer() is deprecated', 'DEP0999: Something else']);
  });
});

describe('jfp import-commitments', () => {
  const good = 'Priority,Commitment,Lead,Target year,2027/28\r\nLive well,Open hubs,Council,2029/30,12\r\nAge well,Falls service,Trust,2028-29,\r\n';

  it('with --dry-run prints the preview (columns mapped, to add, to update) and saves nothing', async () => {
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, good);
    const before = commitments();
    const run = await jfp(['import-commitments', planId, file, '--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'in.csv: 2 rows under the header row.',
        'Columns:',
        '  Priority -> Priority',
        '  Commitment -> Commitment',
        '  Lead -> Lead organisation',
        '  Target year -> Target year',
        '  2027/28 -> Planned 2027/28',
        'To add: 2. To update: 0. Refused: 0 rows.',
        "  Note: Row 2, column Priority: “Live well” is not one of the plan's priorities yet; it will be added to them.",
        "  Note: Row 3, column Priority: “Age well” is not one of the plan's priorities yet; it will be added to them.",
        'Dry run: nothing was saved.',
        '',
      ].join('\n'),
    );
    expect(commitments()).toEqual(before);
  });

  it('without --dry-run imports every row in one go and says how many', async () => {
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, good);
    const run = await jfp(['import-commitments', planId, file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nImported into “Joint Forward Plan”: 2 commitments added, 0 updated, 0 actuals added\.\n$/);
    const list = await inApp('listCommitments', { planId });
    expect(list.map((c) => [c.commitment, c.priority, c.leadOrg, c.targetYear])).toEqual([
      ['Cut waits', 'Start well', '', 2028],
      ['Open hubs', 'Live well', 'Council', 2029],
      ['Falls service', 'Age well', 'Trust', 2028],
    ]);
    expect(list[1]!.trajectory.find((p) => p.year === 2027)?.planned).toBe(12);
  });

  it('updates the rows whose Id matches, from the plan’s own export edited in Excel', async () => {
    const xlsx = path.join(dir, 'round.xlsx');
    await jfp(['commitments', planId, '--xlsx', xlsx]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Commitments')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    sheet.getRow(2).getCell(header.indexOf('Lead organisation') + 1).value = 'Northtown Hospitals';
    await workbook.xlsx.writeFile(xlsx);
    const run = await jfp(['import-commitments', planId, xlsx, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { preview: CommitmentImportPreview; imported: { added: number; updated: number } };
    expect(out.imported).toEqual({ added: 0, updated: 1, actualsAdded: 0 });
    expect((await inApp('listCommitments', { planId }))[0]).toMatchObject<Partial<Commitment>>({ leadOrg: 'Northtown Hospitals', commitment: 'Cut waits' });
  });

  it('prints every refused row with its reason, imports nothing and exits 1', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'Commitment;Target year;2027/28\r\nGood row;2028/29;5\r\nBad row;2031/32;lots\r\n');
    const before = commitments();
    const run = await jfp(['import-commitments', planId, file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('To add: 1. To update: 0. Refused: 1 row.');
    expect(run.stdout).toContain("  Refused: Row 3, column Target year: 2031/32 is outside this plan's period, 2026/27 to 2030/31.");
    expect(run.stdout).toContain('  Refused: Row 3, column 2027/28: “lots” is not a number.');
    expect(run.stdout).toMatch(/Nothing was imported: correct the refused rows and run the command again\.\n$/);
    expect(commitments()).toEqual(before);
  });

  it('refuses a file that is not there, or is password-protected, in one sentence', async () => {
    const missing = await jfp(['import-commitments', planId, path.join(dir, 'nope.xlsx')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/nope\.xlsx does not exist\./);
    const locked = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(locked);
    Buffer.from('EncryptedPackage', 'utf16le').copy(locked, 600);
    fs.writeFileSync(path.join(dir, 'locked.xlsx'), locked);
    const run = await jfp(['import-commitments', planId, path.join(dir, 'locked.xlsx')]);
    // The app refused the input: exit code 2, as for every refused input.
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^jfp: locked\.xlsx is password-protected, so it cannot be read\./);
  });
});
