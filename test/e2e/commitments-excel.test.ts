// Excel in and out from the delivery grid: the export buttons save files, and
// an import goes through the column-mapping preview (counts, refused rows with
// row and column, Confirm disabled while any row is refused), saving nothing
// until confirmed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

const grid = () => app.page.getByRole('grid', { name: 'Delivery commitments' });
function commitments(): string[] {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT commitment FROM commitments WHERE plan_id = ? ORDER BY position').all(planId) as Array<{ commitment: string }>).map((r) => r.commitment);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Excel plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  await app.call('addCommitment', { planId, fields: { priority: 'Urgent care', commitment: 'Four hours in A&E', targetYear: 2027 } });
  await app.open(`#/plan/${planId}/commitments`);
  await grid().locator('[role="gridcell"]').first().waitFor();
});
afterAll(async () => {
  await app?.close();
});

describe('the delivery table in and out of Excel', () => {
  it('exports the table as .xlsx and .csv from the grid', async () => {
    await app.page.getByRole('button', { name: 'Export .xlsx' }).click();
    await app.page.getByText(/^Saved .+\.xlsx\.$/).waitFor();
    const xlsx = fs.readdirSync(app.exportDir).find((f) => f.endsWith('.xlsx'))!;
    expect(fs.readFileSync(path.join(app.exportDir, xlsx)).subarray(0, 2).toString()).toBe('PK');

    await app.page.getByRole('button', { name: 'Export .csv' }).click();
    await app.page.getByText(/^Saved .+\.csv\.$/).waitFor();
    const csv = fs.readdirSync(app.exportDir).find((f) => f.endsWith('.csv'))!;
    expect(fs.readFileSync(path.join(app.exportDir, csv), 'utf8')).toContain('Four hours in A&E');
  });

  it('imports through the mapping preview: refused rows named, Confirm disabled until the mapping is fixed, nothing saved before Confirm', async () => {
    const file = path.join(app.exportDir, 'theirs.csv');
    fs.writeFileSync(file, 'Commitment,Metric,Target year,Notes\r\nCut smoking,Smoking prevalence,2028/29,ok\r\nMore health checks,Checks done,2035/36,later\r\n');
    app.answerOpenDialog(file);
    await app.page.getByRole('button', { name: 'Import…' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Import commitments from theirs.csv' });
    await dialog.waitFor();
    await dialog.getByText(/Row 3, Target year: .*2035\/36/).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Confirm import' });
    expect(await confirm.isDisabled()).toBe(true);
    expect(commitments()).toEqual(['Four hours in A&E']);
    expect(await app.checkA11y()).toEqual([]);

    await dialog.getByLabel('Field for column Target year').selectOption('');
    await dialog.getByText('2 to add, 0 to update.').waitFor();
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await app.page.getByText('Imported: 2 added, 0 updated.').waitFor();
    expect(commitments()).toEqual(['Four hours in A&E', 'Cut smoking', 'More health checks']);
    await expect
      .poll(() => grid().locator('[role="gridcell"][data-label^="Commitment, row "]').allTextContents())
      .toEqual(['Four hours in A&E', 'Cut smoking', 'More health checks']);
  });

  it('says on screen why a password-protected workbook or a 100 MB file cannot be imported, and opens no preview', async () => {
    const before = commitments();
    const locked = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(locked);
    Buffer.from('EncryptionInfo', 'utf16le').copy(locked, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(locked, 1200);
    const lockedFile = path.join(app.exportDir, 'locked.xlsx');
    fs.writeFileSync(lockedFile, locked);
    app.answerOpenDialog(lockedFile);
    await app.page.getByRole('button', { name: 'Import…' }).click();
    await app.page.getByText('locked.xlsx is password-protected, so it cannot be read. Open it in Excel, remove the password').waitFor();

    const hugeFile = path.join(app.exportDir, 'huge.xlsx');
    const fd = fs.openSync(hugeFile, 'w');
    fs.ftruncateSync(fd, 100 * 1024 * 1024);
    fs.closeSync(fd);
    app.answerOpenDialog(hugeFile);
    await app.page.getByRole('button', { name: 'Import…' }).click();
    await app.page.getByText('huge.xlsx is 100 MB, larger than the 20 MB a delivery table import can be; it was not read.').waitFor();
    expect(await app.page.getByRole('dialog').count()).toBe(0);
    expect(commitments()).toEqual(before);
    fs.rmSync(hugeFile);
  });
});
