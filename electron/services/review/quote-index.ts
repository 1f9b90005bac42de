// #13: finding thousands of quotes in a 300,000-word plan at once. Every
// section's text (as anchors.ts flattens it) is indexed once by the words it
// holds; a quote is looked up by its rarest whole word and checked only where
// that word is, instead of scanning the plan for every comment. Sections are
// joined with a character no quote holds, so no match runs across two.
import { contextScore, locateApprox, MAX_ERROR_RATE, normaliseQuote, type Located, type QuoteSelector } from './anchors';

const WORD = /[\p{L}\p{N}]+/gu;
const SEPARATOR = '\u0000';
/** Approximate matching looks around the quote's rarest whole words, this many of them. */
const APPROX_ANCHOR_WORDS = 2;
/** Characters of the text kept either side of a window, for the quote's context and whole-word edges. */
const WINDOW_MARGIN = 48;

export interface IndexedText {
  id: string;
  text: string;
}

export class QuoteIndex {
  private readonly joined: string;
  /** Where each text starts in `joined`, in order. */
  private readonly starts: number[] = [];
  private readonly positions = new Map<string, number[]>();

  constructor(private readonly texts: readonly IndexedText[]) {
    let at = 0;
    for (const { text } of texts) {
      this.starts.push(at);
      at += text.length + SEPARATOR.length;
    }
    this.joined = texts.map((t) => t.text).join(SEPARATOR);
    for (const match of this.joined.matchAll(WORD)) {
      const list = this.positions.get(match[0]);
      if (list) list.push(match.index);
      else this.positions.set(match[0], [match.index]);
    }
  }

  /** The text holding offset `at` of the joined text. */
  private textAt(at: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * The exact occurrence of the quote with the most context around it, across
   * every text (the earliest wins a tie); null when the words are nowhere.
   */
  findExact(selector: QuoteSelector): { id: string; found: Located } | null {
    const exact = normaliseQuote(selector.exact);
    if (!exact || exact.includes(SEPARATOR)) return null;
    // A word inside the quote (not at either edge, where the quote may cut a word) is a whole word wherever the quote is.
    let rarest: { offset: number; list: number[] } | null = null;
    for (const match of exact.matchAll(WORD)) {
      if (match.index === 0 || match.index + match[0].length === exact.length) continue;
      const list = this.positions.get(match[0]) ?? [];
      if (!rarest || list.length < rarest.list.length) rarest = { offset: match.index, list };
      if (!list.length) return null;
    }
    const candidates: number[] = [];
    if (rarest) {
      for (const at of rarest.list) if (this.joined.startsWith(exact, at - rarest.offset)) candidates.push(at - rarest.offset);
    } else {
      // One or two words: no whole word to look up; a plain scan, rare in real reviews.
      for (let at = this.joined.indexOf(exact); at >= 0; at = this.joined.indexOf(exact, at + 1)) candidates.push(at);
    }
    let best: { text: number; start: number; score: number } | null = null;
    for (const at of candidates) {
      const index = this.textAt(at);
      const start = at - this.starts[index]!;
      const score = contextScore(this.texts[index]!.text, selector, start, start + exact.length);
      if (!best || score > best.score) best = { text: index, start, score };
    }
    if (!best) return null;
    return { id: this.texts[best.text]!.id, found: { start: best.start, end: best.start + exact.length, errors: 0 } };
  }

  /**
   * The closest passage within the error threshold, across every text, for a
   * quote whose exact words are nowhere. Looked for only around where the
   * quote's two rarest whole words are: a passage changed only a little (a
   * number edited, a word added) keeps at least one of them; a quote with no
   * whole word inside it (one or two words) is looked for across each text.
   */
  findApprox(selector: QuoteSelector): { id: string; found: Located } | null {
    const exact = normaliseQuote(selector.exact);
    const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
    if (maxErrors < 1) return null;
    const interior = [...exact.matchAll(WORD)].filter((m) => m.index > 0 && m.index + m[0].length < exact.length).map((m) => m[0]);
    let windows: Array<[number, number]>;
    if (!interior.length) {
      windows = this.texts.map((t, i) => [this.starts[i]!, this.starts[i]! + t.text.length]);
    } else {
      const rarest = [...new Set(interior)]
        .map((word) => this.positions.get(word) ?? [])
        .sort((a, b) => a.length - b.length)
        .slice(0, APPROX_ANCHOR_WORDS);
      const reach = exact.length + maxErrors + WINDOW_MARGIN;
      const spans = rarest
        .flat()
        .sort((a, b) => a - b)
        .map((at): [number, number] => {
          // Each window within its own text, so windows never join across two.
          const index = this.textAt(at);
          const base = this.starts[index]!;
          return [Math.max(base, at - reach), Math.min(base + this.texts[index]!.text.length, at + reach)];
        });
      windows = [];
      for (const [from, to] of spans) {
        const last = windows[windows.length - 1];
        if (last && from <= last[1]) last[1] = Math.max(last[1], to);
        else windows.push([from, to]);
      }
    }
    let best: { text: number; found: Located; score: number } | null = null;
    for (const [from, to] of windows) {
      const index = this.textAt(from);
      const base = this.starts[index]!;
      const text = this.texts[index]!.text;
      const start = Math.max(0, from - base);
      const end = Math.min(text.length, to - base);
      if (end <= start) continue;
      const found = locateApprox(text.slice(start, end), selector);
      if (!found || found.end <= found.start) continue;
      const shifted = { start: found.start + start, end: found.end + start, errors: found.errors };
      const score = contextScore(text, selector, shifted.start, shifted.end);
      if (!best || shifted.errors < best.found.errors || (shifted.errors === best.found.errors && score > best.score)) best = { text: index, found: shifted, score };
    }
    return best && { id: this.texts[best.text]!.id, found: best.found };
  }
}
