// Every Word export is a valid, accessible document: its main parts validate
// against the ECMA-376 schemas (after Markup Compatibility processing), the
// accessibility checker finds nothing, and, where LibreOffice is installed,
// it opens and prints with every section heading on the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { checkAccessibility } from '../../electron/services/export/a11y-check';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import { exportDocument } from '../../electron/services/export';
import type { ExportOptionsInput, PlanExportData } from '../../shared/export';
import { fixtureData, FIXTURE_COVER } from '../support/export-fixture';
import { readDocx } from '../support/docx-reader';
import { convertAll, needsLibreOffice } from '../support/libreoffice';
import { stripMarkupCompatibility, validateParts, validateXml } from '../support/ooxml-validate';
import { readPdf } from '../support/pdf-reader';
import { solidPng } from '../support/png';

const LOGO = { pngBase64: solidPng(120, 40, [0, 94, 184]).toString('base64'), altText: 'NHS North Fell Integrated Care Board logo', widthCm: 4 };

const EXPORTS: { name: string; options: ExportOptionsInput; expectedHeadings: string[] }[] = [
  {
    name: 'plan document with comments, guidance and a logo',
    options: { kind: 'plan', format: 'docx', includeComments: true, includeGuidance: true, issueDate: '2026-03-04' },
    expectedHeadings: [
      '1 Foreword',
      '3.1 Start well',
      'What we will do',
      '3.1.1.1 Care leavers',
      '4.2 Digital and data',
      'Appendix A: Delivery commitments',
      'Riverbank Health and Wellbeing Board',
    ],
  },
  {
    name: 'board paper',
    options: { kind: 'board_paper', format: 'docx', sections: { statuses: ['approved'] }, includeComments: true },
    expectedHeadings: ['Report to the Integrated Care Board', '1 Foreword', '3.1 Start well', 'Delivery commitments'],
  },
];

async function build(options: ExportOptionsInput): Promise<Buffer> {
  const result = await exportDocument({ data: fixtureData(), options, houseStyle: { logo: LOGO, organisationName: 'NHS North Fell ICB' }, cover: FIXTURE_COVER });
  return result.content as Buffer;
}

const MAIN_PARTS =
  /^(word\/(document|styles|numbering|settings|comments|fontTable|footnotes|endnotes|header\d+|footer\d+)\.xml|\[Content_Types\]\.xml|docProps\/core\.xml|_rels\/\.rels|word\/_rels\/document\.xml\.rels)$/;

describe.each(EXPORTS)('$name (.docx)', ({ options }) => {
  it('validates against the ECMA-376 schemas', async () => {
    const pkg = readDocx(await build(options));
    const parts = pkg.names().filter((name) => MAIN_PARTS.test(name));
    for (const required of [
      'word/document.xml',
      'word/styles.xml',
      'word/numbering.xml',
      'word/settings.xml',
      '[Content_Types].xml',
      'docProps/core.xml',
      'word/comments.xml',
    ]) {
      expect(parts).toContain(required);
    }
    expect(parts.filter((p) => /header|footer/.test(p)).length).toBeGreaterThanOrEqual(2);
    const result = validateParts(pkg, parts);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('passes the accessibility check', async () => {
    expect(checkAccessibility(await build(options))).toEqual({ ok: true, problems: [] });
  });
});

describe('schema validation', () => {
  it('catches a part that breaks the schema (so a pass means something)', async () => {
    const pkg = readDocx(await build({ kind: 'plan' }));
    const broken = pkg.text('word/document.xml').replace('<w:body>', '<w:body><w:p><w:pPr><w:jc w:val="sideways"/></w:pPr></w:p>');
    const result = validateXml(stripMarkupCompatibility(broken), 'word/document.xml');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(
      /^word\/document\.xml:\d+: Element '\{http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main\}jc'.*The value 'sideways' is not an element of the set/,
    );
  });

  it('names the part and line of a part that is not well-formed', () => {
    expect(validateXml('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>', 'word/document.xml')).toEqual({
      ok: false,
      output: expect.stringMatching(/^word\/document\.xml: not well-formed XML: /),
    });
  });

  it('drops ignorable extension markup and resolves AlternateContent to its fallback', () => {
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body><w:p w14:paraId="0001"><w14:extra/><mc:AlternateContent><mc:Choice Requires="w14"><w14:new/></mc:Choice><mc:Fallback><w:r><w:t>old</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>`;
    const stripped = stripMarkupCompatibility(xml);
    expect(stripped).not.toMatch(/w14:|mc:Ignorable|AlternateContent/);
    expect(stripped).toContain('<w:p><w:r><w:t>old</w:t></w:r></w:p>');
  });
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-lo-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The sample plan's export data, made once for the tests that need it (it is only read). */
let sampleData: Promise<PlanExportData> | undefined;
const sample = () => (sampleData ??= samplePlan());

const fileName = (name: string) => name.replace(/\W+/g, '-');

let printing: Promise<Map<string, string>> | undefined;
/**
 * The fixture's plan and board paper and the sample plan, printed to PDF by LibreOffice in one start (a start
 * each took 26 s of this file's 30 s), when the first test needs them; each test then reads its own PDF.
 */
function printedByLibreOffice(soffice: string): Promise<Map<string, string>> {
  printing ??= (async () => {
    const documents = new Map<string, Buffer>();
    for (const { name, options } of EXPORTS) documents.set(fileName(name), await build(options));
    documents.set('sample', (await exportDocument({ data: await sample(), options: {} })).content as Buffer);
    const inputs = [...documents].map(([name, docx]) => {
      const input = path.join(work, `${name}.docx`);
      fs.writeFileSync(input, docx);
      return input;
    });
    const pdfs = convertAll(soffice, inputs, 'pdf', work);
    return new Map([...documents.keys()].map((name, i) => [name, pdfs[i]!]));
  })();
  return printing;
}

/** Page sizes in points, rounded as pdfinfo prints them: "595.304 x 841.89" is A4 portrait. */
const pageSize = (page: { width: number; height: number }) => `${Number(page.width.toFixed(3))} x ${Number(page.height.toFixed(3))}`;

describe('opened in LibreOffice', () => {
  it.for(EXPORTS)('$name prints on A4 with every heading on the page', { timeout: 180_000 }, async ({ name, options, expectedHeadings }, context) => {
    const soffice = needsLibreOffice(context);
    const pdf = await readPdf(fs.readFileSync((await printedByLibreOffice(soffice)).get(fileName(name))!));
    const count = pdf.pageCount;
    const sizes = pdf.pages.map(pageSize);
    if (options.kind === 'plan') {
      // Title page, contents, a page per chapter, the landscape delivery table and the opinions.
      expect(count).toBeGreaterThanOrEqual(9);
      expect(count).toBeLessThanOrEqual(12);
    } else {
      expect(count).toBeGreaterThanOrEqual(4);
      expect(count).toBeLessThanOrEqual(9);
    }
    expect(sizes[0]).toBe('595.304 x 841.89');
    expect(sizes).toContain('841.89 x 595.304');
    for (const heading of expectedHeadings) expect(pdf.text).toContain(heading);
    expect(pdf.text).toContain('OFFICIAL | DRAFT - for consultation');
    expect(pdf.text).toMatch(/Page 1 of \d+/);
  });
});

/** The app's sample plan, created through the handlers and read back from the database. */
async function samplePlan(): Promise<PlanExportData> {
  const services = startServices(path.join(work, 'sample.db'), { log: () => undefined });
  try {
    const created = await services.dispatch('createSamplePlan', {});
    if (!created.ok) throw new Error(created.error.message);
    return loadPlanExport(services.store, (created.value as { id: string }).id);
  } finally {
    services.close();
  }
}

describe('the sample plan, read from the database', () => {
  it('exports a valid, accessible Word document', async () => {
    const data = await sample();
    const { content, summary } = await exportDocument({ data, options: { includeGuidance: true } });
    // The sample plan's sections not written yet are named (#14); nothing else is to warn about.
    expect(summary.warnings.filter((w) => w.message !== 'This section has no text yet.')).toEqual([]);
    const pkg = readDocx(content as Buffer);
    expect(
      validateParts(
        pkg,
        pkg.names().filter((name) => MAIN_PARTS.test(name)),
      ),
    ).toEqual({ ok: true, output: '' });
    expect(checkAccessibility(content as Buffer)).toEqual({ ok: true, problems: [] });
  });

  it('prints in LibreOffice with every section heading', async (context) => {
    const soffice = needsLibreOffice(context);
    const data = await sample();
    const pdf = await readPdf(fs.readFileSync((await printedByLibreOffice(soffice)).get('sample')!));
    expect(pdf.pageCount).toBeGreaterThanOrEqual(25);
    expect(pdf.pageCount).toBeLessThanOrEqual(80);
    // #15 the template's own HWB section gives way to the generated appendix (its boards are printed there).
    const printed = data.sections.filter((s) => s.title !== 'Appendix: Health and Wellbeing Board opinions');
    for (const section of printed) expect(pdf.text).toContain(section.title.replace(/\s+/g, ' '));
    expect(pdf.text).toContain('Health and Wellbeing Board opinions');
  }, 180_000);
});
