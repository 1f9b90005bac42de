// Exporting from the app: the plan as Word with its accessibility check, a
// board paper with its cover sheet remembered, a PDF, and the unhappy paths
// (cancelled dialog, a folder that cannot be written).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headings, NS, paragraphs, readDocx, wElements } from '../support/docx-reader';
import { readPdf, readPdfStructure } from '../support/pdf-reader';
import { solidPng } from '../support/png';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;
let sectionTitles: string[];

const exportButton = () => app.page.getByRole('button', { name: 'Export', exact: true });
const savedMessage = () => app.page.locator('.export-result strong');

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createSamplePlan', {})).id;
  sectionTitles = (await app.call('listSections', { planId })).filter((s) => s.depth === 1).map((s) => s.title);
  await app.open(`#/plan/${planId}/export`);
});
afterAll(async () => {
  await app?.close();
});

describe('exporting from the app', () => {
  it('saves the plan as a Word document with real headings and reports the accessibility check', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    expect(await app.checkA11y()).toEqual([]);
    await exportButton().click();
    await savedMessage().waitFor({ timeout: 60_000 });
    const file = fs.readdirSync(app.exportDir).find((f) => f.endsWith('.docx'))!;
    expect(file).toMatch(/^Joint Forward Plan .*\.docx$/);
    await expect(page.getByText('Accessibility check passed').isVisible()).resolves.toBe(true);

    const docx = readDocx(fs.readFileSync(path.join(app.exportDir, file)));
    const level1 = headings(docx)
      .filter(([level]) => level === 1)
      .map(([, text]) => text.replace(/^\d+\s+/, ''));
    for (const title of sectionTitles) expect(level1).toContain(title);

    await page.getByRole('button', { name: 'Open file' }).click();
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect
      .poll(() => app.revealed)
      .toEqual([
        { how: 'open', file: path.join(app.exportDir, file) },
        { how: 'folder', file: path.join(app.exportDir, file) },
      ]);
  });

  it('makes a board paper from the cover sheet form and remembers the form for the plan', async () => {
    const { page } = app;
    await page.getByLabel(/A board paper/).check();
    await page.getByLabel('Date of meeting').fill('2027-03-04');
    await page.getByLabel('Agenda item').fill('7.2');
    await page.getByLabel('Report author').fill('Priya Nair, Head of Strategy');
    await page.getByLabel('Purpose of the paper').selectOption('Approval');
    await page.getByRole('radio', { name: 'Chosen sections', exact: true }).check();
    await page.locator('.section-choices label').filter({ hasText: sectionTitles[0]! }).first().locator('input').check();
    expect(await app.checkA11y()).toEqual([]);
    app.answerSaveDialog(path.join(app.exportDir, 'board-paper.docx'));
    await exportButton().click();
    // Required fields left empty are listed, and the paper is saved only once the person confirms (#14).
    const confirm = page.getByRole('alertdialog', { name: 'The cover sheet is not complete' });
    await confirm.waitFor();
    expect(await confirm.getByRole('listitem').allTextContents()).toEqual(['Presented by', 'Executive lead', 'Executive summary']);
    expect(fs.existsSync(path.join(app.exportDir, 'board-paper.docx'))).toBe(false);
    await confirm.getByRole('button', { name: 'Export anyway' }).click();
    await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe('Saved board-paper.docx.');

    const docx = readDocx(fs.readFileSync(path.join(app.exportDir, 'board-paper.docx')));
    const text = paragraphs(docx)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('7.2');
    expect(text).toContain('Priya Nair, Head of Strategy');
    expect(text).toContain('4 March 2027');
    expect(text).toContain(sectionTitles[0]!);
    expect(text).not.toContain(sectionTitles[2]!);

    const db = new Database(app.dbPath, { readonly: true });
    const cover = JSON.parse(db.prepare('SELECT cover FROM plan_export_settings WHERE plan_id = ?').pluck().get(planId) as string);
    db.close();
    expect(cover).toMatchObject({ agendaItem: '7.2', meetingDate: '2027-03-04', purpose: 'Approval' });
    await app.reload();
    await page.getByLabel(/A board paper/).check();
    await expect(page.getByLabel('Agenda item').inputValue()).resolves.toBe('7.2');
  });

  it('previews the board paper with its cover sheet before saving, the form showing the plan’s own defaults', async () => {
    const { page } = app;
    await page.getByLabel(/A board paper/).check();
    // Defaults are filled in for this plan, never shown with a placeholder.
    const plan = await app.call('getPlan', { planId });
    await expect(page.getByLabel('Meeting', { exact: true }).inputValue()).resolves.toBe(`Board of ${plan.icbName}`);
    await expect(page.getByLabel('Recommendation').inputValue()).resolves.toMatch(/^The Board is asked to discuss and comment on the draft /);
    await expect(page.locator('.export-form').textContent()).resolves.not.toMatch(/\{[a-zA-Z]+\}/);

    await page.getByLabel('Meeting', { exact: true }).fill('Board meeting in public, Harrowfield Civic Centre');
    await page.getByLabel('Executive lead').fill('');
    await page.getByRole('button', { name: 'Preview' }).click();
    const frame = page.frameLocator('iframe[title="Preview of the board paper"]');
    await frame.getByRole('heading', { name: 'Report to the Integrated Care Board' }).waitFor();
    await expect(frame.getByText('Board meeting in public, Harrowfield Civic Centre').isVisible()).resolves.toBe(true);
    // The page's own stylesheet applies (headings in NHS Blue), though the app's CSP refuses inline styles.
    const colour = await frame.getByRole('heading', { name: 'Report to the Integrated Care Board' }).evaluate((h) => getComputedStyle(h).color);
    expect(colour).toBe('rgb(0, 94, 184)');
    // The frame runs no script.
    await expect(page.locator('iframe.export-preview').getAttribute('sandbox')).resolves.toBe('allow-same-origin');
    await expect(page.locator('.export-preview-box .field-error').textContent()).resolves.toContain('Executive lead');
    expect(await app.checkA11y()).toEqual([]);

    app.answerSaveDialog(path.join(app.exportDir, 'previewed.docx'));
    await page.getByRole('button', { name: 'Save…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'The cover sheet is not complete' });
    await confirm.waitFor();
    expect(await confirm.getByRole('listitem').allTextContents()).toContain('Executive lead');
    await confirm.getByRole('button', { name: 'Go back and fill them in' }).click();
    expect(await confirm.count()).toBe(0);
    await page.getByLabel('Executive lead').fill('Dr Ruth Lane, Director of Strategy');
    await page.getByLabel('Presented by').fill('Dr Ruth Lane');
    await page.getByLabel('Executive summary').fill('The plan sets out five years of work with our partners.');
    await page.getByLabel('Date of meeting').fill('2027-03-04');
    await page.getByLabel('Agenda item').fill('7.2');
    await page.getByLabel('Report author').fill('Priya Nair, Head of Strategy');
    await page.getByLabel('Purpose of the paper').selectOption('Approval');
    // Under a loaded CI machine the click's round trip through the harness can take over 10 s.
    await page.getByRole('button', { name: 'Save…' }).click({ timeout: 60_000 });
    await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe('Saved previewed.docx.');
    const text = paragraphs(readDocx(fs.readFileSync(path.join(app.exportDir, 'previewed.docx'))))
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('Board meeting in public, Harrowfield Civic Centre');
    expect(text).toContain('Dr Ruth Lane, Director of Strategy');
    expect(text).toContain('The plan sets out five years of work with our partners.');
  });

  // #14 pdf: the export job draws the PDF from the same document as Word (no printing, no port for it).
  it('saves a tagged PDF with a bookmark for every top-level heading', async () => {
    const { page } = app;
    await page.getByLabel('PDF (.pdf)').check();
    app.answerSaveDialog(path.join(app.exportDir, 'plan.pdf'));
    await exportButton().click();
    await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe('Saved plan.pdf.');
    const bytes = fs.readFileSync(path.join(app.exportDir, 'plan.pdf'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pageCount } = await readPdf(bytes);
    expect(pageCount).toBeGreaterThan(1);
    for (const title of sectionTitles) expect(text).toContain(title);
    const plan = await app.call('getPlan', { planId });
    const structure = await readPdfStructure(bytes);
    expect(structure).toMatchObject({ marked: true, language: 'en-GB', title: plan.title });
    expect(structure.structureRoles).toEqual(expect.arrayContaining(['Document', 'H1']));
    const topBookmarks = structure.outline.map((o) => o.title);
    for (const title of sectionTitles) expect(topBookmarks.some((b) => b.endsWith(title))).toBe(true);
  });

  it('lays the delivery commitments out as chosen: stacked for the sample by default, the wide landscape table when asked (#14)', async () => {
    const { page } = app;
    await page.getByLabel('Word document (.docx)').check();
    await page.getByRole('radio', { name: 'The plan document' }).check();
    const layout = page.getByLabel('Delivery commitments');
    await expect(layout.inputValue()).resolves.toBe('auto');
    const saveAs = async (name: string) => {
      app.answerSaveDialog(path.join(app.exportDir, name));
      await exportButton().click();
      await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe(`Saved ${name}.`);
      return readDocx(fs.readFileSync(path.join(app.exportDir, name)));
    };
    const orientations = (docx: ReturnType<typeof readDocx>) => wElements(docx.xml('word/document.xml'), 'pgSz').map((size) => size.getAttributeNS(NS.w, 'orient'));
    const stacked = await saveAs('stacked.docx');
    expect(orientations(stacked)).not.toContain('landscape');
    expect(paragraphs(stacked).some((p) => /^1\. .*Priority: .*Metric: .*Baseline: .*Target: /.test(p.text))).toBe(true);
    await layout.selectOption({ label: 'One wide table on landscape pages' });
    const table = await saveAs('table.docx');
    expect(orientations(table)).toContain('landscape');
    expect(paragraphs(table).some((p) => /^1\. .*Priority: /.test(p.text))).toBe(false);
    await layout.selectOption('auto');
  });

  it("puts the organisation's logo, with its alt text, on the title page", async () => {
    const { page } = app;
    await page.getByLabel('Word document (.docx)').check();
    // The board paper chosen by the test before: choosing the plan document is what turns it off (a radio cannot be unchecked).
    await page.getByLabel('The plan document').check();
    await expect(page.getByLabel(/A board paper/).isChecked()).resolves.toBe(false);
    await page.getByText('House style').click();
    await page.getByLabel('Logo (PNG, shown on the title page)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(40, 20, [0, 94, 184]) });
    await page.getByLabel('Logo description for screen readers (alt text)').fill('NHS Wessex Vale Integrated Care Board logo');
    expect(await app.checkA11y()).toEqual([]);
    app.answerSaveDialog(path.join(app.exportDir, 'with-logo.docx'));
    await exportButton().click();
    await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe('Saved with-logo.docx.');
    await expect(page.getByText('Accessibility check passed').isVisible()).resolves.toBe(true);
    const xml = readDocx(fs.readFileSync(path.join(app.exportDir, 'with-logo.docx'))).text('word/document.xml');
    expect(xml).toMatch(/<wp:docPr [^>]*descr="NHS Wessex Vale Integrated Care Board logo"/);
  });

  it('says so when the save dialog is cancelled, and when the folder cannot be written', async () => {
    const { page } = app;
    await page.getByLabel('Word document (.docx)').check();
    app.answerSaveDialog(null);
    await exportButton().click();
    await page.getByText('Export cancelled; nothing was saved.').waitFor();
    app.answerSaveDialog('/nonexistent-folder/plan.docx');
    await exportButton().click();
    await expect.poll(() => page.locator('.export-status .field-error').textContent(), { timeout: 60_000 }).toMatch(/^[A-Z].*\.$/);
    expect(fs.existsSync('/nonexistent-folder/plan.docx')).toBe(false);
  });
});
