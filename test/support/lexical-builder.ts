// Builds Lexical serialized editor state in tests, node by node, in the exact
// shape the editor saves (Lexical 0.52), so exporters are tested on what the
// database really holds.
import type { SerializedNode } from '../../shared/lexical-json';

const element = (type: string, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode => ({
  type,
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  children,
  ...extra,
});

export const FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8 } as const;

export const text = (value: string, format = 0): SerializedNode => ({ type: 'text', version: 1, text: value, format, style: '', mode: 'normal', detail: 0 });
export const lineBreak = (): SerializedNode => ({ type: 'linebreak', version: 1 });

type Inline = SerializedNode | string;
const inlines = (children: Inline[]) => children.map((c) => (typeof c === 'string' ? text(c) : c));

export const paragraph = (...children: Inline[]) => element('paragraph', inlines(children), { textFormat: 0, textStyle: '' });
export const heading = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', ...children: Inline[]) => element('heading', inlines(children), { tag });
export const quote = (...children: Inline[]) => element('quote', inlines(children));
export const link = (url: string, ...children: Inline[]) => element('link', inlines(children), { url, rel: 'noreferrer', target: null, title: null });
export const mark = (ids: string[], ...children: Inline[]) => element('mark', inlines(children), { ids });

export const listItem = (...children: Inline[]) => element('listitem', inlines(children), { value: 1 });
/** A list item holding only a nested list, as Lexical nests lists. */
export const nestedItem = (list: SerializedNode) => element('listitem', [list], { value: 1 });
export const list = (listType: 'bullet' | 'number', items: SerializedNode[], start = 1) =>
  element('list', items, { listType, start, tag: listType === 'number' ? 'ol' : 'ul' });

export const cell = (headerState: number, ...children: Inline[]) =>
  element('tablecell', [paragraph(...children)], { headerState, colSpan: 1, rowSpan: 1, backgroundColor: null });
export const row = (...cells: SerializedNode[]) => element('tablerow', cells);
/** A table whose first row is a header row (headerState 1) unless told otherwise. */
export const table = (rows: string[][], options: { headerRow?: boolean; colWidths?: number[] } = {}) =>
  element(
    'table',
    rows.map((cells, r) => row(...cells.map((c) => cell(r === 0 && options.headerRow !== false ? 1 : 0, c)))),
    options.colWidths ? { colWidths: options.colWidths } : {},
  );

export const content = (...blocks: SerializedNode[]): string => JSON.stringify({ root: element('root', blocks) });
