// #14: the delivery commitments read well. Beside the wide table on landscape
// pages there is a stacked layout: each commitment in bold, then its measures
// as labelled lines, on portrait pages, chosen when it takes fewer pages (the
// sample's 26 commitments) or asked for in the export options. Word and the
// web page (and so the PDF) carry the same words; LibreOffice's rendering
// (where installed) shows it takes fewer pages than the table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { exportDocument } from '../../electron/services/export';
import { chooseCommitmentsLayout } from '../../electron/services/export/model/appendices';
import { TRAJECTORIES_TITLE } from '../../electron/services/export/model/trajectory-figures';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import type { CommitmentsLayout, PlanExportData } from '../../shared/export';
import { callOk } from '../support/call-ok';
import { NS, paragraphs, readDocx, wElements } from '../support/docx-reader';
import { FIXTURE_COMMITMENTS } from '../support/export-fixture';
import { needsLibreOffice } from '../support/libreoffice';
import { readPdf, readPdfStructure } from '../support/pdf-reader';

let work: string;
let data: PlanExportData;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-commitments-layout-'));
  const services = startServices(path.join(work, 'sample.db'), { log: () => undefined });
  try {
    const plan = await callOk(services, 'createSamplePlan', {});
    data = loadPlanExport(services.store, plan.id);
  } finally {
    services.close();
  }
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Only the delivery appendix: no sections, no opinions. */
const options = (commitmentsLayout: CommitmentsLayout, format: 'docx' | 'html' = 'docx') => ({
  format,
  commitmentsLayout,
  includeHwbOpinions: false,
  sections: { sectionIds: [], withSubsections: true },
});

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const squash = (text: string) => text.replace(/\s+/g, '');
const htmlText = (html: string) =>
  flat(
    html
      .replace(/<br>/g, ' ')
      .replace(/<[^>]*>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );

describe('stacked commitments', () => {
  it('are chosen for the sample’s 26 commitments, and the wide table for a few short ones', () => {
    expect(data.commitments).toHaveLength(26);
    expect(chooseCommitmentsLayout(data.commitments)).toBe('stacked');
    expect(chooseCommitmentsLayout(FIXTURE_COMMITMENTS)).toBe('table');
  });

  it('print each commitment with every measure, on portrait pages, the same words in Word and HTML', async () => {
    const docx = readDocx((await exportDocument({ data, options: options('auto') })).content as Buffer);
    const doc = docx.xml('word/document.xml');
    // No landscape section and no wide table: the commitments are text on portrait pages.
    expect(wElements(doc, 'pgSz').map((s) => s.getAttributeNS(NS.w, 'orient'))).not.toContain('landscape');
    const words = paragraphs(docx).map((p) => flat(p.text));
    const html = htmlText((await exportDocument({ data, options: options('auto', 'html') })).content as string);
    expect(html).not.toContain('Lead organisation Status');
    data.commitments.forEach((c, i) => {
      const entry = words.find((w) => w.startsWith(`${i + 1}. ${flat(c.commitment)}`));
      expect(entry, c.commitment).toBeDefined();
      for (const part of [`Priority: ${c.priority}`, `Metric: ${flat(c.metric)}`, `Baseline: ${flat(c.baseline)}`, `Lead organisation: ${flat(c.leadOrg)}`]) {
        expect(entry).toContain(part);
      }
      expect(entry).toMatch(/Status: \S/);
      expect(entry).toMatch(/Target: \S/);
      // The web page (and the PDF printed from it) has the same entry, word for word (Word's line breaks read as no space here).
      expect(squash(html)).toContain(squash(entry!));
    });
  });

  it('give way to the wide landscape table when asked for', async () => {
    const docx = readDocx((await exportDocument({ data, options: options('table') })).content as Buffer);
    const doc = docx.xml('word/document.xml');
    expect(wElements(doc, 'pgSz').map((s) => s.getAttributeNS(NS.w, 'orient'))).toContain('landscape');
    const head = wElements(wElements(doc, 'tbl')[0]!, 'tr')[0]!;
    expect(wElements(head, 'tc').map((c) => flat(c.textContent ?? ''))).toEqual([
      'Priority',
      'Commitment',
      'Metric',
      'Baseline',
      'Target',
      'Target year',
      'Lead organisation',
      'Status',
    ]);
    await expect(exportDocument({ data, options: { ...options('table'), commitmentsLayout: 'sideways' } })).rejects.toThrow(/commitmentsLayout/);
  });

  it('in the PDF: stacked on portrait pages with every commitment, the wide table on landscape pages', async () => {
    const pdfOf = async (layout: CommitmentsLayout) => {
      const bytes = (await exportDocument({ data, options: { ...options(layout), format: 'pdf' } })).content as Uint8Array;
      return { text: await readPdf(bytes), sizes: (await readPdfStructure(bytes)).pageSizes };
    };
    const [stacked, table] = await Promise.all([pdfOf('stacked'), pdfOf('table')]);
    expect(stacked.sizes.every((s) => s.width < s.height)).toBe(true);
    data.commitments.forEach((c, i) => expect(squash(stacked.text.text)).toContain(squash(`${i + 1}. ${c.commitment}`)));
    const tablePages = table.text.pages.map((p, i) => ({ p, i })).filter(({ p }) => p.text.includes('Priority Commitment Metric Baseline Target'));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const { i } of tablePages) expect(table.sizes[i]!.width).toBeGreaterThan(table.sizes[i]!.height);
    // The landscape table takes more pages than the stacked entries (the reason "auto" stacks the sample's 26).
    expect(tablePages.length).toBeGreaterThan(stacked.text.pages.filter((p) => /\d+\. /.test(p.text) && p.text.includes('Lead organisation:')).length - 1);
    data.commitments.forEach((c) => expect(squash(table.text.text)).toContain(squash(c.commitment)));
  });

  it('take fewer pages than the table when LibreOffice prints them (the sample: at most 5 pages for 26)', async (context) => {
    const soffice = needsLibreOffice(context);
    // Both layouts in one start of LibreOffice (each start costs seconds).
    const layouts: CommitmentsLayout[] = ['stacked', 'table'];
    const inputs: string[] = [];
    for (const layout of layouts) {
      const input = path.join(work, `commitments-${layout}.docx`);
      fs.writeFileSync(input, (await exportDocument({ data, options: options(layout) })).content as Buffer);
      inputs.push(input);
    }
    const run = spawnSync(soffice, [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...inputs], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    const pagesOf = async (layout: CommitmentsLayout) => {
      const name = `commitments-${layout}`;
      const file = path.join(work, `${name}.pdf`);
      if (!fs.existsSync(file)) throw new Error(`LibreOffice did not convert ${name}: ${run.stderr}`);
      const pdf = await readPdf(fs.readFileSync(file));
      const texts = pdf.pages.map((p) => flat(p.text));
      // The appendix's own first page (the contents names it too): its opening sentence, in either layout.
      const first = texts.findIndex((t) => t.includes('what we will deliver'));
      // The commitments end where the trajectories begin: on that page when it starts with the last of them.
      const trajectories = texts.findIndex((t, i) => i > first && t.includes(TRAJECTORIES_TITLE));
      const before = texts[trajectories]!.slice(0, texts[trajectories]!.indexOf(TRAJECTORIES_TITLE)).replace('OFFICIAL | DRAFT - for consultation', '').trim();
      const last = before ? trajectories : trajectories - 1;
      expect(first).toBeGreaterThanOrEqual(0);
      expect(last).toBeGreaterThanOrEqual(first);
      return last - first + 1;
    };
    const stacked = await pagesOf('stacked');
    const table = await pagesOf('table');
    expect(stacked).toBeLessThan(table);
    expect(stacked).toBeLessThanOrEqual(5);
  }, 600_000);
});
