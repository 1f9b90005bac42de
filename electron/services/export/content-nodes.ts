// Reading a section's stored Lexical JSON for export, whatever state it is in:
// parsing without trusting it, the text format bits, which links may be
// followed, text that is safe to put in XML, and the plain-text fallback used
// when content has a node type the exporters do not know.
import type { SerializedNode } from '../../../shared/lexical-json';

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

/** Walks go no deeper than this; deeper content is exported as plain text. */
export const MAX_WALK_DEPTH = 64;

/** Thrown by a content walk that meets something it cannot export faithfully. */
export class UnsupportedContentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsupportedContentError';
  }
}

export type ReadContent = { ok: true; root: SerializedNode } | { ok: false; reason: string; value: unknown };

/** Parses stored content; shape problems below the root are found by the walk itself. */
export function readContent(json: string): ReadContent {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'its content is not valid JSON', value: undefined };
  }
  const root = typeof value === 'object' && value !== null ? (value as { root?: unknown }).root : undefined;
  if (!isNode(root) || root.type !== 'root' || !Array.isArray(root.children)) {
    return { ok: false, reason: 'its content has no root', value };
  }
  return { ok: true, root };
}

export function isNode(value: unknown): value is SerializedNode {
  return typeof value === 'object' && value !== null && typeof (value as SerializedNode).type === 'string';
}

/** A node's children, or an error for anything that is not a list of nodes. */
export function childrenOf(node: SerializedNode): SerializedNode[] {
  const children = node.children;
  if (children === undefined) return [];
  if (!Array.isArray(children)) throw new UnsupportedContentError(`a "${node.type}" element is malformed`);
  return children as SerializedNode[];
}

export function textOf(node: SerializedNode): string {
  if (typeof node.text !== 'string') throw new UnsupportedContentError('a piece of text is malformed');
  return node.text;
}

export function formatOf(node: SerializedNode): number {
  return typeof node.format === 'number' ? node.format : 0;
}

const FOLLOWABLE = new Set(['http:', 'https:', 'mailto:']);

/** The link's address when it is http, https or mailto; null for anything else. */
export function followableUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    const parsed = new URL(url.trim());
    return FOLLOWABLE.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

// Characters XML 1.0 cannot carry: C0 controls other than tab, line feed and
// carriage return, lone surrogates, and U+FFFE/U+FFFF. Word refuses a file with any.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  NOT_XML.lastIndex = 0;
  return NOT_XML.test(text) ? text.replace(NOT_XML, '') : text;
}

// Containers that sit inside a line of text; every other element ends a line.
const INLINE_CONTAINERS = new Set(['link', 'autolink', 'mark', 'tablecell']);

/**
 * The readable text of any content, one string per block, tolerating unknown
 * node types and malformed children: what a section falls back to.
 */
export function fallbackParagraphs(value: unknown): string[] {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    line = '';
  };
  const root = typeof value === 'object' && value !== null && 'root' in value ? (value as { root: unknown }).root : value;
  // Iterative, so no nesting depth can exhaust the stack: [node, true] marks leaving an element.
  const stack: [unknown, boolean][] = [[root, false]];
  while (stack.length) {
    const [node, leaving] = stack.pop()!;
    if (!isNode(node)) continue;
    if (leaving) {
      if (!INLINE_CONTAINERS.has(node.type)) flush();
      continue;
    }
    if (typeof node.text === 'string') line += node.text;
    else if (node.type === 'linebreak' || node.type === 'tab') line += ' ';
    else if (node.type === 'tablecell' && line.trim()) line += ' | ';
    if (!Array.isArray(node.children)) continue;
    stack.push([node, true]);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], false]);
  }
  flush();
  return out;
}
