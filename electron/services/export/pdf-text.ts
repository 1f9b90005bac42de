// #14 pdf: text for the PDF writer, set by hand rather than by pdfkit's text().
// pdfkit re-shapes every line it draws (fontkit, with GPOS kerning) and wraps
// word by word through its own measuring; the 300,000-word plan has only about
// 2,000 distinct words. Here each word is shaped once per font (its glyphs, its
// kerning and its width, cached), lines are broken from those widths, and a
// line is written as one TJ array per run. The glyphs go into pdfkit's font
// subset as its own encode() puts them, so the file keeps its ToUnicode map
// and widths (copying text gives the words).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FONT_FILES: Record<FontKey, string> = {
  regular: '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  bold: '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
  italic: '@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf',
};

/** A font file from node_modules (in the CommonJS bundles import.meta.url is empty: resolve from the bundle's own file). */
function fontPath(spec: string): string {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve(spec);
}

// The files are read once per process: every export embeds a subset of them.
const fontBytes = new Map<FontKey, Buffer>();
function fontFile(key: FontKey): Buffer {
  let bytes = fontBytes.get(key);
  if (!bytes) {
    bytes = fs.readFileSync(fontPath(FONT_FILES[key]));
    fontBytes.set(key, bytes);
  }
  return bytes;
}

/** What pdfkit's EmbeddedFont gives us (not in its type definitions). */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface EmbeddedFont {
  id: string;
  ascender: number;
  descender: number;
  scale: number;
  font: { hasGlyphForCodePoint(cp: number): boolean };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  layoutCached(text: string): { glyphs: Glyph[]; positions: { xAdvance: number; advanceWidth: number }[]; advanceWidth: number };
  ref(): unknown;
}

/** A word as drawn: its width in thousandths of the font size, and its TJ array elements (literal strings of glyph ids, kerning). */
export interface Shaped {
  width: number;
  tj: string;
}

export const REPLACEMENT = '\uFFFD';

/** The four Arimo faces of one document, with each word shaped once. */
export class Fonts {
  private readonly faces: Record<FontKey, EmbeddedFont>;
  private readonly cache: Record<FontKey, Map<string, Shaped>>;
  private readonly drawable = new Map<number, boolean>();
  /** The character drawn for one Arimo cannot draw. */
  readonly replacement: string;

  constructor(doc: PDFKit.PDFDocument) {
    const faces = {} as Record<FontKey, EmbeddedFont>;
    for (const key of Object.keys(FONT_FILES) as FontKey[]) {
      doc.registerFont(key, fontFile(key));
      doc.font(key);
      faces[key] = (doc as unknown as { _font: EmbeddedFont })._font;
    }
    this.faces = faces;
    this.cache = { regular: new Map(), bold: new Map(), italic: new Map(), boldItalic: new Map() };
    this.replacement = faces.regular.font.hasGlyphForCodePoint(0xfffd) ? REPLACEMENT : '?';
  }

  face(key: FontKey): EmbeddedFont {
    return this.faces[key];
  }

  /** Ascender of the regular face, in thousandths of the size. */
  get ascender(): number {
    return this.faces.regular.ascender;
  }

  /** Whether every face can draw the code point (the faces cover the same characters). */
  canDraw(cp: number): boolean {
    let ok = this.drawable.get(cp);
    if (ok === undefined) {
      ok = cp >= 0x20 && this.faces.regular.font.hasGlyphForCodePoint(cp);
      this.drawable.set(cp, ok);
    }
    return ok;
  }

  /**
   * Text with every character Arimo cannot draw replaced by a visible mark; `missing` hears of each one.
   * Almost all text is plain ASCII and passes straight through.
   */
  clean(text: string, missing: (char: string) => void): string {
    if (!/[^\x20-\x7e]/.test(text)) return text;
    let out = '';
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (cp >= 0x20 && cp <= 0x7e) out += char;
      else if (char === '\n' || char === '\t') out += ' ';
      else if (this.canDraw(cp)) out += char;
      else {
        missing(char);
        out += this.replacement;
      }
    }
    return out;
  }

  /** A word (no spaces) or a single space, shaped once per face. */
  shape(key: FontKey, word: string): Shaped {
    const cache = this.cache[key];
    let shaped = cache.get(word);
    if (shaped) return shaped;
    const face = this.faces[key];
    const run = face.layoutCached(word);
    let bytes = '';
    const parts: string[] = [];
    for (let i = 0; i < run.glyphs.length; i++) {
      const glyph = run.glyphs[i]!;
      const gid = face.subset.includeGlyph(glyph.id);
      bytes += byte(gid >> 8) + byte(gid & 255);
      if (face.widths[gid] == null) face.widths[gid] = glyph.advanceWidth * face.scale;
      if (face.unicode[gid] == null) face.unicode[gid] = glyph.codePoints;
      const position = run.positions[i]!;
      const kern = position.xAdvance - position.advanceWidth;
      if (kern !== 0) {
        parts.push(`(${bytes}) ${round(-kern)}`);
        bytes = '';
      }
    }
    if (bytes) parts.push(`(${bytes})`);
    shaped = { width: run.advanceWidth, tj: parts.join(' ') };
    cache.set(word, shaped);
    return shaped;
  }

  /** Width in points of a piece of text (words and spaces). */
  width(key: FontKey, size: number, text: string): number {
    let total = 0;
    for (const part of splitWords(text)) total += this.shape(key, part).width;
    return (total * size) / 1000;
  }

  /** TJ array elements for a piece of text. */
  tj(key: FontKey, text: string): string {
    return splitWords(text)
      .map((part) => this.shape(key, part).tj)
      .join(' ');
  }
}

/**
 * One byte of a glyph id in a PDF literal string (two bytes a glyph: half the size of hex, so less to compress):
 * the content is written as Latin-1, byte for character; parentheses, the backslash and line ends are escaped.
 */
function byte(b: number): string {
  if (b === 0x28 || b === 0x29 || b === 0x5c) return `\\${String.fromCharCode(b)}`;
  if (b === 0x0a) return '\\n';
  if (b === 0x0d) return '\\r';
  return String.fromCharCode(b);
}

/** Words and single spaces, in order. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 32) {
      if (i > start) out.push(text.slice(start, i));
      out.push(' ');
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

export type { PDFDocument };
