// A board paper's and a plan's contents carry their page numbers in the .docx itself,
// laid out as Word lays the pages out, so a viewer that never updates fields
// (and Word, without asking) shows them; the TOC field is still a field Word
// updates on request. Where LibreOffice is installed the numbers are checked
// against the pages it renders the same file on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDocument } from '../../electron/services/export';
import { computesPageNumbers, documentChars } from '../../electron/services/export/docx-pagination';
import { boardPaperDocument } from '../../electron/services/export/model/build';
import { parseExportOptions } from '../../electron/services/export/index';
import { resolveHouseStyle } from '../../electron/services/export/house-style';
import type { ExportOptionsInput, PlanExportData } from '../../shared/export';
import { fixtureData, FIXTURE_COVER } from '../support/export-fixture';
import { fieldInstructions, NS, readDocx, wElements, wVal, type DocxPackage } from '../support/docx-reader';
import { content, paragraph, text } from '../support/lexical-builder';
import { needsLibreOffice } from '../support/libreoffice';
import { readPdf } from '../support/pdf-reader';

interface Entry {
  level: number;
  title: string;
  page: string;
}

/** The contents' entries as written: level, the entry's text, and the page number after its tab. */
function contentsEntries(pkg: DocxPackage): Entry[] {
  return wElements(pkg.xml(pkg.mainDocument()), 'p')
    .map((p) => ({ p, style: wVal(p.getElementsByTagNameNS(NS.w, 'pStyle').item(0)) ?? '' }))
    .filter(({ style }) => /^TOC\d$/.test(style))
    .map(({ p, style }) => {
      // Text before the last tab is the entry; after it, the page number.
      let before = '';
      let after = '';
      let tabs = 0;
      const runs = wElements(p, 'r');
      const lastTab = runs.map((r) => wElements(r, 'tab').length > 0).lastIndexOf(true);
      runs.forEach((r, i) => {
        const text = wElements(r, 't')
          .map((t) => t.textContent ?? '')
          .join('');
        if (wElements(r, 'tab').length) tabs++;
        if (i > lastTab) after += text;
        else before += (tabs > 1 && i === runs.findIndex((x) => wElements(x, 'tab').length > 0) + 1 ? ' ' : '') + text;
      });
      return { level: Number(style.slice(3)), title: before.replace(/\s+/g, ' ').trim(), page: after.trim() };
    });
}

/** Whether a page's lines hold the heading: one line that is the heading, or two when it wraps (as long ones do). */
function hasHeading(lines: readonly string[], title: string): boolean {
  return lines.some((line, i) => line === title || (line.length > 0 && title.startsWith(`${line} `) && `${line} ${lines[i + 1] ?? ''}` === title));
}

async function boardPaper(options: ExportOptionsInput = {}, data: PlanExportData = fixtureData()) {
  const result = await exportDocument({ data, options: { kind: 'board_paper', format: 'docx', issueDate: '2026-03-04', ...options }, cover: FIXTURE_COVER });
  return { bytes: result.content as Buffer, pkg: readDocx(result.content as Buffer) };
}

const beginFieldDirty = (pkg: DocxPackage) =>
  wElements(pkg.xml(pkg.mainDocument()), 'fldChar')
    .filter((f) => f.getAttributeNS(NS.w, 'fldCharType') === 'begin')
    .map((f) => f.getAttributeNS(NS.w, 'dirty'));

describe('contents with page numbers (board paper and plan)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-toc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has a contents page whose every entry carries a page number, in page order, in a TOC field Word can update', async () => {
    const { pkg } = await boardPaper();
    const entries = contentsEntries(pkg);
    expect(entries.map((e) => e.title)).toEqual(expect.arrayContaining(['Report to the Integrated Care Board', '1 Foreword', '3.1 Start well', 'Delivery commitments']));
    for (const entry of entries) expect(entry.page, entry.title).toMatch(/^\d+$/);
    const pages = entries.map((e) => Number(e.page));
    expect(pages.every((p, i) => i === 0 || p >= pages[i - 1]!)).toBe(true);
    // The cover sheet starts on page 1 after the title; the sections come after the contents page.
    expect(pages[entries.findIndex((e) => e.title === '1 Foreword')]!).toBeGreaterThan(pages[0]!);
    // Still Word's TOC field, written clean: Word shows these numbers without asking, and updates them on request.
    const toc = fieldInstructions(pkg, pkg.mainDocument()).find((f) => f.startsWith('TOC'));
    expect(toc).toMatch(/^TOC .*\\o "1-3"/);
    expect(toc).toContain('\\h');
    expect(beginFieldDirty(pkg).filter((d) => d === 'true')).toEqual([]);
    expect(wElements(pkg.xml('word/settings.xml'), 'updateFields').filter((e) => e.getAttributeNS(NS.w, 'val') !== 'false')).toEqual([]);
  });

  it('numbers a plan’s contents too, in the TOC field Word still updates on request, and a board paper of any size', async () => {
    const plan = await exportDocument({ data: fixtureData(), options: { kind: 'plan', format: 'docx', issueDate: '2026-03-04' } });
    const planPkg = readDocx(plan.content as Buffer);
    const planEntries = contentsEntries(planPkg);
    expect(planEntries.map((e) => e.title)).toEqual(expect.arrayContaining(['1 Foreword', '3.1 Start well']));
    for (const entry of planEntries) expect(entry.page, entry.title).toMatch(/^\d+$/);
    const planPages = planEntries.map((e) => Number(e.page));
    // The title page and the contents come first; then the pages never go backwards.
    expect(planPages[0]).toBeGreaterThanOrEqual(3);
    expect(planPages.every((p, i) => i === 0 || p >= planPages[i - 1]!)).toBe(true);
    // Word shows the numbers without asking (no update on opening), and the field is still there to update.
    expect(fieldInstructions(planPkg, planPkg.mainDocument()).find((f) => f.startsWith('TOC'))).toMatch(/^TOC .*\\o "1-3".*\\h|^TOC .*\\h.*\\o "1-3"/);
    expect(beginFieldDirty(planPkg).filter((d) => d === 'true')).toEqual([]);
    expect(wElements(planPkg.xml('word/settings.xml'), 'updateFields').filter((e) => e.getAttributeNS(NS.w, 'val') !== 'false')).toEqual([]);

    // No size limit: a board paper of 400,000 characters (past the 80,000 docx's own layout managed) is numbered too.
    const data = fixtureData();
    const long = Array.from(
      { length: 400 },
      (_, i) => `Paragraph ${i + 1}. ${'The plan sets out what the NHS will do with its partners across the system. '.repeat(13)}`,
    );
    const big = {
      ...data,
      sections: data.sections.map((s) => (s.title === 'Introduction' ? { ...s, content: content(...long.map((t) => paragraph(text(t)))) } : s)),
    };
    const options = parseExportOptions({ kind: 'board_paper', format: 'docx' });
    const model = boardPaperDocument({ data: big, options, style: resolveHouseStyle(undefined), cover: FIXTURE_COVER });
    expect(documentChars(model)).toBeGreaterThan(400_000);
    expect(computesPageNumbers(model)).toBe(true);
    const { pkg } = await boardPaper({}, big);
    const entries = contentsEntries(pkg);
    for (const entry of entries) expect(entry.page, entry.title).toMatch(/^\d+$/);
    // The long section pushes the ones after it on by about 115 pages (about 3,500 characters of 12 pt Arial a page).
    const at = entries.findIndex((e) => e.title.endsWith(' Introduction'));
    expect(at).toBeGreaterThan(0);
    expect(Number(entries[at + 1]!.page) - Number(entries[at]!.page)).toBeGreaterThan(90);
  });

  it('gives each entry, of a board paper and of a plan, the page LibreOffice renders its heading on (to within one page)', async (context) => {
    const soffice = needsLibreOffice(context);
    const paper = await boardPaper();
    const plan = await exportDocument({ data: fixtureData(), options: { kind: 'plan', format: 'docx', issueDate: '2026-03-04' } });
    const inputs = { paper: paper.bytes, plan: plan.content as Buffer };
    for (const [name, bytes] of Object.entries(inputs)) fs.writeFileSync(path.join(dir, `${name}.docx`), bytes);
    // Both files in one start of LibreOffice (each start costs seconds).
    const run = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...Object.keys(inputs).map((name) => path.join(dir, `${name}.docx`)),
      ],
      { timeout: 240_000 },
    );
    expect(run.status, String(run.stderr)).toBe(0);
    for (const [name, bytes] of Object.entries(inputs)) {
      const pkg = readDocx(bytes);
      const pdf = await readPdf(fs.readFileSync(path.join(dir, `${name}.pdf`)));
      const lines = pdf.pages.map((p) => p.text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()));
      const entries = contentsEntries(pkg);
      expect(entries.length, name).toBeGreaterThan(10);
      // Where each heading is printed: the first page, after the contents, with a line that is the heading.
      const contentsEnd = lines.findLastIndex((page) => page.some((l) => l.startsWith(entries.at(-1)!.title) && /\d$/.test(l)));
      let from = Math.max(contentsEnd + 1, 0);
      const rendered = entries.map((entry) => {
        const found = lines.findIndex((page, i) => (i >= from || entry.title === entries[0]!.title) && hasHeading(page, entry.title));
        if (found >= from) from = found;
        return found + 1;
      });
      const agree = entries.filter((e, i) => Number(e.page) === rendered[i]).length;
      for (const [i, entry] of entries.entries())
        expect(Math.abs(Number(entry.page) - rendered[i]!), `${name}, ${entry.title}: written ${entry.page}, rendered ${rendered[i]}`).toBeLessThanOrEqual(1);
      // Tolerance: one page either way, and most entries on the same page. Our layout breaks lines with Arial's
      // real widths as LibreOffice does, but the renderers do not agree with each other to the point: Word draws a
      // 12 pt Arial line 13.8 pt tall, LibreOffice 13.4 pt (3% of a page, so they part by a page every 30 or so),
      // and table rows and spacing at page foot differ by a few points. On the sample plan's 64-page paper 107 of
      // 123 entries fall on LibreOffice's page and the rest one page out; here 17 of 19.
      expect(agree / entries.length, `${name}: ${agree} of ${entries.length} on LibreOffice's page`).toBeGreaterThanOrEqual(0.75);
    }
  }, 300_000);
});
