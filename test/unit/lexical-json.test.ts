// Reading saved editor content without an editor: what search, word counts and
// the exporters rely on.
import { describe, expect, it } from 'vitest';
import { contentFromParagraphs, countWords, parseContent, plainText } from '../../shared/lexical-json';

describe('word counts', () => {
  it.each([
    ['Our population of 1.2 million is growing and ageing.', 9],
    ['It’s a well-led, 1,200-bed trust', 5],
    ['مرحبا بالعالم 👩🏽‍⚕️🏥', 2],
    ['   ', 0],
    ['— • —', 0],
  ])('%s has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe('plain text of saved content', () => {
  it('puts each block on its own line and table cells apart', () => {
    const state = {
      root: {
        type: 'root',
        children: [
          { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Why this matters' }] },
          { type: 'paragraph', children: [{ type: 'text', text: 'Line one' }, { type: 'linebreak' }, { type: 'text', text: 'line two' }] },
          {
            type: 'table',
            children: [{ type: 'tablerow', children: [{ type: 'tablecell', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'A' }] }] }, { type: 'tablecell', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'B' }] }] }] }],
          },
        ],
      },
    };
    expect(plainText(state)).toBe('Why this matters\nLine one\nline two\nA\n\tB');
  });

  it('refuses what the editor could not have produced', () => {
    expect(parseContent('not json')).toEqual({ ok: false, reason: 'The section content is not valid JSON.' });
    expect(parseContent('{"root":{"type":"paragraph"}}')).toEqual({ ok: false, reason: 'The section content has no root.' });
    let deep: object = { type: 'text', text: 'x' };
    for (let i = 0; i < 80; i++) deep = { type: 'paragraph', children: [deep] };
    expect(parseContent(JSON.stringify({ root: { type: 'root', children: [deep] } }))).toEqual({ ok: false, reason: 'The section content is nested too deeply.' });
    expect(parseContent(contentFromParagraphs(['fine'])).ok).toBe(true);
  });
});
