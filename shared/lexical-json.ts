// Reading Lexical's serialized editor state without a DOM or an editor: used by
// the store (plain text for search, word counts), validation of saved content,
// and later the exporters. Pure functions over the JSON.

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

export const EMPTY_CONTENT = JSON.stringify({
  root: {
    type: 'root',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [] }],
  },
});

/** Builds editor content from plain paragraphs (templates, sample plan, tests). */
export function contentFromParagraphs(paragraphs: string[]): string {
  const children = (paragraphs.length ? paragraphs : ['']).map((text) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: text
      ? [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 }]
      : [],
  }));
  return JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } });
}

export type ParseResult = { ok: true; state: SerializedState } | { ok: false; reason: string };

/** Parses and checks the shape of saved content: known node types, bounded depth. */
export function parseContent(json: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'The section content is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || !('root' in value)) {
    return { ok: false, reason: 'The section content has no root.' };
  }
  const root = (value as { root: unknown }).root;
  if (!isNode(root) || root.type !== 'root') return { ok: false, reason: 'The section content has no root.' };
  const problem = checkNode(root, 0);
  return problem ? { ok: false, reason: problem } : { ok: true, state: value as SerializedState };
}

function isNode(value: unknown): value is SerializedNode {
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

/** The text a reader sees, one block per line (search index, word counts, fallbacks). */
export function plainText(state: SerializedState): string {
  const out: string[] = [];
  walkText(state.root, out);
  return out.join('').replace(/\n{2,}/g, '\n').trim();
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

// A word: letters or digits, joined by apostrophes or hyphens; "1.2" and "1,200" are one word.
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

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}'’-]|[.,](?=\p{N}))*/gu;

/** Words as a reader would count them. */
export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}
