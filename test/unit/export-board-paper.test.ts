// A board paper: the ICB's cover sheet as a two-column table with a header row
// (fields from templates/board-paper.json, which an organisation can change),
// then the chosen sections. Values that cannot be right are refused; empty
// required fields are shown as "Not provided" and listed in the summary.
import { describe, expect, it } from 'vitest';
import boardPaperFile from '../../templates/board-paper.json';
import { boardPaperTemplate, DEFAULT_BOARD_PAPER_TEMPLATE, exportDocument } from '../../electron/services/export';
import { coverDefaults } from '../../electron/services/export/cover-sheet';
import { fillCoverPlaceholders } from '../../shared/export';
import { JfpError } from '../../shared/errors';
import { fixtureData, FIXTURE_COVER, FULL_COVER } from '../support/export-fixture';
import { headings, NS, paragraphs, readDocx, textOf, wElements } from '../support/docx-reader';

async function paper(cover: unknown, options: Record<string, unknown> = {}, template = DEFAULT_BOARD_PAPER_TEMPLATE) {
  const result = await exportDocument({
    data: fixtureData(),
    options: { kind: 'board_paper', includeCommitments: false, includeHwbOpinions: false, ...options },
    cover,
    boardPaperTemplate: template,
  });
  return { ...result, pkg: readDocx(result.content as Buffer) };
}

/** The cover table's rows, each cell's paragraphs joined with " / ". */
function tableRows(pkg: ReturnType<typeof readDocx>): string[][] {
  const table = wElements(pkg.xml('word/document.xml'), 'tbl')[0]!;
  return wElements(table, 'tr').map((row) => wElements(row, 'tc').map((cell) => wElements(cell, 'p').map(textOf).join(' / ')));
}

/** The cover sheet's label and value pairs, in reading order: a row holds one pair, or two short ones side by side. */
function coverRows(pkg: ReturnType<typeof readDocx>): string[][] {
  const [head, ...body] = tableRows(pkg);
  const pairs: string[][] = [];
  for (const row of body) for (let i = 0; i < row.length; i += 2) pairs.push([row[i]!, row[i + 1]!]);
  return [head!.slice(0, 2), ...pairs];
}

describe('board paper', () => {
  it('has the usual ICB cover sheet fields as label and value pairs in a table with a repeating header row', async () => {
    const { pkg, summary } = await paper(FIXTURE_COVER);
    const rows = coverRows(pkg);
    expect(rows[0]).toEqual(['Item', 'Detail']);
    const table = wElements(pkg.xml('word/document.xml'), 'tbl')[0]!;
    expect(wElements(wElements(table, 'tr')[0]!, 'tblHeader')).toHaveLength(1);
    // The paper's title is above the table, optional fields left empty are left out, and the implications share one row.
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'Meeting',
      'Purpose of the paper',
      'Meeting in public or private',
      'Date of meeting',
      'Agenda item',
      'Report author',
      'Presented by',
      'Executive lead',
      // #14: the day the copy was made, always, beside the first short value with no short neighbour (one row fewer on
      // a page the cover sheet must fit), or in a row with the version when the plan has a named one.
      'Exported',
      'Recommendation',
      'Executive summary',
      'Strategic objectives supported',
      'Board assurance framework risks',
      'Implications',
      'Previous consideration',
      'Conflicts of interest',
    ]);
    expect(rows.find((r) => r[0] === 'Exported')?.[1]).toMatch(/\d{4}$/);
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(value('Meeting')).toBe('Board of NHS North Fell Integrated Care Board');
    expect(value('Meeting in public or private')).toBe('Public');
    expect(value('Date of meeting')).toBe('26 March 2026');
    expect(value('Purpose of the paper')).toBe('Approval');
    // The fixture plan is a draft: the Board is asked to discuss it, not to approve it.
    expect(value('Recommendation')).toBe('The Board is asked to discuss and comment on the draft North Fell Joint Forward Plan 2026/27 to 2030/31.');
    expect(value('Executive summary')).toMatch(/^The Joint Forward Plan sets out .* \/ The draft was shared/);
    expect(value('Board assurance framework risks')).toBe('BAF 1: Urgent and emergency care capacity / BAF 4: Workforce supply');
    expect(value('Implications')).toBe(
      'Financial implications: The plan is consistent with the ICB’s medium-term financial plan. / ' +
        'Equality and health inequalities implications: An equality and health inequalities impact assessment is attached. / ' +
        'Patient and public involvement: Eleven public events and an online survey with 1,340 responses.',
    );
    expect(rows.flat().join(' ')).not.toContain('Not provided');
    expect(value('Conflicts of interest')).toBe('None identified.');
    // Every required field is filled in (the one warning is the fixture's unsafe link).
    expect(summary.warnings.filter((w) => w.sectionId === null)).toEqual([]);
    // Risks and objectives are bulleted lists.
    const risks = wElements(table, 'tr').find((r) => textOf(r).startsWith('Board assurance'))!;
    expect(wElements(risks, 'numPr')).toHaveLength(2);
  });

  it('prints the plan’s named version and the export date on the cover sheet, and the date alone when there is no version (#14)', async () => {
    const withLabel = async (versionLabel: string | null | undefined) => {
      const result = await exportDocument({
        data: { ...fixtureData(), versionLabel },
        options: { kind: 'board_paper', includeCommitments: false, includeHwbOpinions: false, issueDate: '2026-03-04' },
        cover: FIXTURE_COVER,
      });
      const html = await exportDocument({
        data: { ...fixtureData(), versionLabel },
        options: { kind: 'board_paper', format: 'html', includeCommitments: false, includeHwbOpinions: false, issueDate: '2026-03-04' },
        cover: FIXTURE_COVER,
      });
      return { rows: tableRows(readDocx(result.content as Buffer)), html: html.content as string };
    };
    const named = await withLabel('Board draft 2');
    expect(named.rows.at(-1)).toEqual(['Version', 'Board draft 2', 'Exported', '4 March 2026']);
    expect(named.html).toMatch(/<th[^>]*>Version<\/th>\s*<td[^>]*>(<p>)?Board draft 2(<\/p>)?<\/td>\s*<th[^>]*>Exported<\/th>\s*<td[^>]*>(<p>)?4 March 2026/);
    for (const none of [null, undefined, '  ']) {
      const plain = await withLabel(none);
      expect(plain.rows.filter((r) => r.includes('Exported')).map((r) => r.slice(-2))).toEqual([['Exported', '4 March 2026']]);
      expect(plain.rows.flat()).not.toContain('Version');
    }
  });

  it('follows the cover sheet with the chosen sections, each under the number it has in the plan', async () => {
    const data = fixtureData();
    const startWell = data.sections.find((s) => s.title === 'Start well')!;
    const { pkg } = await paper(FIXTURE_COVER, { sections: { sectionIds: [startWell.id] } });
    expect(headings(pkg).map(([level, text]) => `${level} ${text}`)).toEqual([
      '1 Report to the Integrated Care Board',
      '1 3 Our priorities (heading only)',
      '2 3.1 Start well',
      '3 Why this matters for our population',
      '3 What we will do',
      '4 How we will know we are making a difference',
      '3 3.1.1 Children and young people',
      '4 3.1.1.1 Care leavers',
    ]);
    // The title is one line above the cover sheet, which must fit the first page.
    expect(paragraphs(pkg).find((p) => p.style === 'Subtitle')?.text).toBe('North Fell Joint Forward Plan 2026/27 to 2030/31');
    const props = pkg.xml('docProps/core.xml').getElementsByTagNameNS(NS.dc, 'title').item(0)!;
    expect(props.textContent).toBe('North Fell Joint Forward Plan 2026/27 to 2030/31');
  });

  it('shows empty required fields as "Not provided" and lists them in the summary', async () => {
    const { pkg, summary } = await paper({ purpose: 'Discussion' });
    expect(coverRows(pkg).find((r) => r[0] === 'Executive lead')?.[1]).toBe('Not provided');
    expect(summary.warnings.map((w) => w.message)).toContain('The cover sheet\'s "Executive lead" is empty.');
  });

  it.each([
    [{ purpose: 'Celebration' }, '"Purpose of the paper" on the cover sheet must be one of: Approval, Assurance, Discussion, Information.'],
    [{ meetingDate: 'next Tuesday' }, '"Date of meeting" on the cover sheet must be a date written as YYYY-MM-DD.'],
    [{ favouriteColour: 'blue' }, 'Unknown field "favouriteColour" on the cover sheet.'],
  ])('refuses a cover sheet value that cannot be right: %j', async (cover, message) => {
    await expect(paper(cover)).rejects.toEqual(new JfpError('invalid_input', message));
  });

  it('takes an organisation’s own field list', async () => {
    const template = boardPaperTemplate({
      heading: 'Report to the Fellside Health and Wellbeing Board',
      columnHeadings: ['Question', 'Answer'],
      fields: [
        { key: 'sponsor', label: 'Sponsoring director', kind: 'text', required: true },
        { key: 'decision', label: 'Decision required', kind: 'choice', options: ['Yes', 'No'] },
      ],
    });
    const { pkg } = await paper({ sponsor: 'Director of Public Health', decision: 'Yes' }, { issueDate: '2026-03-04' }, template);
    expect(tableRows(pkg)).toEqual([
      ['Question', 'Answer', 'Question', 'Answer'],
      ['Sponsoring director', 'Director of Public Health', 'Decision required', 'Yes'],
      ['Exported', '4 March 2026'],
    ]);
    expect(headings(pkg)[0]).toEqual([1, 'Report to the Fellside Health and Wellbeing Board']);
  });

  it('refuses a field list that is not valid', () => {
    expect(() => boardPaperTemplate({ ...boardPaperFile, fields: [{ key: 'x', label: 'X', kind: 'choice' }] })).toThrow(/choice field needs options/);
    expect(() => boardPaperTemplate({ ...boardPaperFile, fields: [boardPaperFile.fields[0], boardPaperFile.fields[0]] })).toThrow(/unique/);
  });
});

describe('cover sheet values', () => {
  const finalPlan = () => fixtureData({ plan: { ...fixtureData().plan, isFinal: true } });

  it('asks the Board to discuss a draft and to approve a final plan, when the recommendation is left empty', async () => {
    const draft = coverRows((await paper(FIXTURE_COVER)).pkg).find((r) => r[0] === 'Recommendation')?.[1];
    expect(draft).toBe('The Board is asked to discuss and comment on the draft North Fell Joint Forward Plan 2026/27 to 2030/31.');
    const result = await exportDocument({
      data: finalPlan(),
      options: { kind: 'board_paper', includeCommitments: false, includeHwbOpinions: false },
      cover: FIXTURE_COVER,
    });
    const final = coverRows(readDocx(result.content as Buffer)).find((r) => r[0] === 'Recommendation')?.[1];
    expect(final).toBe('The Board is asked to approve the North Fell Joint Forward Plan 2026/27 to 2030/31 for publication.');
  });

  it('never shows a placeholder: defaults come with the plan’s values, and an unknown placeholder is left out', () => {
    const plan = fixtureData().plan;
    const defaults = coverDefaults(DEFAULT_BOARD_PAPER_TEMPLATE, plan);
    expect(defaults['meeting']).toBe('Board of NHS North Fell Integrated Care Board');
    expect(defaults['title']).toBe('North Fell Joint Forward Plan 2026/27 to 2030/31');
    expect(Object.values(defaults).join(' ')).not.toMatch(/[{}]/);
    expect(fillCoverPlaceholders('For {icbName}{unknownThing}.', plan)).toBe('For NHS North Fell Integrated Care Board.');
  });

  it('has a field for every part of the usual ICB cover sheet, with 0 "Not provided" when filled in', async () => {
    const labels = DEFAULT_BOARD_PAPER_TEMPLATE.fields.map((f) => f.label);
    for (const wanted of ['Workforce implications', 'Data protection implications', 'Sustainability and net zero implications', 'Patient and public involvement']) {
      expect(labels).toContain(wanted);
    }
    const { pkg, summary } = await paper(FULL_COVER);
    const text = paragraphs(pkg)
      .map((p) => p.text)
      .join('\n');
    expect(text).not.toContain('Not provided');
    expect(summary.warnings.filter((w) => w.sectionId === null)).toEqual([]);
  });

  it.each([
    [{ reccomendations: 'x' }, 'Unknown field "reccomendations" on the cover sheet: did you mean "recommendation"?'],
    [{ ExecutiveSumary: 'x' }, 'Unknown field "ExecutiveSumary" on the cover sheet: did you mean "executiveSummary"?'],
    [{ meetingDate: 20260326 }, '"Date of meeting" on the cover sheet must be text, not a number.'],
    [{ bafRisks: ['BAF 1'] }, '"Board assurance framework risks" on the cover sheet must be text, not a list.'],
    [['meeting'], 'The cover sheet must be a list of field names and their text, like {"meeting": "Board of NHS North Fell ICB"}.'],
    [
      { executiveSummary: 'x'.repeat(1_000_000) },
      '"Executive summary" on the cover sheet is too long (1,000,000 characters); keep it to 20,000, and put the detail in the plan.',
    ],
  ])('refuses %s with a sentence', async (cover, message) => {
    await expect(paper(cover)).rejects.toEqual(new JfpError('invalid_input', message));
  });

  it('prints HTML in a field as the text it is', async () => {
    const cover = { ...FIXTURE_COVER, agendaItem: '<b>7.1</b><script>alert(1)</script>' };
    const { pkg } = await paper(cover);
    expect(coverRows(pkg).find((r) => r[0] === 'Agenda item')?.[1]).toBe('<b>7.1</b><script>alert(1)</script>');
    const web = await exportDocument({ data: fixtureData(), options: { kind: 'board_paper', format: 'html' }, cover });
    expect(web.content).toContain('&lt;b&gt;7.1&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(web.content).not.toContain('<script>');
  });

  it('keeps a long summary’s start on the cover sheet and continues it after, under a heading', async () => {
    const paragraphsOfSummary = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the summary. ${'The plan sets out what we will do. '.repeat(6)}`);
    const { pkg } = await paper({ ...FIXTURE_COVER, executiveSummary: paragraphsOfSummary.join('\n\n') });
    const inCover = coverRows(pkg).find((r) => r[0] === 'Executive summary')![1]!;
    expect(inCover).toMatch(/^Paragraph 1 of the summary/);
    expect(inCover).toContain('Continued after the cover sheet.');
    expect(inCover).not.toContain('Paragraph 8');
    const heads = headings(pkg).map(([, t]) => t);
    expect(heads[1]).toBe('Executive summary (continued)');
    const body = paragraphs(pkg).map((p) => p.text);
    const at = body.indexOf('Executive summary (continued)');
    expect(body.slice(at + 1).some((t) => t.startsWith('Paragraph 8 of the summary'))).toBe(true);
  });
});

// #15 sign-off: the board paper of a signed-off plan says who signed it off, when, and why each open item was accepted.
describe('sign-off appendix', () => {
  const signOff = {
    name: 'Ada Byron',
    role: 'Chief Executive',
    at: '2027-03-03T10:15:00.000Z',
    reasons: [
      {
        itemId: 'hwb:Westmere',
        label: 'Westmere Health and Wellbeing Board has given its opinion',
        reason: 'Westmere meets on 10 March; its opinion will be added then.',
      },
      { itemId: 'board-paper:cover', label: 'The board paper’s cover sheet is complete', reason: 'The finance lead signs the implications on the day.' },
    ],
  };
  const signedOffPaper = async (isFinal: boolean) => {
    const data = fixtureData({ plan: { ...fixtureData().plan, isFinal }, signOff });
    const result = await exportDocument({ data, options: { kind: 'board_paper', includeCommitments: false, includeHwbOpinions: false }, cover: FIXTURE_COVER });
    return readDocx(result.content as Buffer);
  };

  it('prints who signed the plan off, when, and each blocking item with its recorded reason', async () => {
    const pkg = await signedOffPaper(true);
    expect(headings(pkg).map(([, title]) => title)).toContain('Sign-off');
    const text = paragraphs(pkg)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('The plan was signed off as final by Ada Byron (Chief Executive) on 3 March 2027.');
    expect(text).toContain('2 blocking readiness items were not done when it was signed off. The reason recorded for each:');
    expect(text).toContain('Westmere Health and Wellbeing Board has given its opinion');
    expect(text).toContain('Westmere meets on 10 March; its opinion will be added then.');
    expect(text).toContain('The finance lead signs the implications on the day.');
  });

  it('has no sign-off appendix for a draft', async () => {
    const pkg = await signedOffPaper(false);
    expect(headings(pkg).map(([, title]) => title)).not.toContain('Sign-off');
    expect(
      paragraphs(pkg)
        .map((p) => p.text)
        .join('\n'),
    ).not.toContain('Ada Byron');
  });
});
