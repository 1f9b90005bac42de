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

type Scored = Located & { score: number };

/** How much of the selector's prefix and suffix surround [start, end) in `text`: picks between equal candidates. */
export function contextScore(text: string, selector: QuoteSelector, start: number, end: number): number {
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  return commonSuffix(text.slice(Math.max(0, start - prefix.length), start), prefix) + commonPrefix(text.slice(end, end + suffix.length), suffix);
}

/** The exact occurrence of the (normalised) quote with the most context around it; null when there is none. */
export function locateExact(text: string, selector: QuoteSelector): Located | null {
  const exact = normaliseQuote(selector.exact);
  if (!exact) return null;
  let best: Scored | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score = contextScore(text, selector, at, at + exact.length);
    if (!best || score > best.score) best = { start: at, end: at + exact.length, errors: 0, score };
  }
  return best && { start: best.start, end: best.end, errors: 0 };
}

/** The closest passage within the error threshold (for when the exact words are not there), grown to whole words; null when none. */
export function locateApprox(text: string, selector: QuoteSelector): Located | null {
  const exact = normaliseQuote(selector.exact);
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors < 1) return null;
  let best: Scored | null = null;
  for (const match of search(text, exact, maxErrors)) {
    const score = contextScore(text, selector, match.start, match.end);
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

/** Where in `text` the selector best fits: exact first, then within the error threshold; null when nowhere. */
export function locate(text: string, selector: QuoteSelector): Located | null {
  if (!normaliseQuote(selector.exact)) return null;
  return locateExact(text, selector) ?? locateApprox(text, selector);
}

function markNode(ids: string[], children: SerializedNode[]): SerializedNode {
  return { type: 'mark', version: 1, ids, direction: null, format: '', indent: 0, children };
}

/** A passage of a section's flattened text (see `flatten`) to mark for a thread. */
export interface MarkRange {
  start: number;
  end: number;
  threadId: string;
}

/**
 * Wraps every range in marks carrying its thread id, in one pass over the
 * section (#13: an import marks thousands of passages; one pass per section,
 * not one per comment). Text already inside a mark gets the ids added to that
 * mark; elsewhere each piece of a text node is wrapped in a mark with the ids
 * of the ranges covering it. The text itself is unchanged, so offsets found
 * in the flattened text before marking still hold after it.
 */
export function markRanges(state: SerializedState, ranges: readonly MarkRange[]): SerializedState {
  const copy = structuredClone(state);
  if (!ranges.length) return copy;
  const { segments } = flatten(copy);
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  let next = 0;
  let active: MarkRange[] = [];
  for (const segment of segments) {
    while (next < sorted.length && sorted[next]!.start < segment.end) active.push(sorted[next++]!);
    active = active.filter((r) => r.end > segment.start);
    const covering = active.filter((r) => r.start < segment.end);
    if (!covering.length || segment.end === segment.start) continue;
    const { node, parent } = segment;
    if (parent.type === 'mark') {
      const ids = Array.isArray(parent.ids) ? (parent.ids as string[]) : [];
      parent.ids = [...ids, ...covering.map((r) => r.threadId).filter((id, i, all) => !ids.includes(id) && all.indexOf(id) === i)];
      continue;
    }
    const text = node.text as string;
    const cuts = new Set([0, text.length]);
    for (const r of covering) {
      cuts.add(Math.max(0, r.start - segment.start));
      cuts.add(Math.min(text.length, r.end - segment.start));
    }
    const edges = [...cuts].sort((a, b) => a - b);
    const pieces: SerializedNode[] = [];
    for (let i = 0; i + 1 < edges.length; i++) {
      const from = edges[i]!;
      const to = edges[i + 1]!;
      const piece = { ...node, text: text.slice(from, to) };
      const ids = covering.filter((r) => r.start <= segment.start + from && r.end >= segment.start + to).map((r) => r.threadId);
      pieces.push(ids.length ? markNode([...new Set(ids)], [piece]) : piece);
    }
    const siblings = parent.children!;
    siblings.splice(siblings.indexOf(node), 1, ...pieces);
  }
  return copy;
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
  const { text } = flatten(state);
  const found = locate(text, { ...wanted, exact });
  if (!found || found.end <= found.start) {
    return { ok: false, reason: `The words “${excerpt(exact)}” are no longer in the section, nor any close to them.` };
  }
  const copy = markRanges(state, [{ start: found.start, end: found.end, threadId }]);
  return { ok: true, state: copy, ...describeFound(text, found, exact) };
}

/** What a placed anchor reports: the words marked, whether they differ from the quote, and their context. */
export function describeFound(text: string, found: Located, exact: string): { changed: boolean; found: string; prefix: string; suffix: string } {
  const words = text.slice(found.start, found.end);
  return {
    changed: normaliseQuote(words) !== normaliseQuote(exact),
    found: words,
    prefix: text.slice(Math.max(0, found.start - CONTEXT_CHARS), found.start),
    suffix: text.slice(found.end, found.end + CONTEXT_CHARS),
  };
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
