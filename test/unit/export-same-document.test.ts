// Word and HTML are two drawings of one document: exporting the same plan to
// both gives a reader the same headings with the same numbers in the same
// order, the same sections chosen, and the same warnings. Read from what each
// file holds (the .docx XML, the page's text), not from internal objects.
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../electron/services/export';
import type { ExportOptionsInput, ExportSummary, PlanExportData } from '../../shared/export';
import { fixtureData, FIXTURE_COVER, FIXTURE_HWB, FIXTURE_PLAN } from '../support/export-fixture';
import { headings, NS, paragraphs, readDocx, textOf, wElements } from '../support/docx-reader';
import { solidPng } from '../support/png';

/** A final plan (so an outstanding board opinion is a statutory gap) with the fixture's table, refused link and nested sections. */
function finalPlan(): PlanExportData {
  return fixtureData({ plan: { ...FIXTURE_PLAN, isFinal: true } });
}

function sectionId(data: PlanExportData, title: string): string {
  return data.sections.find((s) => s.title === title)!.id;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const pageText = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** The page's headings as Word numbers them (h2 is outline level 1), leaving out the title (h1) and the contents nav's own heading. */
function htmlHeadings(html: string): [number, string][] {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)![1]!.replace(/<nav[\s\S]*?<\/nav>/, '');
  return [...main.matchAll(/<h([2-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => [Number(m[1]) - 1, pageText(m[2]!)]);
}

async function both(data: PlanExportData, options: ExportOptionsInput, houseStyle?: unknown) {
  const word = await exportDocument({ data, options: { ...options, format: 'docx', issueDate: '2026-03-04' }, cover: FIXTURE_COVER, houseStyle });
  const web = await exportDocument({ data, options: { ...options, format: 'html', issueDate: '2026-03-04' }, cover: FIXTURE_COVER, houseStyle });
  const pkg = readDocx(word.content as Buffer);
  return { pkg, html: web.content as string, word: word.summary, web: web.summary };
}

const messages = (summary: ExportSummary) => summary.warnings.map((w) => `${w.sectionTitle}: ${w.message}`);

describe('the same plan in Word and in HTML', () => {
  it.each(['plan', 'board_paper'] as const)('%s: same headings and numbers, same sections chosen, same warnings', async (kind) => {
    const data = finalPlan();
    const chosen = [sectionId(data, 'Introduction'), sectionId(data, 'Start well'), sectionId(data, 'Digital and data')];
    const { pkg, html, word, web } = await both(data, { kind, sections: { sectionIds: chosen } });

    // Headings: the same text, numbers and levels, in the same order.
    const inWord = headings(pkg);
    expect(inWord.length).toBeGreaterThan(8);
    expect(htmlHeadings(html)).toEqual(inWord);

    // The selection: the chosen sections with their subsections, nothing else.
    const sectionTitles = (list: [number, string][]) => list.map(([, t]) => t).filter((t) => /^\d/.test(t));
    // Both keep the plan's numbers, under their parents' headings.
    const numbers = [
      '2 Introduction',
      '2.1 About our system',
      '2.2 Our population',
      '3 Our priorities (heading only)',
      '3.1 Start well',
      '3.1.1 Children and young people',
      '3.1.1.1 Care leavers',
      '4 Enablers (heading only)',
      '4.2 Digital and data',
    ];
    expect(sectionTitles(inWord)).toEqual(numbers);
    // Text of sections left out (Foreword, Live well, Age well, Workforce) is in neither.
    for (const left of ['We want every child', 'Smoking cessation', 'Virtual wards will offer', 'grow our workforce by 4%']) {
      expect(paragraphs(pkg).some((p) => p.text.includes(left))).toBe(false);
      expect(pageText(html)).not.toContain(left);
    }
    expect(word.sectionCount).toBe(9);
    expect(web.sectionCount).toBe(9);

    // The same warnings, one for the refused link among them; the final plan's missing opinion in both.
    expect(messages(web)).toEqual(messages(word));
    expect(messages(word)).toContainEqual(expect.stringMatching(/^Digital and data: A link to "javascript:alert\(1\)" was exported as plain text/));
    if (kind === 'plan') expect(messages(word)).toContainEqual(expect.stringMatching(/Riverbank Health and Wellbeing Board has not given an opinion/));

    // The refused link is plain text in both; the table keeps its header row in both.
    expect(paragraphs(pkg).some((p) => p.text === 'An unsafe link: click me.')).toBe(true);
    expect(html).toContain('<p>An unsafe link: click me.</p>');
    const population = wElements(pkg.xml('word/document.xml'), 'tbl').find((t) => textOf(t).startsWith('Place'))!;
    expect(wElements(wElements(population, 'tr')[0]!, 'tblHeader')).toHaveLength(1);
    expect(html).toMatch(/<thead><tr><th scope="col"><p>Place<\/p><\/th>/);
  });
});

describe('an export in which no section matches', () => {
  it('says so on the page and in the warnings, in both', async () => {
    const { pkg, html, word, web } = await both(fixtureData(), { sections: { sectionIds: ['nothing-like-this'] } });
    expect(paragraphs(pkg).some((p) => p.text === 'No sections matched the export filter.')).toBe(true);
    expect(html).toContain('<p class="note">No sections matched the export filter.</p>');
    expect(messages(word)[0]).toMatch(/No sections matched/);
    expect(messages(web)).toEqual(messages(word));
  });
});

describe('the statutory check on a final plan', () => {
  it.each([
    ['no opinions at all', [], /no Health and Wellbeing Board opinions are recorded/],
    ['one board outstanding', FIXTURE_HWB, /Riverbank Health and Wellbeing Board has not given an opinion/],
  ] as const)('warns in Word and in HTML alike when %s', async (_case, opinions, message) => {
    const data = fixtureData({ plan: { ...FIXTURE_PLAN, isFinal: true }, hwbOpinions: [...opinions] });
    const { word, web } = await both(data, {});
    for (const summary of [word, web]) {
      expect(summary.warnings).toContainEqual({ sectionId: null, sectionTitle: '', message: expect.stringMatching(message) });
    }
  });

  it('does not warn for a draft, or when every board has given its opinion', async () => {
    const draft = await both(fixtureData({ hwbOpinions: [] }), {});
    const answered = await both(fixtureData({ plan: { ...FIXTURE_PLAN, isFinal: true }, hwbOpinions: [FIXTURE_HWB[0]!] }), {});
    for (const summary of [draft.word, draft.web, answered.word, answered.web]) {
      expect(summary.warnings.filter((w) => /Health and Wellbeing Board/.test(w.message))).toEqual([]);
    }
  });
});

describe('the logo', () => {
  it('is on the title page of both, with its alt text', async () => {
    const logo = { pngBase64: solidPng(300, 100, [0, 94, 184]).toString('base64'), altText: 'NHS Fellside ICB logo', widthCm: 5 };
    const { pkg, html, word, web } = await both(fixtureData(), {}, { logo });
    expect(wElements(pkg.xml('word/document.xml'), 'drawing')).toHaveLength(1);
    expect(html).toMatch(/<img class="logo" src="data:image\/png;base64,iVBOR[^"]*" alt="NHS Fellside ICB logo" width="189">/);
    expect(messages(web)).toEqual(messages(word));
  });

  it('is left out of both, with the same warning, when it is not a readable PNG', async () => {
    // The PNG signature and nothing after it: the house style accepts it, no reader can draw it.
    const logo = { pngBase64: 'iVBORw0KGgoAAAAN', altText: 'Logo', widthCm: 3 };
    const { pkg, html, word, web } = await both(fixtureData(), {}, { logo });
    expect(wElements(pkg.xml('word/document.xml'), 'drawing')).toHaveLength(0);
    expect(html).not.toContain('<img');
    expect(messages(word)).toContainEqual(expect.stringMatching(/logo .* is not a readable PNG image/));
    expect(messages(web)).toEqual(messages(word));
  });
});

// #14 tables that read well: every table has the same caption in both.
describe('table captions', () => {
  it.each(['plan', 'board_paper'] as const)('%s: every table has a caption, the same in Word (Caption paragraph and table title) and HTML', async (kind) => {
    const { pkg, html } = await both(fixtureData(), { kind });
    const doc = pkg.xml('word/document.xml');
    const tables = wElements(doc, 'tbl');
    expect(tables.length).toBeGreaterThanOrEqual(3);
    const wordCaptions = tables.map((t) => {
      const title = wElements(t, 'tblCaption')[0]?.getAttributeNS(NS.w, 'val');
      const description = wElements(t, 'tblDescription')[0]?.getAttributeNS(NS.w, 'val');
      // The paragraph just before the table, in Word's Caption style, says the same; the board
      // paper's cover sheet (its first table), which must fit page 1, is named by its heading instead.
      let before = t.previousSibling;
      while (before && before.nodeType !== 1) before = before.previousSibling;
      const paragraph = before as Element;
      expect(paragraph.localName).toBe('p');
      const coverSheet = kind === 'board_paper' && t === tables[0];
      expect(wElements(paragraph, 'pStyle')[0]?.getAttributeNS(NS.w, 'val')).toBe(coverSheet ? 'Heading1' : 'Caption');
      expect(textOf(paragraph)).toBe(title);
      expect(description).toMatch(/^A table of \d+ rows? and \d+ columns?/);
      return title;
    });
    const htmlCaptions = [...html.matchAll(/<table(?: class="compact")?>\n<caption(?: class="heading-caption")?>([\s\S]*?)<\/caption>/g)].map((m) => pageText(m[1]!));
    expect((html.match(/<table\b/g) ?? []).length).toBe(htmlCaptions.length);
    expect(htmlCaptions).toEqual(wordCaptions);
    expect(wordCaptions).toContain('Delivery commitments: what we will deliver, how we will measure it, and who leads it');
    // A table from the editor has no caption of its own: one is made from its column headings.
    expect(wordCaptions.some((c) => /^Table: Place, /.test(c!))).toBe(true);
  });
});
