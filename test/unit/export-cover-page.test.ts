// The board paper's cover sheet as the Board sees it: rendered by LibreOffice
// (skipped where it is not installed; the papers converted in one start), a
// filled cover sheet fits page 1 with nothing "Not provided", with the plan's
// named version too, and a long summary continues on page 2 under a heading
// rather than pushing the cover sheet over; in the PDF (#14: written straight
// from the document model) the filled cover sheet fits page 1 and the
// continuation starts a page of its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { DEFAULT_BOARD_PAPER_TEMPLATE, exportDocument } from '../../electron/services/export';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import type { PlanExportData } from '../../shared/export';
import { callOk } from '../support/call-ok';
import { FULL_COVER } from '../support/export-fixture';
import { NS, paragraphs, readDocx, textOf, wElements } from '../support/docx-reader';
import { needsLibreOffice } from '../support/libreoffice';
import { readPdf, type PdfContent } from '../support/pdf-reader';

let work: string;
let data: PlanExportData;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cover-page-'));
  const services = startServices(path.join(work, 'sample.db'), { log: () => undefined });
  try {
    const plan = await callOk(services, 'createSamplePlan', {});
    data = loadPlanExport(services.store, plan.id);
  } finally {
    services.close();
  }
});
afterAll(() => {
  if (!process.env.KEEP_E2) fs.rmSync(work, { recursive: true, force: true });
});

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Every field of the cover sheet filled in (#14: the fully filled cover sheet fits page 1). */
const FILLED: Record<string, string> = FULL_COVER;

/** A plan's named version as long as a version label may be (60 characters): it takes a row of the cover sheet. */
const NAMED_VERSION = 'Board submission for approval, 26 March 2026 (version 3.2)';

const LONG_SUMMARY = Array.from(
  { length: 10 },
  (_, i) => `Paragraph ${i + 1} of the summary. ${'The plan sets out what the NHS will do with its partners. '.repeat(5)}`,
).join('\n\n');

/** The papers LibreOffice prints, by file name: the cover values and the plan's data each is exported with. */
const PAPERS = (): Record<string, { cover: Record<string, string>; data: PlanExportData }> => ({
  filled: { cover: FILLED, data },
  'long-summary': { cover: { ...FILLED, executiveSummary: LONG_SUMMARY }, data },
  'named-version': { cover: FILLED, data: { ...data, versionLabel: NAMED_VERSION } },
});

let printing: Promise<Map<string, PdfContent>> | null = null;

/**
 * The papers as LibreOffice prints them, converted in ONE start of soffice (each start costs seconds) the first time
 * a test asks for one; every test still skips by itself where LibreOffice is missing.
 */
async function printed(soffice: string, name: string): Promise<PdfContent> {
  printing ??= (async () => {
    const inputs: string[] = [];
    for (const [file, paper] of Object.entries(PAPERS())) {
      const result = await exportDocument({ data: paper.data, options: { kind: 'board_paper', sections: { statuses: ['approved'] } }, cover: paper.cover });
      const input = path.join(work, `${file}.docx`);
      fs.writeFileSync(input, result.content as Buffer);
      inputs.push(input);
    }
    const run = spawnSync(soffice, [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...inputs], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    const pdfs = new Map<string, PdfContent>();
    for (const file of Object.keys(PAPERS())) {
      const pdf = path.join(work, `${file}.pdf`);
      if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${file}: ${run.stderr}`);
      pdfs.set(file, await readPdf(fs.readFileSync(pdf)));
    }
    return pdfs;
  })();
  return (await printing).get(name)!;
}

/** A page's text without the protective marking printed at its top. */
const body = (text: string) => flat(text).replace(/^\s*OFFICIAL \| DRAFT - for consultation\s*/, '');

/** Every field's label (and the title) on page 1, none on page 2, and nothing "Not provided". */
function expectCoverOnPage1(pdf: PdfContent) {
  const page1 = flat(pdf.pages[0]!.text);
  expect(page1).toContain('Report to the Integrated Care Board');
  // Every field's label is on page 1, the last one too, and none on page 2.
  // (The paper's title is printed above the cover sheet rather than in a row of it.)
  for (const field of DEFAULT_BOARD_PAPER_TEMPLATE.fields.filter((f) => f.key !== 'title' && FILLED[f.key])) expect(page1, field.label).toContain(field.label);
  expect(page1).toContain(FULL_COVER['title']);
  expect(page1).toContain(FULL_COVER['previousConsideration']);
  const page2 = flat(pdf.pages[1]!.text);
  for (const field of DEFAULT_BOARD_PAPER_TEMPLATE.fields) expect(page2, field.label).not.toContain(field.label);
  expect(page2).not.toContain('Exported');
  expect(pdf.text).not.toContain('Not provided');
  return { page1, page2 };
}

describe('the cover sheet, printed by LibreOffice', () => {
  it('fits page 1 when every field is filled in, with 0 "Not provided"', async (context) => {
    const soffice = needsLibreOffice(context);
    expectCoverOnPage1(await printed(soffice, 'filled'));
  }, 240_000);

  it('fits page 1 with every field filled in and the plan’s named version in its own row', async (context) => {
    const soffice = needsLibreOffice(context);
    const { page1, page2 } = expectCoverOnPage1(await printed(soffice, 'named-version'));
    // The version row (with the export date beside it) is on page 1, its label whole.
    expect(page1).toMatch(/Version Board submission for approval, 26 March 2026 \(version 3\.2\)/);
    expect(page1).toContain('Exported');
    expect(page2).not.toContain(NAMED_VERSION);
    // Without the named version the paper has no version row at all.
    expect(flat((await printed(soffice, 'filled')).pages[0]!.text)).not.toContain('Board submission for approval');
  }, 240_000);

  it('continues a long summary on page 2 under a heading', async (context) => {
    const soffice = needsLibreOffice(context);
    const pdf = await printed(soffice, 'long-summary');
    const page1 = flat(pdf.pages[0]!.text);
    expect(page1).toContain('Paragraph 1 of the summary');
    expect(page1).toContain('Conflicts of interest');
    const rest = flat(
      pdf.pages
        .slice(1)
        .map((p) => p.text)
        .join(' '),
    );
    // Page 2 starts with the continuation under its heading: no blank page, nothing else first.
    expect(body(pdf.pages[1]!.text).startsWith('Executive summary (continued)')).toBe(true);
    expect(rest).toContain('Paragraph 10 of the summary');
    expect(rest.indexOf('Executive summary (continued)')).toBeLessThan(rest.indexOf('Paragraph 10 of the summary'));
  }, 240_000);
});

describe('the cover sheet in the PDF (drawn from the document model, as the app and the CLI write it)', () => {
  const pdfOf = async (cover: Record<string, string>) => {
    const result = await exportDocument({ data, options: { kind: 'board_paper', format: 'pdf', sections: { statuses: ['approved'] } }, cover });
    return readPdf(result.content as Uint8Array);
  };
  let long: PdfContent;
  let short: PdfContent;
  beforeAll(async () => {
    [long, short] = await Promise.all([pdfOf({ ...FILLED, executiveSummary: LONG_SUMMARY }), pdfOf(FILLED)]);
  }, 60_000);
  // The running header and footer are set aside.
  const bodyOf = (pdf: PdfContent) =>
    pdf.pages.map((p) =>
      flat(p.text)
        .replace(/OFFICIAL \| DRAFT - for consultation|Page \d+ of \d+/g, '')
        .trim(),
    );

  it('fits page 1 when every field is filled in, with 0 "Not provided"', () => {
    expectCoverOnPage1(short);
    const first = flat(short.pages[0]!.text);
    expect(first).toContain('Report to the Integrated Care Board');
    expect(first).toContain(`Conflicts of interest ${FILLED.conflictsOfInterest}`);
    expect(short.text).not.toContain('(continued)');
  });

  it('starts the continuation of a long summary on a new page under its heading, as Word does', () => {
    const pages = bodyOf(long);
    const at = pages.findIndex((p) => p.includes('Executive summary (continued)'));
    const last = pages.findIndex((p) => p.includes('Conflicts of interest'));
    // The cover sheet starts on page 1 with what of the summary fits; its continuation starts page 2, heading first.
    expect(pages[0]).toContain('Paragraph 1 of the summary');
    expect(pages[0]).toContain('Continued after the cover sheet.');
    expect(last).toBe(0);
    expect(at).toBe(1);
    expect(pages[at]!.startsWith('Executive summary (continued)')).toBe(true);
    expect(pages[at]).toContain('Paragraph 2 of the summary');
  });
});

describe('the cover sheet layout in the .docx (no LibreOffice needed)', () => {
  it('is a compact two-column table in single-spaced cells, with the export date beside a lone short value', async () => {
    const pkg = readDocx((await exportDocument({ data, options: { kind: 'board_paper' }, cover: FILLED })).content as Buffer);
    const doc = pkg.xml(pkg.mainDocument());
    const cover = wElements(doc, 'tbl')[0]!;
    // Two label and value pairs across: four grid columns.
    expect(wElements(cover, 'gridCol')).toHaveLength(4);
    // The compact cell style is single spaced (240ths of a line), not the body's 1.15.
    const compact = wElements(pkg.xml('word/styles.xml'), 'style').find((s) => s.getAttributeNS(NS.w, 'styleId') === 'TableTextCompact')!;
    expect(wElements(compact, 'spacing')[0]!.getAttributeNS(NS.w, 'line')).toBe('240');
    // "Executive lead" has no short neighbour: the export date shares its row rather than taking one more.
    const rows = wElements(cover, 'tr').map((tr) => wElements(tr, 'tc').map((tc) => textOf(tc)));
    expect(rows.find((r) => r[0] === 'Executive lead')).toEqual(['Executive lead', FULL_COVER['executiveLead'], 'Exported', expect.stringMatching(/\d{4}$/)]);
    expect(rows.filter((r) => r.includes('Exported'))).toHaveLength(1);
  });

  it('starts page 2 with the continuation heading when a summary is long, and the contents says so', async () => {
    const pkg = readDocx((await exportDocument({ data, options: { kind: 'board_paper' }, cover: { ...FILLED, executiveSummary: LONG_SUMMARY } })).content as Buffer);
    const heading = wElements(pkg.xml(pkg.mainDocument()), 'p').find((p) => textOf(p) === 'Executive summary (continued)')!;
    expect(heading).toBeDefined();
    expect(wElements(heading, 'pageBreakBefore')).toHaveLength(1);
    // Our page layout numbers it page 2 in the contents (and the cover sheet's heading page 1).
    const entries = paragraphs(pkg).filter((p) => /^TOC\d$/.test(p.style ?? ''));
    expect(entries.find((e) => e.text.startsWith('Report to the Integrated Care Board'))?.text).toMatch(/Board1$/);
    expect(entries.find((e) => e.text.startsWith('Executive summary (continued)'))?.text).toMatch(/\(continued\)2$/);
  });
});
