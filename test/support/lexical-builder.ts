// Builds Lexical serialized editor state in tests, node by node, with the app's
// one writer (shared/lexical-json.ts), so exporters are tested on what the
// database really holds. Strings stand for plain text nodes.
import {
  HEADER_STATE,
  headingNode,
  lineBreakNode,
  linkNode,
  listItemNode,
  listNode,
  markNode,
  paragraphNode,
  quoteNode,
  serializeContent,
  tableCellNode,
  tableNode,
  tableRowNode,
  TEXT_FORMAT,
  textNode,
  type SerializedNode,
} from '../../shared/lexical-json';

export const FORMAT = TEXT_FORMAT;

export const text = textNode;
export const lineBreak = lineBreakNode;

type Inline = SerializedNode | string;
const inlines = (children: Inline[]) => children.map((c) => (typeof c === 'string' ? textNode(c) : c));

export const paragraph = (...children: Inline[]) => paragraphNode(inlines(children));
export const heading = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', ...children: Inline[]) => headingNode(tag, inlines(children));
export const quote = (...children: Inline[]) => quoteNode(inlines(children));
export const link = (url: string, ...children: Inline[]) => linkNode(url, inlines(children));
export const mark = (ids: string[], ...children: Inline[]) => markNode(ids, inlines(children));

export const listItem = (...children: Inline[]) => listItemNode(inlines(children));
/** A list item holding only a nested list, as Lexical nests lists. */
export const nestedItem = (list: SerializedNode) => listItemNode([list]);
export const list = (listType: 'bullet' | 'number', items: SerializedNode[], start = 1) => listNode(listType, items, start);

export const cell = (headerState: number, ...children: Inline[]) => tableCellNode([paragraph(...children)], headerState);
export const row = (...cells: SerializedNode[]) => tableRowNode(cells);
/** A table whose first row is a header row unless told otherwise. */
export const table = (rows: string[][], options: { headerRow?: boolean; colWidths?: number[] } = {}) =>
  tableNode(
    rows.map((cells, r) => row(...cells.map((c) => cell(r === 0 && options.headerRow !== false ? HEADER_STATE.row : 0, c)))),
    options.colWidths,
  );

export const content = (...blocks: SerializedNode[]): string => serializeContent(blocks);
