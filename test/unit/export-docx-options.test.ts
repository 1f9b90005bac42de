// Export options and awkward content: sections chosen by status or id,
// guidance notes, reviewers' comments as real Word comments, and sections whose
// stored content is corrupt or uses unknown elements (still exported, with a
// warning, never dropped and never an error).
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../electron/services/export';
import type { ExportOptionsInput, PlanExportData } from '../../shared/export';
import { NODE_TYPES } from '../../shared/lexical-json';
import { fixtureData, START_WELL_THREAD } from '../support/export-fixture';
import { content, heading, list, listItem, mark, paragraph, table } from '../support/lexical-builder';
import { headings, NS, paragraphs, readDocx, textOf, wElements } from '../support/docx-reader';

async function exportPlan(input: ExportOptionsInput = {}, data: PlanExportData = fixtureData()) {
  const result = await exportDocument({ data, options: { issueDate: '2026-03-04', includeCommitments: false, includeHwbOpinions: false, ...input } });
  return { ...result, pkg: readDocx(result.content as Buffer) };
}

const titles = (pkg: ReturnType<typeof readDocx>) => headings(pkg).map(([level, text]) => `${level} ${text}`);

describe('choosing sections', () => {
  it('exports only sections with the chosen statuses, closing up the heading levels', async () => {
    const { pkg, summary } = await exportPlan({ sections: { statuses: ['in_review', 'drafting'] } });
    // Their parent (approved) is not chosen: its heading is printed alone, so they keep their numbers and levels in the plan.
    expect(titles(pkg)).toEqual(['1 3 Our priorities (heading only)', '2 3.2 Live well', '2 3.3 Age well']);
    expect(paragraphs(pkg).some((p) => p.text.includes('We have three priorities'))).toBe(false);
    expect(summary.sectionCount).toBe(3);
  });

  it('exports chosen sections with their subsections', async () => {
    const data = fixtureData();
    const startWell = data.sections.find((s) => s.title === 'Start well')!;
    const workforce = data.sections.find((s) => s.title === 'Workforce')!;
    const { pkg } = await exportPlan({ sections: { sectionIds: [startWell.id, workforce.id] } }, data);
    expect(titles(pkg)).toEqual([
      '1 3 Our priorities (heading only)',
      '2 3.1 Start well',
      '3 Why this matters for our population',
      '3 What we will do',
      '4 How we will know we are making a difference',
      '3 3.1.1 Children and young people',
      '4 3.1.1.1 Care leavers',
      '1 4 Enablers (heading only)',
      '2 4.1 Workforce',
    ]);
    const only = await exportPlan({ sections: { sectionIds: [startWell.id], withSubsections: false } }, data);
    expect(titles(only.pkg).filter((t) => /^\d \d/.test(t))).toEqual(['1 3 Our priorities (heading only)', '2 3.1 Start well']);
  });

  it('still makes a document, with a warning, when no section matches', async () => {
    const { pkg, summary } = await exportPlan({ sections: { sectionIds: ['nothing-like-this'] } });
    expect(summary.sectionCount).toBe(0);
    expect(summary.warnings[0]?.message).toMatch(/No sections matched/);
    expect(paragraphs(pkg).some((p) => p.style === 'Title')).toBe(true);
  });
});

describe('guidance notes', () => {
  it('are included as shaded notes only when asked for', async () => {
    const without = await exportPlan();
    expect(paragraphs(without.pkg).some((p) => p.text.startsWith('Guidance:'))).toBe(false);
    const withGuidance = await exportPlan({ includeGuidance: true });
    const note = paragraphs(withGuidance.pkg).find((p) => p.text.startsWith('Guidance:'))!;
    expect(note.text).toBe('Guidance: Describe the partners in the system and how they work together.');
    expect(note.style).toBe('GuidanceNote');
  });
});

describe('reviewers’ comments', () => {
  it('are left out unless asked for', async () => {
    const { pkg, summary } = await exportPlan();
    expect(pkg.has('word/comments.xml')).toBe(false);
    expect(summary.commentCount).toBe(0);
  });

  it('become Word comments on the marked text, with replies threaded and resolved threads marked done', async () => {
    const { pkg, summary } = await exportPlan({ includeComments: true });
    expect(summary.commentCount).toBe(2);
    const comments = wElements(pkg.xml('word/comments.xml'), 'comment');
    expect(comments.map((c) => c.getAttributeNS(NS.w, 'author'))).toEqual(['Priya Shah', 'Tom Reid', 'Healthwatch North Fell']);
    expect(comments.map(textOf)).toEqual([
      'Please give the source and year for this figure.',
      'Added: Oral health survey 2024.',
      'What does this mean for GP practice staff?',
    ]);
    expect(comments[0]!.getAttributeNS(NS.w, 'initials')).toBe('PS');
    expect(comments[0]!.getAttributeNS(NS.w, 'date')).toMatch(/^2026-01-20T14:30:00/);

    // The marked sentence sits between the range start and end of the thread and its reply.
    const doc = pkg.xml('word/document.xml');
    const body = doc.getElementsByTagNameNS(NS.w, 'body').item(0)!;
    const marked = wElements(body, 'p').find((p) => textOf(p).includes('Tooth decay'))!;
    const order = Array.from(marked.childNodes)
      .filter((n) => n.nodeType === 1)
      .map(
        (n) => `${(n as Element).localName}${(n as Element).getAttributeNS(NS.w, 'id') ? `:${(n as Element).getAttributeNS(NS.w, 'id')}` : ''}:${textOf(n as Element)}`,
      );
    expect(order).toEqual([
      'r:One in five children in Riverbank lives in a low-income family. ',
      'commentRangeStart:0:',
      'commentRangeStart:1:',
      'r:Tooth decay in five-year-olds is twice the England average.',
      'commentRangeEnd:0:',
      'commentRangeEnd:1:',
      'r:',
      'r:',
    ]);
    expect(wElements(marked, 'commentReference')).toHaveLength(2);

    // A whole-section comment is anchored on the section's heading.
    const workforce = wElements(body, 'p').findLast((p) => textOf(p) === '4.1 Workforce')!;
    expect(wElements(workforce, 'commentRangeStart').map((e) => e.getAttributeNS(NS.w, 'id'))).toEqual(['2']);

    // Threads and resolved state, as Word stores them.
    const extended = pkg.text('word/commentsExtended.xml');
    expect(extended).toMatch(/w15:paraIdParent="00000001"/);
    expect((extended.match(/w15:done="1"/g) ?? []).length).toBe(1);
    expect(pkg.text('word/commentsIds.xml')).toMatch(/w16cid:durableId="[0-9A-F]{8}"/);
  });

  it('keep one range for a thread whose mark is split over several pieces of text', async () => {
    const data = fixtureData();
    const startWell = data.sections.find((s) => s.title === 'Start well')!;
    startWell.content = content(paragraph('Start ', mark([START_WELL_THREAD], 'first piece'), ' middle'), paragraph(mark([START_WELL_THREAD], 'second piece'), ' end'));
    const { pkg } = await exportPlan({ includeComments: true }, data);
    const doc = pkg.xml('word/document.xml');
    expect(wElements(doc, 'commentRangeStart').filter((e) => e.getAttributeNS(NS.w, 'id') === '0')).toHaveLength(1);
    const end = wElements(doc, 'commentRangeEnd').find((e) => e.getAttributeNS(NS.w, 'id') === '0')!;
    expect(textOf(end.parentNode as Element)).toBe('second piece end');
  });
});

describe('content the exporter cannot read', () => {
  function withSection(title: string, stored: string): PlanExportData {
    const data = fixtureData();
    data.sections.push({ id: 'odd', parentId: null, title, depth: 1, status: 'approved', content: stored, guidance: '' });
    return data;
  }

  it('exports a section with an unknown element as its plain text, with a warning', async () => {
    const stored = JSON.stringify({
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: 'Before the chart.', format: 0 }] },
          { type: 'excalidraw', data: '...', children: [{ type: 'text', text: 'Chart caption', format: 0 }] },
          { type: 'paragraph', children: [{ type: 'text', text: 'After the chart.', format: 1 }] },
        ],
      },
    });
    const { pkg, summary } = await exportPlan({}, withSection('Population health', stored));
    const texts = paragraphs(pkg).map((p) => p.text);
    expect(texts).toContain('5 Population health');
    expect(texts).toEqual(expect.arrayContaining(['Before the chart.', 'Chart caption', 'After the chart.']));
    expect(summary.warnings).toContainEqual({
      sectionId: 'odd',
      sectionTitle: 'Population health',
      message: expect.stringMatching(/plain text.*excalidraw/),
    });
  });

  it('exports a section whose content is not JSON as its title with a note, with a warning', async () => {
    const { pkg, summary } = await exportPlan({}, withSection('Finance', '{"root": {"type": "root", "children": [ broken'));
    const texts = paragraphs(pkg).map((p) => p.text);
    const at = texts.lastIndexOf('5 Finance');
    expect(at).toBeGreaterThan(0);
    expect(texts[at + 1]).toBe('The text of this section could not be included in this export.');
    expect(summary.warnings).toContainEqual({ sectionId: 'odd', sectionTitle: 'Finance', message: expect.stringMatching(/not valid JSON/) });
  });

  it('survives malformed nodes, control characters and very deep nesting', async () => {
    let deep: Record<string, unknown> = { type: 'text', text: 'deep text', format: 0 };
    for (let i = 0; i < 500; i++) deep = { type: 'mark', ids: [], children: [deep] };
    const odd = [
      JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: 'not a list' }] } }),
      JSON.stringify({
        root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'bell\u0007 and \uD800 lone surrogate', format: 0 }] }] },
      }),
      JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [deep] }] } }),
      JSON.stringify({
        root: {
          type: 'root',
          children: [
            { type: 'heading', tag: 'h9', children: [] },
            { type: 'list', listType: 'number', start: -4, children: [{ type: 'listitem', children: [] }] },
          ],
        },
      }),
      JSON.stringify({ root: { type: 'root', children: [{ type: 'table', children: [{ type: 'tablerow', children: [] }] }] } }),
      JSON.stringify([1, 2, 3]),
      'null',
    ];
    const data = fixtureData({
      sections: odd.map((stored, i) => ({ id: `odd${i}`, parentId: null, title: `Odd ${i}`, depth: 1, status: 'approved' as const, content: stored, guidance: '' })),
    });
    const { pkg, summary } = await exportPlan({}, data);
    expect(headings(pkg).map(([, t]) => t)).toEqual(odd.map((_, i) => `${i + 1} Odd ${i}`));
    const texts = paragraphs(pkg).map((p) => p.text);
    expect(texts).toContain('bell and  lone surrogate');
    expect(texts).toContain('deep text');
    expect(summary.warnings.map((w) => w.sectionTitle)).toEqual(expect.arrayContaining(['Odd 0', 'Odd 2', 'Odd 5', 'Odd 6']));
  });

  it('names a content table without a header row in the warnings', async () => {
    const data = fixtureData();
    data.sections[0]!.content = content(
      table(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        { headerRow: false },
      ),
    );
    const { summary } = await exportPlan({}, data);
    expect(summary.warnings).toContainEqual(expect.objectContaining({ sectionTitle: 'Foreword', message: expect.stringMatching(/no header row/) }));
  });

  it('never skips a heading level for headings inside a section, wherever they start', async () => {
    const data = fixtureData({
      sections: [
        {
          id: 'h',
          parentId: null,
          title: 'Deep',
          depth: 2,
          status: 'approved',
          guidance: '',
          content: content(heading('h4', 'four'), heading('h6', 'six'), heading('h1', 'one'), list('bullet', [listItem('x')]), paragraph('y')),
        },
      ],
    });
    const { pkg } = await exportPlan({}, data);
    // The section itself moves up to level 1; its headings sit below it, one level at a time.
    expect(headings(pkg)).toEqual([
      [1, '1 Deep'],
      [2, 'four'],
      [3, 'six'],
      [2, 'one'],
    ]);
  });
});

describe('random content', () => {
  // Every node type the editor registers (below the root), and one it does not.
  const TYPES: string[] = [...NODE_TYPES.filter((type) => type !== 'root'), 'mystery'];
  const ODD_VALUES: unknown[] = [undefined, null, 0, -1, 2, 99_999, 'x', 'h7', 'center', 'javascript:x', 'https://example.org', true, [], {}, Number.NaN, 1.5];

  /** The words of every text node, as a reader would see them (control characters cannot be written). */
  const wordsIn = (node: Record<string, unknown>): string[] => [
    ...(node.type === 'text' && typeof node.text === 'string' ? [node.text.replace(/[\u0000-\u001F]/g, '')] : []),
    ...(Array.isArray(node.children) ? (node.children as Record<string, unknown>[]).flatMap(wordsIn) : []),
  ];
  const SAFE_LINK = /^(https?:|mailto:|#)/;

  it('never makes an export throw, and keeps every word, every section and only safe links, in Word and on the web page alike', async () => {
    let seed = 20260304;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const node = (depth: number): Record<string, unknown> => {
      const type = pick(TYPES);
      const made: Record<string, unknown> = { type };
      if (type === 'text' || random() < 0.05) made.text = random() < 0.9 ? `words ${Math.floor(random() * 100)}${random() < 0.1 ? '\u0001<&>' : ''}` : pick(ODD_VALUES);
      for (const key of ['format', 'tag', 'listType', 'start', 'headerState', 'colSpan', 'rowSpan', 'url', 'indent', 'colWidths', 'ids', 'checked']) {
        if (random() < 0.3) made[key] = key === 'ids' ? [pick([START_WELL_THREAD, 'other', 3])] : pick(ODD_VALUES);
      }
      if (depth < 6 && type !== 'text' && random() < 0.8) made.children = Array.from({ length: Math.floor(random() * 4) }, () => node(depth + 1));
      return made;
    };
    let words = 0;
    for (let i = 0; i < 40; i++) {
      const data = fixtureData();
      const children = Array.from({ length: 1 + Math.floor(random() * 5) }, () => node(0));
      data.sections[5]!.content = JSON.stringify({ root: { type: 'root', children } });
      const word = await exportDocument({ data, options: { includeComments: true } });
      const pkg = readDocx(word.content as Buffer);
      const web = await exportDocument({ data, options: { format: 'html' } });
      const page = new DOMParser().parseFromString(web.content as string, 'text/html');
      const pageText = page.getElementsByTagName('body')[0]!.textContent ?? '';
      const case_ = `case ${i}: ${data.sections[5]!.content}`;

      // Whatever the nodes around it, no text is dropped: unknown or broken structure is written as plain paragraphs.
      const wordText = paragraphs(pkg)
        .map((p) => p.text)
        .join('\n');
      for (const text of children.flatMap(wordsIn)) {
        expect(wordText, case_).toContain(text);
        expect(pageText, case_).toContain(text);
        words++;
      }
      // One broken section does not take the rest of the plan with it.
      const wordHeadings = headings(pkg).map(([, title]) => title.replace(/^[\d.]+\s+/, ''));
      const pageHeadings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
        .flatMap((tag) => Array.from(page.getElementsByTagName(tag)))
        .map((h) => h.textContent!.replace(/^[\d.]+\s+/, '').trim());
      for (const { title } of data.sections) {
        expect(wordHeadings, case_).toContain(title);
        expect(pageHeadings, case_).toContain(title);
      }
      // The link policy holds for any url: no javascript: or other scheme becomes a link.
      const relationships = pkg.xml('word/_rels/document.xml.rels');
      const wordLinks = Array.from(relationships.getElementsByTagName('Relationship'))
        .filter((r) => r.getAttribute('TargetMode') === 'External')
        .map((r) => r.getAttribute('Target')!);
      const pageLinks = Array.from(page.getElementsByTagName('a'))
        .filter((a) => a.hasAttribute('href'))
        .map((a) => a.getAttribute('href')!);
      for (const target of [...wordLinks, ...pageLinks]) expect(target, case_).toMatch(SAFE_LINK);
      // Both writers read the content the same way, so they warn about the same things.
      expect(word.summary.warnings.map((w) => w.message).sort(), case_).toEqual(web.summary.warnings.map((w) => w.message).sort());
    }
    // The generator does make text: the checks above ran on something.
    expect(words).toBeGreaterThan(50);
  });
});
