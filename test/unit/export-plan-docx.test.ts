// The plan document (.docx): what someone opening the Word file gets: the
// title page, a contents field Word fills on open, sections as built-in
// headings in outline order, lists that restart, tables with repeating header
// rows, links, the DRAFT header and page numbers, and the file's properties.
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../electron/services/export';
import type { ExportOptionsInput, PlanExportData } from '../../shared/export';
import { fixtureData, FIXTURE_PLAN } from '../support/export-fixture';
import { coreProperty, fieldInstructions, headings, NS, paragraphs, readDocx, relatedParts, textOf, wElements, wVal } from '../support/docx-reader';

async function exportPlan(input: ExportOptionsInput = {}, data: PlanExportData = fixtureData()) {
  const result = await exportDocument({ data, options: { issueDate: '2026-03-04', ...input } });
  return { ...result, pkg: readDocx(result.content as Buffer) };
}

describe('plan document (.docx)', () => {
  it('has a title page with the ICB, plan title, period, version, date and protective marking', async () => {
    const { pkg } = await exportPlan();
    const titlePage = paragraphs(pkg).slice(0, 8);
    expect(titlePage.find((p) => p.style === 'Title')?.text).toBe('North Fell Joint Forward Plan');
    const texts = titlePage.map((p) => p.text);
    expect(texts).toContain('NHS North Fell Integrated Care Board');
    expect(texts).toContain('2026/27 to 2030/31');
    // Until a plan has versions, the title page gives the export date only, not its count of saves.
    expect(texts.some((t) => t.startsWith('Version'))).toBe(false);
    expect(texts).toContain('Date: 4 March 2026');
    expect(texts).toContain('Protective marking: OFFICIAL');
  });

  it('prints the plan’s named version above the date when it has one (#14), in Word and HTML alike', async () => {
    const { pkg } = await exportPlan({}, fixtureData({ versionLabel: 'Consultation draft v3' }));
    const texts = paragraphs(pkg)
      .slice(0, 8)
      .map((p) => p.text);
    expect(texts.indexOf('Version: Consultation draft v3')).toBeGreaterThan(-1);
    expect(texts.indexOf('Version: Consultation draft v3')).toBe(texts.indexOf('Date: 4 March 2026') - 1);
    const html = (await exportDocument({ data: fixtureData({ versionLabel: 'Consultation draft v3' }), options: { format: 'html', issueDate: '2026-03-04' } }))
      .content as string;
    expect(html).toContain('<dt>Version</dt><dd>Consultation draft v3</dd>');
  });

  it('puts every section in outline order as a built-in heading, numbered, with content headings below the section', async () => {
    const { pkg, summary } = await exportPlan();
    expect(headings(pkg)).toEqual([
      [1, '1 Foreword'],
      [1, '2 Introduction'],
      [2, '2.1 About our system'],
      [2, '2.2 Our population'],
      [1, '3 Our priorities'],
      [2, '3.1 Start well'],
      [3, 'Why this matters for our population'],
      [3, 'What we will do'],
      [4, 'How we will know we are making a difference'],
      [3, '3.1.1 Children and young people'],
      [4, '3.1.1.1 Care leavers'],
      [2, '3.2 Live well'],
      [2, '3.3 Age well'],
      [1, '4 Enablers'],
      [2, '4.1 Workforce'],
      [2, '4.2 Digital and data'],
      [1, 'Appendix A: Delivery commitments'],
      [1, 'Appendix B: Health and Wellbeing Board opinions'],
      [2, 'Fellside Health and Wellbeing Board'],
      [2, 'Riverbank Health and Wellbeing Board'],
    ]);
    expect(summary.sectionCount).toBe(13);
  });

  it('leaves numbers out of headings when asked', async () => {
    const { pkg } = await exportPlan({ numberHeadings: false });
    const titles = headings(pkg).map(([, text]) => text);
    expect(titles).toContain('Start well');
    expect(titles).toContain('Delivery commitments');
    expect(titles.some((t) => /^\d/.test(t))).toBe(false);
  });

  it('heading styles are Word’s built-in headings with outline levels, in NHS Blue Arial', async () => {
    const { pkg } = await exportPlan();
    const styles = pkg.xml('word/styles.xml');
    const heading1 = wElements(styles, 'style').find((s) => s.getAttributeNS(NS.w, 'styleId') === 'Heading1')!;
    expect(wVal(wElements(heading1, 'name')[0])).toBe('heading 1');
    expect(wVal(wElements(heading1, 'outlineLvl')[0])).toBe('0');
    expect(wVal(wElements(heading1, 'color')[0])).toBe('005EB8');
    const defaults = wElements(styles, 'rPrDefault')[0]!;
    expect(wElements(defaults, 'rFonts')[0]!.getAttributeNS(NS.w, 'ascii')).toBe('Arial');
    expect(wVal(wElements(defaults, 'sz')[0])).toBe('24');
    expect(wVal(wElements(defaults, 'lang')[0])).toBe('en-GB');
  });

  it('has a real table of contents field, written with its page numbers (#14), that Word updates on request', async () => {
    const { pkg } = await exportPlan();
    const toc = fieldInstructions(pkg, 'word/document.xml').find((f) => f.startsWith('TOC'));
    expect(toc).toMatch(/^TOC .*\\o "1-3"/);
    expect(toc).toContain('\\h');
    // #14: the numbers are computed and written with the file, so Word no longer needs to update fields on opening.
    expect(wElements(pkg.xml('word/settings.xml'), 'updateFields').filter((e) => e.getAttributeNS(NS.w, 'val') !== 'false')).toEqual([]);
    // Entries are written too, so readers that do not update fields still show the contents.
    expect(paragraphs(pkg).some((p) => p.style === 'TOC2' && p.text.includes('3.1 Start well'))).toBe(true);
  });

  it('says DRAFT - for consultation in the header until the plan is final, and Page X of Y in the footer', async () => {
    const draft = await exportPlan();
    const header = relatedParts(draft.pkg, 'header')[0]!;
    expect(textOf(draft.pkg.xml(header).documentElement!)).toBe('OFFICIAL | DRAFT - for consultation');
    const footer = relatedParts(draft.pkg, 'footer')[0]!;
    const instructions = fieldInstructions(draft.pkg, footer);
    expect(instructions).toContain('PAGE');
    expect(instructions).toContain('NUMPAGES');
    expect(textOf(draft.pkg.xml(footer).documentElement!)).toMatch(/^Page .* of /);

    const final = await exportPlan({}, fixtureData({ plan: { ...FIXTURE_PLAN, isFinal: true, protectiveMarking: 'OFFICIAL-SENSITIVE' } }));
    for (const part of relatedParts(final.pkg, 'header')) {
      expect(textOf(final.pkg.xml(part).documentElement!)).toBe('OFFICIAL-SENSITIVE');
    }
  });

  it('sets the title, creator, last modified by and subject in the file properties', async () => {
    const { pkg } = await exportPlan();
    expect(coreProperty(pkg, NS.dc, 'title')).toBe('North Fell Joint Forward Plan');
    expect(coreProperty(pkg, NS.dc, 'creator')).toBe('NHS North Fell Integrated Care Board');
    expect(coreProperty(pkg, NS.cp, 'lastModifiedBy')).toBe('JFP Studio');
    expect(coreProperty(pkg, NS.dc, 'subject')).toBe('Joint Forward Plan 2026/27 to 2030/31');
  });

  it('gives each list its own numbering so numbered lists restart, and nests list levels', async () => {
    const { pkg } = await exportPlan();
    const all = paragraphs(pkg);
    const numberOf = (text: string) => all.find((p) => p.text === text)!;
    const first = numberOf('Smoking cessation in every hospital.');
    const second = numberOf('Hypertension case finding.');
    expect(first.numId).not.toBeNull();
    expect(second.numId).not.toBe(first.numId);
    expect(numberOf('Weight management for adults.').numId).toBe(first.numId);
    expect(numberOf('placements in our trusts').level).toBe('1');
    expect(numberOf('Expand family hubs to every ward by 2028.').level).toBe('0');
    // Each w:num of a restarted list points at the shared definition and starts again from 1.
    const nums = wElements(pkg.xml('word/numbering.xml'), 'num');
    const secondNum = nums.find((n) => n.getAttributeNS(NS.w, 'numId') === second.numId)!;
    expect(wElements(secondNum, 'startOverride').map(wVal)).toContain('1');
  });

  it('keeps bold, italic, underline and strikethrough', async () => {
    const { pkg } = await exportPlan();
    const runs = wElements(pkg.xml('word/document.xml'), 'r');
    const run = (text: string) => runs.find((r) => textOf(r) === text)!;
    expect(wElements(run('Bold'), 'b')).toHaveLength(1);
    expect(wElements(run('italic'), 'i')).toHaveLength(1);
    expect(wElements(run('underlined'), 'u')).toHaveLength(1);
    expect(wElements(run('struck through'), 'strike')).toHaveLength(1);
  });

  it('marks each table’s header row to repeat and gives tables and cells explicit widths', async () => {
    const { pkg } = await exportPlan();
    const tables = wElements(pkg.xml('word/document.xml'), 'tbl');
    expect(tables.length).toBe(3);
    for (const table of tables) {
      const firstRow = wElements(table, 'tr')[0]!;
      expect(wElements(firstRow, 'tblHeader')).toHaveLength(1);
      expect(wElements(wElements(table, 'tr')[1]!, 'tblHeader')).toHaveLength(0);
      expect(wElements(table, 'tblW')[0]!.getAttributeNS(NS.w, 'type')).toBe('dxa');
      for (const cellWidth of wElements(table, 'tcW')) expect(Number(cellWidth.getAttributeNS(NS.w, 'w'))).toBeGreaterThan(0);
    }
    // The population table keeps the editor's column proportions (200:120:120:100).
    const grid = wElements(tables[0]!, 'gridCol').map((c) => Number(c.getAttributeNS(NS.w, 'w')));
    expect(grid[0]! / grid[3]!).toBeCloseTo(2, 1);
  });

  it('keeps web and email links, and exports any other link as plain text with a warning', async () => {
    const { pkg, summary } = await exportPlan();
    const rels = pkg.relationships('word/document.xml').filter((r) => r.external);
    const targets = pkg.xml('word/_rels/document.xml.rels').getElementsByTagNameNS(NS.rel, 'Relationship');
    const external = Array.from(targets)
      .filter((r) => r.getAttribute('TargetMode') === 'External')
      .map((r) => r.getAttribute('Target'));
    expect(rels.length).toBe(external.length);
    expect(external).toContain('https://www.england.nhs.uk/publication/joint-forward-plan-guidance/');
    expect(external).toContain('mailto:digital@northfell.example.nhs.uk');
    expect(external.some((t) => t!.startsWith('javascript'))).toBe(false);
    expect(paragraphs(pkg).some((p) => p.text === 'An unsafe link: click me.')).toBe(true);
    expect(summary.warnings).toEqual([expect.objectContaining({ sectionTitle: 'Digital and data', message: expect.stringContaining('plain text') })]);
  });

  it('draws block quotes in the Quote style', async () => {
    const { pkg } = await exportPlan();
    expect(paragraphs(pkg).find((p) => p.text.startsWith('We want every child'))?.style).toBe('Quote');
  });

  it('lists the delivery commitments in a landscape table and each Health and Wellbeing Board’s opinion', async () => {
    const { pkg } = await exportPlan();
    const doc = pkg.xml('word/document.xml');
    const commitments = wElements(doc, 'tbl')[2]!;
    const rows = wElements(commitments, 'tr').map((r) => wElements(r, 'tc').map(textOf));
    expect(rows[0]).toEqual(['Priority', 'Commitment', 'Metric', 'Baseline', 'Target', 'Target year', 'Lead organisation', 'Status']);
    expect(rows[2]).toEqual([
      'Live well',
      'Improve A&E waiting times',
      'Patients seen within 4 hours',
      '71% (March 2025)',
      '78% (2025/26 planning guidance)',
      '2026/27',
      'North Fell Teaching Hospitals',
      'Amber - at risk',
    ]);
    const orientations = wElements(doc, 'pgSz').map((s) => s.getAttributeNS(NS.w, 'orient'));
    expect(orientations).toEqual(['portrait', 'landscape', 'portrait']);
    const texts = paragraphs(pkg).map((p) => p.text);
    expect(texts).toContain('The board asks for more detail on housing.');
    // #15 each board's state in words, never an opinion claimed before one is recorded.
    expect(texts).toContain(
      'The board covers Fellside. The draft plan was sent to the board on 5 January 2026. The board gave its opinion on the draft plan on 12 February 2026.',
    );
    expect(texts.filter((t) => t.startsWith('The board covers Riverbank.'))).toEqual([expect.stringMatching(/Its opinion has not yet been received\.$/)]);
  });

  it('leaves the appendices out when asked', async () => {
    const { pkg } = await exportPlan({ includeCommitments: false, includeHwbOpinions: false });
    expect(
      headings(pkg)
        .map(([, t]) => t)
        .filter((t) => t.startsWith('Appendix')),
    ).toEqual([]);
    expect(wElements(pkg.xml('word/document.xml'), 'tbl')).toHaveLength(2);
  });
});
