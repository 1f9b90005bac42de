// Anchoring comments that arrive from elsewhere to the words they quote.
import { describe, expect, it } from 'vitest';
import { markRanges, placeMark } from '../../electron/services/review/anchors';
import { QuoteIndex } from '../../electron/services/review/quote-index';
import { contentFromParagraphs, markIds, parseContent, plainText, type SerializedNode, type SerializedState } from '../../shared/lexical-json';

const state = (paragraphs: string[]) => JSON.parse(contentFromParagraphs(paragraphs)) as SerializedState;

describe('placing a comment mark', () => {
  it('wraps the quoted words in a mark with the thread id, keeping the text', () => {
    const result = placeMark(state(['Intro.', 'We will improve school readiness by 2028.']), 'school  readiness', 'thread-1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(markIds(result.state)).toEqual(['thread-1']);
    expect(plainText(result.state)).toBe('Intro.\nWe will improve school readiness by 2028.');
    const paragraph = result.state.root.children![1]!;
    expect(paragraph.children!.map((n) => (n.type === 'mark' ? `[${n.children![0]!.text}]` : n.text))).toEqual(['We will improve ', '[school readiness]', ' by 2028.']);
    expect(parseContent(JSON.stringify(result.state)).ok).toBe(true);
  });

  it('leaves the content alone and says why when the words are not there', () => {
    const original = state(['Nothing to see.']);
    const result = placeMark(original, 'school readiness', 't');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('“school readiness” are no longer in the section') });
    expect(markIds(original)).toEqual([]);
    expect(placeMark(original, '   ', 't').ok).toBe(false);
  });
});

// #13: anchors that survive edits (quote, prefix and suffix; approximate re-attachment)
describe('re-attaching a quote to text that changed', () => {
  const marked = (result: ReturnType<typeof placeMark>) => {
    if (!result.ok) throw new Error(result.reason);
    const words: string[] = [];
    const visit = (node: { type: string; children?: unknown[]; text?: unknown }) => {
      if (node.type === 'mark') words.push(plainText({ root: { type: 'root', children: [{ type: 'paragraph', children: node.children }] } } as SerializedState));
      else for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
    };
    visit(result.state.root);
    return words;
  };

  it('re-attaches a quote whose number was changed, whole words, and says the text changed', () => {
    const result = placeMark(state(['We will cut the wait for hip operations to 16 weeks by March 2028.']), 'cut the wait for hip operations to 18 weeks', 't');
    expect(marked(result)).toEqual(['cut the wait for hip operations to 16 weeks']);
    expect(result).toMatchObject({ ok: true, changed: true, prefix: 'We will ', suffix: expect.stringMatching(/^ by March 2028\./) });
  });

  it('places an unchanged quote exactly, not marked as changed', () => {
    const result = placeMark(state(['We will cut the wait to 18 weeks.']), 'cut the wait to 18 weeks', 't');
    expect(result).toMatchObject({ ok: true, changed: false, found: 'cut the wait to 18 weeks' });
  });

  it('picks the occurrence whose context fits when the words are in the section twice', () => {
    const doc = state(['In Northmoor we will open two hubs.', 'In Southmoor we will open two hubs.']);
    const result = placeMark(doc, { exact: 'we will open two hubs', prefix: 'In Southmoor ', suffix: '.' }, 't');
    expect(result).toMatchObject({ ok: true, prefix: expect.stringContaining('In Southmoor ') });
    const second = result.ok ? result.state.root.children![1]! : null;
    expect(second?.children!.some((n) => n.type === 'mark')).toBe(true);
  });

  it('marks a quote that crosses a change of formatting', () => {
    const doc = state(['placeholder']);
    const text = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, style: '', mode: 'normal', detail: 0 });
    doc.root.children![0]!.children = [text('Improve '), text('school readiness', 1), text(' by 2028.')];
    const marks = marked(placeMark(doc, 'Improve school readiness', 't'));
    expect(marks).toHaveLength(2);
    expect(marks.join(' ')).toBe('Improve school readiness');
  });

  it('does not attach to text that is too different (over the threshold)', () => {
    const result = placeMark(state(['Mental health services for young people will grow.']), 'cut the wait for hip operations to 18 weeks', 't');
    expect(result.ok).toBe(false);
  });
});

// #13: thousands of quotes found through one index of the plan's words, and marked in one pass per section
describe('the plan’s quote index and marking many passages at once', () => {
  const texts = [
    { id: 'a', text: 'We will open two hubs in Southmoor.\nWe will open two hubs in Eastfield by 2027.' },
    { id: 'b', text: 'Waits for hip operations will fall to 18 weeks by March 2028.' },
  ];
  it('finds the exact words with the most context, in the right section', () => {
    const index = new QuoteIndex(texts);
    expect(index.findExact({ exact: 'will open two hubs', prefix: 'We ', suffix: ' in Eastfield' })).toEqual({ id: 'a', found: { start: 39, end: 57, errors: 0 } });
    expect(index.findExact({ exact: 'hip operations will fall' })).toEqual({ id: 'b', found: { start: 10, end: 34, errors: 0 } });
    // Never across two sections, and nothing for words that are nowhere.
    expect(index.findExact({ exact: '2027.\nWaits' })).toBeNull();
    expect(index.findExact({ exact: 'will close two hubs' })).toBeNull();
  });
  it('finds a passage changed a little around the quote’s rarest words, and nothing for one too different', () => {
    const index = new QuoteIndex(texts);
    const close = index.findApprox({ exact: 'hip operations will fall to 16 weeks' });
    expect(close?.id).toBe('b');
    expect(texts[1]!.text.slice(close!.found.start, close!.found.end)).toBe('hip operations will fall to 18 weeks');
    expect(index.findApprox({ exact: 'mental health services for young people' })).toBeNull();
  });
  it('marks overlapping passages in one pass, changing no word', () => {
    const doc = state(['We will cut the wait for hip operations to 18 weeks.']);
    const text = 'We will cut the wait for hip operations to 18 weeks.';
    const marked = markRanges(doc, [
      { start: text.indexOf('cut'), end: text.indexOf(' for'), threadId: 't1' },
      { start: text.indexOf('wait'), end: text.indexOf(' to'), threadId: 't2' },
    ]);
    expect(plainText(marked)).toBe(plainText(doc));
    expect(markIds(marked).sort()).toEqual(['t1', 't2']);
    const marks = (node: SerializedNode): Array<[string, string[]]> => [
      ...(node.type === 'mark' ? [[(node.children ?? []).map((c) => c.text).join(''), node.ids as string[]] as [string, string[]]] : []),
      ...(node.children ?? []).flatMap(marks),
    ];
    expect(marks(marked.root)).toEqual([
      ['cut the ', ['t1']],
      ['wait', ['t1', 't2']],
      [' for hip operations', ['t2']],
    ]);
  });
});
