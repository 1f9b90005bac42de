// The PDF is accessible as the Public Sector Bodies Accessibility Regulations
// expect: tagged (MarkInfo, a structure tree), bookmarks that are the
// document's headings in order, the language and title set, real text, the
// marking on every page, and alt text carried from images. Read back from the
// file with PDF.js, as a checker would. The app's Electron options are the
// same request, tested as a plain function.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../electron/services/browser';
import { exportDocument, pdfPrintOptions } from '../../electron/services/export';
import { DEFAULT_HOUSE_STYLE } from '../../electron/services/export/house-style';
import { finishPdf, pdfFactsFromHtml, printedAsWanted } from '../../electron/services/export/pdf-finish';
import { electronPdfOptions } from '../../electron/services/export/pdf-options';
import type { ExportOptionsInput, PlanExportData } from '../../shared/export';
import { fixtureData, FIXTURE_COVER } from '../support/export-fixture';
import { readPdf, readPdfStructure } from '../support/pdf-reader';
import { solidPng } from '../support/png';

const LOGO = { pngBase64: solidPng(120, 40, [0, 94, 184]).toString('base64'), altText: 'NHS North Fell Integrated Care Board logo', widthCm: 4 };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ')
    .trim();

/** Every heading of the page (h1 to h6), in order: what the PDF's bookmarks must be. */
function htmlHeadings(html: string): { level: number; text: string }[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => ({ level: Number(m[1]), text: plain(m[2]!) }));
}

describe('the PDF the app asks Electron for', () => {
  it('is tagged, with an outline, the CSS page size and the house margins in inches', () => {
    const options = electronPdfOptions(pdfPrintOptions(fixtureData(), DEFAULT_HOUSE_STYLE));
    expect(options).toMatchObject({
      pageSize: 'A4',
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      preferCSSPageSize: true,
      printBackground: true,
    });
    expect(options.margins.top).toBeCloseTo(2.5 / 2.54, 5);
    expect(options.margins.left).toBeCloseTo(2.5 / 2.54, 5);
  });

  it('leaves the running header and footer to the page (no per-page header templates), which prints the marking and page numbers', async () => {
    const options = electronPdfOptions(pdfPrintOptions(fixtureData(), DEFAULT_HOUSE_STYLE));
    expect(options.displayHeaderFooter).toBe(false);
    const html = (await exportDocument({ data: fixtureData(), options: { kind: 'plan', format: 'html' } })).content as string;
    expect(html).toContain('@top-center { content: "OFFICIAL | DRAFT - for consultation";');
    expect(html).toContain('@bottom-center { content: "Page " counter(page) " of " counter(pages);');
    const final = fixtureData();
    final.plan = { ...final.plan, isFinal: true, protectiveMarking: 'OFFICIAL-SENSITIVE' };
    const finalHtml = (await exportDocument({ data: final, options: { kind: 'plan', format: 'html' } })).content as string;
    expect(finalHtml).toContain('@top-center { content: "OFFICIAL-SENSITIVE";');
  });

  it('refuses a margin that is not in centimetres rather than guessing', () => {
    const options = pdfPrintOptions(fixtureData(), DEFAULT_HOUSE_STYLE);
    expect(() => electronPdfOptions({ ...options, margin: { ...options.margin, top: '1in' } })).toThrow(/in cm/);
  });
});

describe('the printed PDF (Chromium, as the CLI prints it)', () => {
  it('names a bookmark whose heading wraps as the heading, as printed, so the file is kept without a second pass', async () => {
    const { printed, bytes, html } = await print({ kind: 'plan' });
    const raw = (await readPdfStructure(printed)).outline.map((o) => o.title);
    // Headings print with their spaces kept (white-space: pre-wrap), so Chromium's bookmark keeps the one at the wrap.
    expect(raw).toContain('Appendix B: Health and Wellbeing Board opinions');
    expect(printedAsWanted(printed, pdfFactsFromHtml(html))).toBe(true);
    // Nothing to put right: the printed bytes are the file (no pdf-lib read and re-save of every page).
    expect(bytes).toBe(printed);
  });

  it('still renames a bookmark Chromium ran together (a page printed without the kept spaces)', async () => {
    const { printed, bytes, html } = await print({ kind: 'plan' }, fixtureData(), (page) => page.replace('h1, h2, h3, h4, h5, h6 { white-space: pre-wrap; }', ''));
    const raw = (await readPdfStructure(printed)).outline.map((o) => o.title);
    expect(raw).toContain('Appendix B: Health and Wellbeing Boardopinions');
    expect(printedAsWanted(printed, pdfFactsFromHtml(html))).toBe(false);
    const fixed = (await readPdfStructure(bytes)).outline.map((o) => o.title);
    expect(fixed).toContain('Appendix B: Health and Wellbeing Board opinions');
    expect(fixed).toHaveLength(raw.length);
  });

  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-pdf-'));
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function print(options: ExportOptionsInput, data: PlanExportData = fixtureData(), edit: (html: string) => string = (html) => html) {
    const exported = await exportDocument({ data, options: { ...options, format: 'html', issueDate: '2026-03-04' }, cover: FIXTURE_COVER, houseStyle: { logo: LOGO } });
    const html = edit(exported.content as string);
    const tab = await browser.newPage();
    try {
      await tab.setContent(html);
      const printed = await tab.pdf(pdfPrintOptions(data, DEFAULT_HOUSE_STYLE));
      // As the export service does after printing, for the app and the CLI alike.
      const { bytes } = await finishPdf(printed, pdfFactsFromHtml(html));
      return { html, printed, bytes };
    } finally {
      await tab.close();
    }
  }

  it.each(['plan', 'board_paper'] as const)('%s: tagged, structure tree, language, title and one bookmark per heading', async (kind) => {
    const { html, bytes } = await print({ kind });
    const pdf = await readPdfStructure(bytes);
    expect(pdf.marked).toBe(true);
    expect(pdf.structureRoles).toContain('Document');
    for (const role of ['H1', 'H2', 'P', 'Table', 'TH', 'TD', 'L']) expect(pdf.structureRoles).toContain(role);
    expect(pdf.language).toBe('en-GB');
    const title = plain(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!);
    expect(pdf.title).toBe(title);
    // The bookmarks are the headings: same text, same order, same nesting depth.
    const headings = htmlHeadings(html);
    expect(headings.length).toBeGreaterThan(10);
    expect(pdf.outline.map((o) => o.title)).toEqual(headings.map((h) => h.text));
    // Pages never go backwards through the bookmarks.
    const pages = pdf.outline.map((o) => o.page);
    expect(pages.every((p, i) => p >= 1 && (i === 0 || p >= pages[i - 1]!))).toBe(true);
    // The logo's alt text is the figure's.
    expect(pdf.figureAlts).toContain(LOGO.altText);
  });

  it.each(['plan', 'board_paper'] as const)('%s: every line of the page is inside a landmark (axe region rule), the marking in the header', async (kind) => {
    const { html } = await print({ kind });
    expect(html).toContain('<header><p class="marking">OFFICIAL | DRAFT - for consultation</p></header>');
    // The file forbids scripts; the test context bypasses that only to run axe.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const tab = await context.newPage();
      await tab.setContent(html);
      await tab.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const violations = await tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run({ runOnly: { type: 'rule', values: ['region', 'landmark-one-main', 'landmark-unique', 'page-has-heading-one'] } });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has real text, the marking at the top of every page, and the commitments on landscape pages', async () => {
    const { bytes } = await print({ kind: 'plan' });
    const text = await readPdf(bytes);
    const pdf = await readPdfStructure(bytes);
    // The page's margin boxes: the marking at the head of every page, "Page X of Y" at its foot, landscape pages too.
    text.pages.forEach((page, i) => {
      const lines = page.text.split('\n');
      expect(lines).toContain('OFFICIAL | DRAFT - for consultation');
      expect(lines).toContain(`Page ${i + 1} of ${text.pageCount}`);
    });
    const commitments = pdf.outline.find((o) => o.title === 'Appendix A: Delivery commitments')!;
    const opinions = pdf.outline.find((o) => o.title === 'Appendix B: Health and Wellbeing Board opinions')!;
    // Portrait up to the commitments, landscape for them, portrait again after.
    expect(pdf.pageSizes[commitments.page - 2]!.width).toBeLessThan(pdf.pageSizes[commitments.page - 2]!.height);
    for (let page = commitments.page; page < opinions.page; page++) expect(pdf.pageSizes[page - 1]!.width).toBeGreaterThan(pdf.pageSizes[page - 1]!.height);
    expect(pdf.pageSizes[opinions.page - 1]!.width).toBeLessThan(pdf.pageSizes[opinions.page - 1]!.height);
    expect(text.pages[commitments.page - 1]!.text).toContain('Lead organisation');
  });
});

describe('the page on screen and in print', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('lays out on screen only what is in view, yet prints every word of every section', async () => {
    const data = fixtureData();
    const html = (await exportDocument({ data, options: { kind: 'plan', format: 'html' } })).content as string;
    const tab = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      await tab.setContent(html);
      // What is inside the last part of the page is out of view, so its layout is skipped until it scrolls near.
      const skipped = await tab.evaluate(async () => {
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const inside = [...document.querySelectorAll('main > * *')];
        return { first: inside[0]!.checkVisibility({ contentVisibilityAuto: true }), last: inside.at(-1)!.checkVisibility({ contentVisibilityAuto: true }) };
      });
      expect(skipped).toEqual({ first: true, last: false });
      const printed = await tab.pdf(pdfPrintOptions(data, DEFAULT_HOUSE_STYLE));
      // The body text alone: the running header and footer lines taken out, as a paragraph may run on over a page break.
      const text = (await readPdf(printed)).pages
        .flatMap((page) => page.text.split('\n'))
        .filter((line) => line !== 'OFFICIAL | DRAFT - for consultation' && !/^Page \d+ of \d+$/.test(line))
        .join('\n');
      const squash = (s: string) => s.replace(/\s+/g, '');
      // Every paragraph and list item of the page is in the PDF, the last ones included (table cells print side by side, line by line).
      const words = [...html.replace(/<table\b[\s\S]*?<\/table>/g, '').matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)]
        .map((m) => plain(m[2]!.split(/<[ou]l\b/)[0]!))
        // (a nested list's items are their own; the marking line above the page is for screens: in print it is the running header)
        .filter((t) => t.length > 20 && t !== 'OFFICIAL | DRAFT - for consultation');
      expect(words.length).toBeGreaterThan(20);
      for (const t of words) expect(squash(text)).toContain(squash(t));
    } finally {
      await tab.close();
    }
  });
});

describe('finishing a printed PDF', () => {
  it('keeps a file it cannot read exactly as printed', async () => {
    const printed = new TextEncoder().encode('%PDF-1.7\nnot really\n');
    const result = await finishPdf(printed, { headings: ['One'], title: 'T', language: 'en-GB' });
    expect(result).toEqual({ bytes: printed, renamedBookmarks: 0, finished: false });
  });
});
