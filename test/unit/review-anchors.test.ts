// Anchoring comments that arrive from elsewhere to the words they quote.
import { describe, expect, it } from 'vitest';
import { placeMark } from '../../electron/services/review/anchors';
import { contentFromParagraphs, markIds, parseContent, plainText, type SerializedState } from '../../shared/lexical-json';

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
