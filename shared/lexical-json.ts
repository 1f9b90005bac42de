// Lexical's serialized editor state without a DOM or an editor: the one reader
// (the store's validation, plain text for search, word counts, and the
// exporters' model) and the one writer (empty content, templates, the sample
// plan, tests). Pure functions over the JSON.

/** Every node type the editor registers. Content with any other type is refused. */
export const NODE_TYPES = [
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  'heading',
  'quote',
  'list',
  'listitem',
  'link',
  'autolink',
  'table',
  'tablerow',
  'tablecell',
  'mark',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const KNOWN = new Set<string>(NODE_TYPES);
const BLOCK = new Set<string>(['paragraph', 'heading', 'quote', 'listitem', 'tablecell', 'root', 'list', 'table', 'tablerow']);
/** Content nested deeper than this is refused by the store and exported as plain text. */
export const MAX_NODE_DEPTH = 64;

export interface SerializedNode {
  type: string;
  children?: SerializedNode[];
  text?: string;
  [key: string]: unknown;
}

export interface SerializedState {
  root: SerializedNode;
}

// ---------------------------------------------------------------- reading

export type ReadContent = { ok: true; state: SerializedState } | { ok: false; problem: 'not_json' | 'no_root'; value: unknown };

/**
 * The one reader of stored content: parses the JSON and finds the root, and
 * nothing more, so the exporters can still make the most of content the
 * editor would refuse. `parseContent` adds the checks the store needs.
 */
export function readContent(json: string): ReadContent {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'not_json', value: undefined };
  }
  const root = typeof value === 'object' && value !== null ? (value as { root?: unknown }).root : undefined;
  if (!isNode(root) || root.type !== 'root') return { ok: false, problem: 'no_root', value };
  return { ok: true, state: value as SerializedState };
}

export type ParseResult = { ok: true; state: SerializedState } | { ok: false; reason: string };

/** Parses and checks the shape of saved content: known node types, bounded depth. */
export function parseContent(json: string): ParseResult {
  const read = readContent(json);
  if (!read.ok) return { ok: false, reason: read.problem === 'not_json' ? 'The section content is not valid JSON.' : 'The section content has no root.' };
  const problem = checkNode(read.state.root, 0);
  return problem ? { ok: false, reason: problem } : read;
}

export function isNode(value: unknown): value is SerializedNode {
  return typeof value === 'object' && value !== null && typeof (value as SerializedNode).type === 'string';
}

function checkNode(node: SerializedNode, depth: number): string | null {
  if (depth > MAX_NODE_DEPTH) return 'The section content is nested too deeply.';
  if (!KNOWN.has(node.type)) return `The section content has an element this app does not know ("${node.type.slice(0, 40)}").`;
  if (node.text !== undefined && typeof node.text !== 'string') return 'The section content has text that is not a string.';
  if (node.children !== undefined) {
    if (!Array.isArray(node.children)) return 'The section content is malformed.';
    for (const child of node.children) {
      if (!isNode(child)) return 'The section content is malformed.';
      const problem = checkNode(child, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

// ---------------------------------------------------------------- writing
// The one writer: nodes in the shape the editor's node classes export them
// (Lexical 0.52), used by the store's empty content, templates, the sample plan
// and the tests' builders, so all of them hold what the database really holds.

/** Lexical's text format bitmask. */
export const TEXT_FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
  highlight: 128,
} as const;

export function textNode(text: string, format = 0): SerializedNode {
  return { detail: 0, format, mode: 'normal', style: '', text, type: 'text', version: 1 };
}

export function lineBreakNode(): SerializedNode {
  return { type: 'linebreak', version: 1 };
}

export function elementNode(type: NodeType, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode {
  return { children, direction: null, format: '', indent: 0, type, version: 1, ...extra };
}

export const paragraphNode = (children: SerializedNode[]) => elementNode('paragraph', children, { textFormat: 0, textStyle: '' });
export const headingNode = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', children: SerializedNode[]) => elementNode('heading', children, { tag });
export const quoteNode = (children: SerializedNode[]) => elementNode('quote', children);
export const linkNode = (url: string, children: SerializedNode[]) => elementNode('link', children, { rel: 'noopener noreferrer', target: null, title: null, url });
export const markNode = (ids: string[], children: SerializedNode[]) => elementNode('mark', children, { ids });

/** A list item; Lexical indents the items of a list nested in it one step further. */
export function listItemNode(children: SerializedNode[], value = 1): SerializedNode {
  const indentItems = (list: SerializedNode) => {
    for (const item of list.children ?? []) {
      item.indent = (typeof item.indent === 'number' ? item.indent : 0) + 1;
      for (const child of item.children ?? []) if (child.type === 'list') indentItems(child);
    }
  };
  for (const child of children) if (child.type === 'list') indentItems(child);
  return elementNode('listitem', children, { value });
}

/** A list whose items are numbered from `start` (Lexical stores each item's value). */
export function listNode(listType: 'bullet' | 'number', items: SerializedNode[], start = 1): SerializedNode {
  items.forEach((item, i) => (item.value = start + i));
  return elementNode('list', items, { listType, start, tag: listType === 'number' ? 'ol' : 'ul' });
}

/** Lexical's table cell header bits. */
export const HEADER_STATE = { row: 1, column: 2 } as const;

export const tableCellNode = (children: SerializedNode[], headerState = 0) =>
  elementNode('tablecell', children, { backgroundColor: null, colSpan: 1, headerState, rowSpan: 1 });
export const tableRowNode = (cells: SerializedNode[]) => elementNode('tablerow', cells);
export const tableNode = (rows: SerializedNode[], colWidths?: number[]) => elementNode('table', rows, colWidths ? { colWidths } : {});

/** Serialized editor state (the JSON string the store holds) from top-level blocks. */
export function serializeContent(blocks: SerializedNode[]): string {
  return JSON.stringify({ root: elementNode('root', blocks) });
}

/** Builds editor content from plain paragraphs (templates, sample plan, tests). */
export function contentFromParagraphs(paragraphs: string[]): string {
  return serializeContent((paragraphs.length ? paragraphs : ['']).map((text) => paragraphNode(text ? [textNode(text)] : [])));
}

export const EMPTY_CONTENT = contentFromParagraphs([]);

// ---------------------------------------------------------------- what a reader sees

/** The text a reader sees, one block per line (search index, word counts, fallbacks). */
export function plainText(state: SerializedState): string {
  const out: string[] = [];
  walkText(state.root, out);
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function walkText(node: SerializedNode, out: string[]): void {
  if (node.type === 'text') out.push(node.text ?? '');
  else if (node.type === 'linebreak') out.push('\n');
  else if (node.type === 'tab') out.push('\t');
  if (node.children) {
    for (const child of node.children) walkText(child, out);
    if (BLOCK.has(node.type)) out.push(node.type === 'tablecell' ? '\t' : '\n');
  }
}

/** Comment thread ids carried by mark nodes in the content (anchored comments). */
export function markIds(state: SerializedState): string[] {
  const ids = new Set<string>();
  const visit = (node: SerializedNode) => {
    if (node.type === 'mark' && Array.isArray(node.ids)) {
      for (const id of node.ids) if (typeof id === 'string') ids.add(id);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(state.root);
  return [...ids];
}

// A word: letters or digits, joined by apostrophes or hyphens; "1.2" and "1,200" are one word.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}'’-]|[.,](?=\p{N}))*/gu;

/** Words as a reader would count them. */
export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}
