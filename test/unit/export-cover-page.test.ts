// The board paper's cover sheet as the Board sees it: rendered by LibreOffice
// (skipped where it is not installed), a filled cover sheet fits page 1 with
// nothing "Not provided", and a long summary continues on page 2 under a
// heading rather than pushing the cover sheet over.
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
import { needsLibreOffice } from '../support/libreoffice';
import { readPdf } from '../support/pdf-reader';

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

async function printed(soffice: string, cover: Record<string, string>, name: string) {
  const result = await exportDocument({ data, options: { kind: 'board_paper', sections: { statuses: ['approved'] } }, cover });
  const input = path.join(work, `${name}.docx`);
  fs.writeFileSync(input, result.content as Buffer);
  const run = spawnSync(soffice, [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, input], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const pdf = path.join(work, `${name}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${name}: ${run.stderr}`);
  return readPdf(fs.readFileSync(pdf));
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Every required field and the usual optional ones filled in; the rest left empty, as most papers leave some. */
const FILLED: Record<string, string> = Object.fromEntries(
  Object.entries(FULL_COVER).filter(([key]) => !['qualityImplications', 'legalImplications', 'workforceImplications', 'dataProtectionImplications'].includes(key)),
);

describe('the cover sheet, printed by LibreOffice', () => {
  it('fits page 1 when filled in, with 0 "Not provided"', async (context) => {
    const soffice = needsLibreOffice(context);
    const pdf = await printed(soffice, FILLED, 'filled');
    const page1 = flat(pdf.pages[0]!.text);
    expect(page1).toContain('Report to the Integrated Care Board');
    // Every field's label is on page 1, the last one too, and none on page 2.
    // (The paper's title is printed above the cover sheet rather than in a row of it.)
    for (const field of DEFAULT_BOARD_PAPER_TEMPLATE.fields.filter((f) => f.key !== 'title' && FILLED[f.key])) expect(page1, field.label).toContain(field.label);
    expect(page1).toContain(FULL_COVER['title']);
    expect(page1).toContain(FULL_COVER['previousConsideration']);
    // An optional field left empty is left out, not printed "Not provided".
    expect(page1).not.toContain('Legal implications');
    const page2 = flat(pdf.pages[1]!.text);
    for (const label of ['Conflicts of interest', 'Previous consideration', 'Patient and public involvement']) expect(page2).not.toContain(label);
    expect(pdf.text).not.toContain('Not provided');
  }, 180_000);

  it('continues a long summary on page 2 under a heading', async (context) => {
    const soffice = needsLibreOffice(context);
    const summary = Array.from({ length: 10 }, (_, i) => `Paragraph ${i + 1} of the summary. ${'The plan sets out what the NHS will do with its partners. '.repeat(5)}`);
    const pdf = await printed(soffice, { ...FILLED, executiveSummary: summary.join('\n\n') }, 'long-summary');
    const page1 = flat(pdf.pages[0]!.text);
    expect(page1).toContain('Paragraph 1 of the summary');
    expect(page1).toContain('Conflicts of interest');
    const rest = flat(
      pdf.pages
        .slice(1)
        .map((p) => p.text)
        .join(' '),
    );
    expect(rest).toContain('Executive summary (continued)');
    expect(rest).toContain('Paragraph 10 of the summary');
    expect(rest.indexOf('Executive summary (continued)')).toBeLessThan(rest.indexOf('Paragraph 10 of the summary'));
  }, 180_000);
});
