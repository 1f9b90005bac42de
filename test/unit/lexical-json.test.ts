// Reading saved editor content without an editor: what search, word counts and
// the exporters rely on.
import { createEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODES } from '../../renderer/editor/nodes';
import { contentFromParagraphs, countWords, EMPTY_CONTENT, parseContent, plainText, readContent } from '../../shared/lexical-json';
import { content, FORMAT, heading, lineBreak, link, list, listItem, mark, nestedItem, paragraph, quote, table, text } from '../support/lexical-builder';

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
            children: [
              {
                type: 'tablerow',
                children: [
                  { type: 'tablecell', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'A' }] }] },
                  { type: 'tablecell', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'B' }] }] },
                ],
              },
            ],
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

describe('the one writer of editor content', () => {
  it("writes every kind of node exactly as the editor's own node classes export it", () => {
    const written = [
      EMPTY_CONTENT,
      contentFromParagraphs(['One', 'Two']),
      content(
        heading('h2', 'Why this matters'),
        paragraph('Plain, ', text('bold', FORMAT.bold), lineBreak(), link('https://example.org/', 'a link'), ' and ', mark(['thread-1'], 'marked text')),
        quote('A quote.'),
        list('number', [listItem('first'), nestedItem(list('bullet', [listItem('inner')])), listItem('second')], 3),
        table(
          [
            ['Head', 'Other'],
            ['cell', 'cell'],
          ],
          { colWidths: [200, 100] },
        ),
      ),
    ];
    const editor = createEditor({
      nodes: [...EDITOR_NODES],
      onError: (error) => {
        throw error;
      },
    });
    for (const json of written) {
      expect(parseContent(json).ok).toBe(true);
      expect(editor.parseEditorState(json).toJSON()).toEqual(JSON.parse(json));
    }
  });

  it('reads content the store would refuse without refusing it, for the exporters to make the most of', () => {
    const odd = JSON.stringify({ root: { type: 'root', children: [{ type: 'excalidraw', children: [] }] } });
    expect(parseContent(odd).ok).toBe(false);
    expect(readContent(odd).ok).toBe(true);
    expect(readContent('[1, 2]')).toEqual({ ok: false, problem: 'no_root', value: [1, 2] });
    expect(readContent('not json')).toMatchObject({ ok: false, problem: 'not_json' });
  });
});
