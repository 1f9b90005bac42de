// Placing a comment's anchor in saved section content without an editor: finds
// the quoted words in the Lexical JSON and wraps them in marks carrying the
// thread id, as the editor's own comment marks are stored. Used when comments
// arrive from elsewhere (a reviewer's returned comments, a Word document).
//
// An anchor is a quote with the words just before and after it (the
// TextQuoteSelector of web annotation tools). The quote is looked for exactly
// first; when the text changed a little since it was quoted (a number edited, a
// word added), approx-string-match finds the closest passage within
// MAX_ERROR_RATE of the quote's length, and the context picks between equal
// candidates. A re-attached anchor is reported as changed, so the thread shows
// "text changed" with the old quote rather than being dropped.
import search from 'approx-string-match';
import type { SerializedNode, SerializedState } from '../../../shared/lexical-json';

export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export type PlaceResult =
  | {
      ok: true;
      state: SerializedState;
      /** The words now marked differ from the quote (re-attached by approximate match). */
      changed: boolean;
      /** The words now marked, and their context in the section. */
      found: string;
      prefix: string;
      suffix: string;
    }
  | { ok: false; reason: string };

/** At most this share of the quote's characters may differ for the anchor to be re-attached (80% similar). */
export const MAX_ERROR_RATE = 0.2;
/** Characters of context kept either side of a quote. */
export const CONTEXT_CHARS = 32;

const INLINE = new Set(['text', 'mark', 'link', 'autolink', 'linebreak', 'tab']);

/** Spaces and tabs as one space, line breaks as one; what Word and the editor both agree on. */
export function normaliseQuote(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

interface Segment {
  /** The text node, and the node whose children it is in. */
  node: SerializedNode;
  parent: SerializedNode;
  start: number;
  end: number;
}

/** The section's text as one string (blocks separated by line breaks), and where each text node is in it. */
export function flatten(state: SerializedState): { text: string; segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  const visit = (node: SerializedNode) => {
    for (const child of node.children ?? []) {
      if (child.type === 'text' && typeof child.text === 'string') {
        segments.push({ node: child, parent: node, start: text.length, end: text.length + child.text.length });
        text += child.text;
      } else if (child.type === 'linebreak') text += '\n';
      else if (child.type === 'tab') text += '\t';
      else {
        visit(child);
        if (!INLINE.has(child.type) && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  visit(state.root);
  return { text, segments };
}

/** Characters the two strings share at the end of `a` and the start... measured both ways for context. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export interface Located {
  start: number;
  end: number;
  errors: number;
}

/** Where in `text` the selector best fits: exact first, then within the error threshold; null when nowhere. */
export function locate(text: string, selector: QuoteSelector): Located | null {
  const exact = normaliseQuote(selector.exact);
  if (!exact) return null;
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  const context = (start: number, end: number) =>
    commonSuffix(text.slice(Math.max(0, start - prefix.length), start), prefix) + commonPrefix(text.slice(end, end + suffix.length), suffix);
  let best: (Located & { score: number }) | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score = context(at, at + exact.length);
    if (!best || score > best.score) best = { start: at, end: at + exact.length, errors: 0, score };
  }
  if (best) return { start: best.start, end: best.end, errors: 0 };
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors < 1) return null;
  for (const match of search(text, exact, maxErrors)) {
    const score = context(match.start, match.end);
    if (!best || match.errors < best.errors || (match.errors === best.errors && score > best.score)) {
      best = { start: match.start, end: match.end, errors: match.errors, score };
    }
  }
  if (!best) return null;
  // Whole words: a match that starts or ends inside a word grows to the word's edge.
  let { start, end } = best;
  while (start > 0 && /\w/.test(text[start - 1]!) && /\w/.test(text[start]!)) start--;
  while (end < text.length && /\w/.test(text[end]!) && /\w/.test(text[end - 1]!)) end++;
  // Line breaks at either edge are not words.
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, errors: best.errors };
}

function markNode(ids: string[], children: SerializedNode[]): SerializedNode {
  return { type: 'mark', version: 1, ids, direction: null, format: '', indent: 0, children };
}

/** Wraps characters [from, to) of one text node in a mark with the thread id (inside an existing mark: adds the id). */
function wrap(segment: Segment, from: number, to: number, threadId: string): void {
  const { node, parent } = segment;
  const text = node.text as string;
  const before = text.slice(0, from);
  const middle = text.slice(from, to);
  const after = text.slice(to);
  const siblings = parent.children!;
  const index = siblings.indexOf(node);
  if (parent.type === 'mark') {
    const ids = Array.isArray(parent.ids) ? (parent.ids as string[]) : [];
    if (!ids.includes(threadId)) parent.ids = [...ids, threadId];
    return;
  }
  const pieces: SerializedNode[] = [];
  if (before) pieces.push({ ...node, text: before });
  pieces.push(markNode([threadId], [{ ...node, text: middle }]));
  if (after) pieces.push({ ...node, text: after });
  siblings.splice(index, 1, ...pieces);
}

/**
 * Marks the passage `selector` fits best (see `locate`), across formatting and
 * paragraphs. Leaves the content unchanged and says why when nothing is close
 * enough, so the comment is kept unplaced instead.
 */
export function placeMark(state: SerializedState, selector: QuoteSelector | string, threadId: string): PlaceResult {
  const wanted = typeof selector === 'string' ? { exact: selector } : selector;
  const exact = normaliseQuote(wanted.exact);
  if (!exact) return { ok: false, reason: 'The comment has no quoted text to anchor to.' };
  const copy = structuredClone(state);
  const { text, segments } = flatten(copy);
  const found = locate(text, { ...wanted, exact });
  if (!found || found.end <= found.start) {
    return { ok: false, reason: `The words “${excerpt(exact)}” are no longer in the section, nor any close to them.` };
  }
  // Later segments first, so splitting one leaves the earlier ones where they were.
  for (const segment of [...segments].reverse()) {
    const from = Math.max(found.start, segment.start);
    const to = Math.min(found.end, segment.end);
    if (from < to) wrap(segment, from - segment.start, to - segment.start, threadId);
  }
  const words = text.slice(found.start, found.end);
  return {
    ok: true,
    state: copy,
    changed: normaliseQuote(words) !== exact,
    found: words,
    prefix: text.slice(Math.max(0, found.start - CONTEXT_CHARS), found.start),
    suffix: text.slice(found.end, found.end + CONTEXT_CHARS),
  };
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
