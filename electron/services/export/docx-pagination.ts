// The contents' page numbers of a Word export, worked out by our own page
// layout of the body docx is about to write, and written as the TOC field's
// result: the contents reads right in any viewer and Word still updates it on
// request. docx's own layout engine (docx/layout) follows Word closely but
// works word by word through every run (about 3 s for two sections); this one
// breaks lines with Arial's real advance widths (docx-font-widths.ts) and
// lays out pages block by block:
// - paragraph styles resolved from the house style's Word styles (size, bold,
//   spacing before and after, line spacing, indents, keep with next, keep lines
//   together, page break before), with the paragraph's own settings over them;
// - greedy line breaking at spaces, per run size and weight; list indents;
//   pictures in the line as tall as they are drawn;
// - widow and orphan control (two lines), keep-with-next chains (a heading is
//   never last on a page), space before dropped at the top of a page after a
//   natural break;
// - tables by rows that do not split (as ours are written), cell margins,
//   header rows repeated on each page, a row taller than a page broken;
// - each section's page size, orientation and margins, a new page per section.
// Numbers are right where the lines break as LibreOffice and Word break them:
// in the test against LibreOffice's rendering, within one page everywhere.
import type { IContext, IXmlableObject, PageNumberEstimator } from 'docx';
import type { HouseStyle } from '../../../shared/export';
import type { Block, DocumentModel, Inline } from './model/document';
import { BOLD, REGULAR } from './docx-font-widths';
import { docxStyles } from './docx-styles';

// ---------------------------------------------------------------- font widths

function widthTable(encoded: string): Float64Array {
  const table = new Float64Array(0x2300).fill(-1);
  for (const pair of encoded.split(',')) {
    const [code, width] = pair.split(':');
    table[parseInt(code!, 36)] = parseInt(width!, 36);
  }
  return table;
}

const WIDTHS = { regular: widthTable(REGULAR), bold: widthTable(BOLD) };
/** An average lower-case letter, for characters the tables do not hold. */
const UNKNOWN_WIDTH = 556;
/** Arial's line height (ascent, descent and line gap) per point of size. */
const LINE_HEIGHT_PER_PT = 2288 / 2048;

function charWidth(table: Float64Array, code: number): number {
  const w = code < table.length ? table[code]! : -1;
  return w >= 0 ? w : UNKNOWN_WIDTH;
}

// ---------------------------------------------------------------- styles

interface ParaStyle {
  sizeHalfPt: number;
  bold: boolean;
  before: number;
  after: number;
  /** Line spacing in 240ths of a line (276 = 1.15). */
  line: number;
  indentLeft: number;
  indentRight: number;
  keepNext: boolean;
  keepLines: boolean;
  pageBreakBefore: boolean;
}

interface StyleOptions {
  id: string;
  basedOn?: string;
  paragraph?: {
    spacing?: { before?: number; after?: number; line?: number };
    indent?: { left?: number | string; right?: number | string };
    keepNext?: boolean;
    keepLines?: boolean;
    pageBreakBefore?: boolean;
  };
  run?: { size?: number | string; bold?: boolean };
}

const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : fallback;

/** Each paragraph style of the house style resolved through its basedOn chain, by id ('' is the document default). */
function resolvedStyles(style: HouseStyle): Map<string, ParaStyle> {
  const options = docxStyles(style);
  const defaults = options.default?.document;
  const base: ParaStyle = {
    sizeHalfPt: num(defaults?.run?.size, 24),
    bold: false,
    before: num(defaults?.paragraph?.spacing?.before, 0),
    after: num(defaults?.paragraph?.spacing?.after, 0),
    line: num(defaults?.paragraph?.spacing?.line, 240),
    indentLeft: 0,
    indentRight: 0,
    keepNext: false,
    keepLines: false,
    pageBreakBefore: false,
  };
  const byId = new Map<string, StyleOptions>();
  for (const s of (options.paragraphStyles ?? []) as StyleOptions[]) byId.set(s.id, s);
  const resolved = new Map<string, ParaStyle>([['', base]]);
  const resolve = (id: string, depth = 0): ParaStyle => {
    const known = resolved.get(id);
    if (known) return known;
    const s = byId.get(id);
    if (!s || depth > 10) return base;
    const parent = s.basedOn && s.basedOn !== 'Normal' ? resolve(s.basedOn, depth + 1) : base;
    const p = s.paragraph ?? {};
    const out: ParaStyle = {
      sizeHalfPt: num(s.run?.size, parent.sizeHalfPt),
      bold: s.run?.bold ?? parent.bold,
      before: num(p.spacing?.before, parent.before),
      after: num(p.spacing?.after, parent.after),
      line: num(p.spacing?.line, parent.line),
      indentLeft: num(p.indent?.left, parent.indentLeft),
      indentRight: num(p.indent?.right, parent.indentRight),
      keepNext: p.keepNext ?? parent.keepNext,
      keepLines: p.keepLines ?? parent.keepLines,
      pageBreakBefore: p.pageBreakBefore ?? parent.pageBreakBefore,
    };
    resolved.set(id, out);
    return out;
  };
  for (const id of byId.keys()) resolve(id);
  return resolved;
}

// ---------------------------------------------------------------- the XML docx formats

type Node = Record<string, unknown>;

function nameOf(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  for (const key in node) if (key !== '_attr') return key;
  return '';
}

function childrenOf(node: unknown): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Node)[nameOf(node)];
  return Array.isArray(value) ? value : [];
}

function attrOf(node: unknown, key: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Node)[nameOf(node)];
  const holder = Array.isArray(value) ? value.find((c) => c && typeof c === 'object' && '_attr' in c) : value;
  return holder && typeof holder === 'object' ? ((holder as Node)['_attr'] as Node | undefined)?.[key] : undefined;
}

function child(node: unknown, name: string): unknown {
  return childrenOf(node).find((c) => nameOf(c) === name);
}

/** A flag element (`<w:b/>`, `<w:keepNext/>`) is on unless its val says off. */
function flag(node: unknown): boolean | undefined {
  if (!node) return undefined;
  const val = attrOf(node, 'w:val');
  return !(val === false || val === 'false' || val === 0 || val === '0');
}

// ---------------------------------------------------------------- measuring paragraphs

interface Geometry {
  width: number;
  height: number;
}

/** A paragraph measured for a width: its lines' heights and what keeps it together. */
interface Measured {
  kind: 'p';
  before: number;
  after: number;
  lines: number[];
  keepNext: boolean;
  keepLines: boolean;
  pageBreakBefore: boolean;
  bookmarks: string[];
}

interface MeasuredTable {
  kind: 'tbl';
  rows: number[];
  headerRows: number;
  bookmarks: string[][];
}

type Item = Measured | MeasuredTable;

interface Context {
  styles: Map<string, ParaStyle>;
}

const LIST_INDENT = Math.round(0.63 * 566.93);

function measureParagraph(p: unknown, width: number, ctx: Context): Measured {
  const pPr = child(p, 'w:pPr');
  const styleId = String(attrOf(child(pPr, 'w:pStyle'), 'w:val') ?? '');
  const style = ctx.styles.get(styleId) ?? ctx.styles.get('')!;
  const spacing = child(pPr, 'w:spacing');
  const indent = child(pPr, 'w:ind');
  const numPr = child(pPr, 'w:numPr');
  const level = numPr ? num(attrOf(child(numPr, 'w:ilvl'), 'w:val'), 0) : -1;
  let left = num(attrOf(indent, 'w:left') ?? attrOf(indent, 'w:start'), level >= 0 ? LIST_INDENT * (level + 1) : style.indentLeft);
  const right = num(attrOf(indent, 'w:right') ?? attrOf(indent, 'w:end'), style.indentRight);
  if (left < 0) left = 0;
  const lineRule = attrOf(spacing, 'w:lineRule');
  const line = num(attrOf(spacing, 'w:line'), style.line);
  const available = Math.max(width - left - right, 600);
  const bookmarks: string[] = [];

  // Line breaking: a word's width is added up character by character; a line breaks at the last space that fits.
  const lines: number[] = [];
  let lineWidth = 0;
  let wordWidth = 0;
  let pendingSpace = 0;
  let lineSize = 0;
  let wordSize = 0;
  let imageHeight = 0;
  const lineHeight = (sizeHalfPt: number) => {
    const natural = (sizeHalfPt / 2) * 20 * LINE_HEIGHT_PER_PT;
    if (lineRule === 'exact') return line;
    if (lineRule === 'atLeast') return Math.max(line, natural);
    return (natural * line) / 240;
  };
  const endLine = () => {
    lines.push(Math.max(lineHeight(lineSize || style.sizeHalfPt), imageHeight));
    lineWidth = 0;
    pendingSpace = 0;
    lineSize = 0;
    imageHeight = 0;
  };
  const commitWord = () => {
    if (wordWidth === 0) return;
    if (lineWidth > 0 && lineWidth + pendingSpace + wordWidth > available) endLine();
    else lineWidth += pendingSpace;
    // A word wider than the line is broken wherever it reaches the edge.
    while (wordWidth > available) {
      lineSize = Math.max(lineSize, wordSize);
      endLine();
      wordWidth -= available;
    }
    lineWidth += wordWidth;
    lineSize = Math.max(lineSize, wordSize);
    wordWidth = 0;
    wordSize = 0;
    pendingSpace = 0;
  };

  const text = (value: string, bold: boolean, sizeHalfPt: number) => {
    const table = bold ? WIDTHS.bold : WIDTHS.regular;
    // Widths are in thousandths of an em; twips = width * size(pt) * 20 / 1000.
    const scale = sizeHalfPt / 100;
    const space = charWidth(table, 32) * scale;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code === 32 || code === 9) {
        commitWord();
        pendingSpace += code === 9 ? 720 : space;
        lineSize = Math.max(lineSize, sizeHalfPt);
      } else {
        wordWidth += charWidth(table, code) * scale;
        if (sizeHalfPt > wordSize) wordSize = sizeHalfPt;
      }
    }
  };

  const run = (r: unknown) => {
    const rPr = child(r, 'w:rPr');
    const bold = flag(child(rPr, 'w:b')) ?? style.bold;
    const size = num(attrOf(child(rPr, 'w:sz'), 'w:val'), style.sizeHalfPt);
    for (const c of childrenOf(r)) {
      const name = nameOf(c);
      if (name === 'w:t') {
        for (const part of childrenOf(c)) if (typeof part === 'string') text(part, bold, size);
      } else if (name === 'w:tab') {
        commitWord();
        // A right-aligned tab (the contents' page numbers) takes what is left of the line; others a 1.27 cm stop.
        pendingSpace += 720;
      } else if (name === 'w:br') {
        commitWord();
        lineSize = Math.max(lineSize, size);
        endLine();
      } else if (name === 'w:drawing') {
        commitWord();
        const extent = findDeep(c, 'wp:extent');
        const cx = num(attrOf(extent, 'cx'), 0) / 635;
        const cy = num(attrOf(extent, 'cy'), 0) / 635;
        if (lineWidth > 0 && lineWidth + cx > available) endLine();
        lineWidth += cx;
        imageHeight = Math.max(imageHeight, cy);
      }
    }
  };

  const walk = (node: unknown) => {
    for (const c of childrenOf(node)) {
      const name = nameOf(c);
      if (name === 'w:r') run(c);
      else if (name === 'w:bookmarkStart') bookmarks.push(String(attrOf(c, 'w:name') ?? ''));
      else if (name === 'w:pPr' || name === 'w:rPr' || name === 'w:instrText' || name === '') continue;
      else walk(c);
    }
  };
  walk(p);
  commitWord();
  if (lineWidth > 0 || lines.length === 0 || imageHeight > 0) endLine();

  return {
    kind: 'p',
    before: num(attrOf(spacing, 'w:before'), style.before),
    after: num(attrOf(spacing, 'w:after'), style.after),
    lines,
    keepNext: flag(child(pPr, 'w:keepNext')) ?? style.keepNext,
    keepLines: flag(child(pPr, 'w:keepLines')) ?? style.keepLines,
    pageBreakBefore: flag(child(pPr, 'w:pageBreakBefore')) ?? style.pageBreakBefore,
    bookmarks,
  };
}

function findDeep(node: unknown, name: string, depth = 0): unknown {
  if (depth > 12) return undefined;
  for (const c of childrenOf(node)) {
    if (nameOf(c) === name) return c;
    const found = findDeep(c, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A block's height when laid out in one piece (space before and after included). */
function stackHeight(items: readonly Item[]): number {
  let h = 0;
  for (const item of items) h += item.kind === 'p' ? item.before + item.lines.reduce((a, b) => a + b, 0) + item.after : item.rows.reduce((a, b) => a + b, 0);
  return h;
}

const CELL_MARGINS = 200;
/** Half a point of border under each row. */
const ROW_BORDER = 10;

function measureTable(tbl: unknown, width: number, ctx: Context): MeasuredTable {
  const grid = childrenOf(child(tbl, 'w:tblGrid'))
    .filter((c) => nameOf(c) === 'w:gridCol')
    .map((c) => num(attrOf(c, 'w:w'), 0));
  const fallbackColumn = grid.length ? 0 : width;
  const rows: number[] = [];
  const bookmarks: string[][] = [];
  let headerRows = 0;
  let counting = true;
  for (const tr of childrenOf(tbl)) {
    if (nameOf(tr) !== 'w:tr') continue;
    const trPr = child(tr, 'w:trPr');
    if (counting && flag(child(trPr, 'w:tblHeader'))) headerRows++;
    else counting = false;
    let column = 0;
    let height = 0;
    const marks: string[] = [];
    for (const tc of childrenOf(tr)) {
      if (nameOf(tc) !== 'w:tc') continue;
      const tcPr = child(tc, 'w:tcPr');
      const span = num(attrOf(child(tcPr, 'w:gridSpan'), 'w:val'), 1);
      const cellWidth = grid.length ? grid.slice(column, column + span).reduce((a, b) => a + b, 0) : fallbackColumn;
      column += span;
      const vMerge = child(tcPr, 'w:vMerge');
      if (vMerge && attrOf(vMerge, 'w:val') !== 'restart') continue;
      const items = measureBlocks(childrenOf(tc), Math.max(cellWidth - CELL_MARGINS, 300), ctx);
      for (const item of items) if (item.kind === 'p') marks.push(...item.bookmarks);
      height = Math.max(height, stackHeight(items));
    }
    rows.push(height + ROW_BORDER);
    bookmarks.push(marks);
  }
  return { kind: 'tbl', rows, headerRows, bookmarks };
}

function measureBlocks(nodes: readonly unknown[], width: number, ctx: Context): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === 'w:p') items.push(measureParagraph(node, width, ctx));
    else if (name === 'w:tbl') items.push(measureTable(node, width, ctx));
    else if (name === 'w:sdt') items.push(...measureBlocks(childrenOf(child(node, 'w:sdtContent')), width, ctx));
  }
  return items;
}

// ---------------------------------------------------------------- pages

interface Section {
  geometry: Geometry;
  nodes: unknown[];
}

function geometryOf(sectPr: unknown): Geometry {
  const size = child(sectPr, 'w:pgSz');
  const margin = child(sectPr, 'w:pgMar');
  const w = num(attrOf(size, 'w:w'), 11906);
  const h = num(attrOf(size, 'w:h'), 16838);
  return {
    width: w - num(attrOf(margin, 'w:left'), 1440) - num(attrOf(margin, 'w:right'), 1440),
    height: h - num(attrOf(margin, 'w:top'), 1440) - num(attrOf(margin, 'w:bottom'), 1440),
  };
}

/** The body's blocks split into sections, each with its page geometry (a section's properties end it). */
function sectionsOf(body: unknown): Section[] {
  const sections: Section[] = [];
  let nodes: unknown[] = [];
  for (const node of childrenOf(body)) {
    const name = nameOf(node);
    if (name === 'w:sectPr') {
      sections.push({ geometry: geometryOf(node), nodes });
      nodes = [];
      continue;
    }
    nodes.push(node);
    const sectPr = name === 'w:p' ? child(child(node, 'w:pPr'), 'w:sectPr') : undefined;
    if (sectPr) {
      sections.push({ geometry: geometryOf(sectPr), nodes });
      nodes = [];
    }
  }
  if (nodes.length) sections.push({ geometry: sections.at(-1)?.geometry ?? geometryOf(undefined), nodes });
  return sections;
}

const MIN_LINES = 2;

export interface PageLayout {
  /** The page (from 1) each bookmark starts on. */
  bookmarks: Map<string, number>;
  pageCount: number;
  sectionPageCounts: number[];
}

/** Lays the body's pages out. */
export function layoutBody(body: unknown, style: HouseStyle): PageLayout {
  const ctx: Context = { styles: resolvedStyles(style) };
  const bookmarks = new Map<string, number>();
  const sectionPageCounts: number[] = [];
  let page = 0;
  for (const section of sectionsOf(body)) {
    const { width, height } = section.geometry;
    const items = measureBlocks(section.nodes, width, ctx);
    const first = page + 1;
    page++;
    let y = 0;
    let naturalBreak = false;
    const newPage = () => {
      page++;
      y = 0;
      naturalBreak = true;
    };
    const mark = (names: readonly string[]) => {
      for (const name of names) if (name && !bookmarks.has(name)) bookmarks.set(name, page);
    };
    /** The height the start of an item needs on its page: a paragraph's first two lines, a table's first row with its header. */
    const startHeight = (item: Item | undefined): number => {
      if (!item) return 0;
      if (item.kind === 'tbl') return item.rows.slice(0, Math.max(item.headerRows + 1, 1)).reduce((a, b) => a + b, 0);
      return item.before + item.lines.slice(0, item.keepLines ? item.lines.length : MIN_LINES).reduce((a, b) => a + b, 0);
    };
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'tbl') {
        let header = 0;
        item.rows.forEach((rowHeight, r) => {
          if (y > 0 && y + rowHeight > height) {
            newPage();
            // Header rows are printed again at the top of each page the table continues on.
            if (r >= item.headerRows) y += header;
          }
          mark(item.bookmarks[r]!);
          y += rowHeight;
          if (r < item.headerRows) header += rowHeight;
          // A row taller than a page runs on over the pages it needs.
          while (y > height) {
            page++;
            y -= height;
          }
        });
        naturalBreak = false;
        continue;
      }
      if (item.pageBreakBefore && (y > 0 || naturalBreak)) newPage();
      if (item.pageBreakBefore) naturalBreak = false;
      // A chain of paragraphs kept with the next stays with the start of what follows it.
      if (item.keepNext && !(items[i - 1]?.kind === 'p' && (items[i - 1] as Measured).keepNext) && y > 0) {
        let need = 0;
        let j = i;
        while (j < items.length && items[j]!.kind === 'p' && (items[j] as Measured).keepNext) need += stackHeight([items[j++]!]);
        need += startHeight(items[j]);
        if (y + need > height && need <= height) newPage();
      }
      const before = y === 0 && naturalBreak ? 0 : item.before;
      const total = item.lines.reduce((a, b) => a + b, 0);
      if (y + before + total <= height) {
        mark(item.bookmarks);
        y += before + total + item.after;
        if (y > height) y = height;
        naturalBreak = false;
        continue;
      }
      // Split the paragraph over pages: no fewer than two lines at the foot or the top of a page.
      let rest = item.lines;
      let top = before;
      let marked = false;
      while (rest.length) {
        let fit = 0;
        let used = top;
        while (fit < rest.length && y + used + rest[fit]! <= height) used += rest[fit++]!;
        if (fit < rest.length) {
          if (item.keepLines && y > 0 && total <= height) fit = 0;
          else if (rest.length <= MIN_LINES * 2 - 1 && y > 0) fit = fit >= rest.length ? fit : 0;
          else {
            if (fit < MIN_LINES && y > 0) fit = 0;
            if (fit > 0 && rest.length - fit < MIN_LINES) fit = Math.max(rest.length - MIN_LINES, 0);
            if (fit === 0 && y === 0) fit = Math.max(1, Math.min(rest.length, Math.floor(height / (rest[0] || 1))));
          }
        }
        if (fit === 0) {
          newPage();
          top = 0;
          continue;
        }
        if (!marked) {
          mark(item.bookmarks);
          marked = true;
        }
        y += top + rest.slice(0, fit).reduce((a, b) => a + b, 0);
        rest = rest.slice(fit);
        top = 0;
        if (rest.length) newPage();
      }
      y += item.after;
      if (y > height) y = height;
      naturalBreak = false;
    }
    sectionPageCounts.push(page - first + 1);
  }
  return { bookmarks, pageCount: page, sectionPageCounts };
}

/** docx's page number estimator, from our layout of the body it is writing. */
export function estimatePageNumbers(style: HouseStyle): PageNumberEstimator {
  return (body: IXmlableObject, _context: IContext) => {
    const root = nameOf(body) === 'w:body' ? body : { 'w:body': [] };
    const layout = layoutBody(root, style);
    const bookmarks = new Map<string, string>();
    for (const [name, page] of layout.bookmarks) bookmarks.set(name, String(page));
    return { bookmarks, bookmarkPageNumbers: layout.bookmarks, pageCount: layout.pageCount, sectionPageCounts: layout.sectionPageCounts };
  };
}

// ---------------------------------------------------------------- which exports

function inlineChars(inlines: readonly Inline[]): number {
  let n = 0;
  for (const i of inlines) n += i.kind === 'text' ? i.text.length : i.kind === 'link' ? inlineChars(i.children) : 1;
  return n;
}

function blockChars(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'quote') n += inlineChars(b.inlines);
    else if (b.kind === 'list') n += b.items.reduce((sum, item) => sum + inlineChars(item.inlines) + item.lists.reduce((s, l) => s + blockChars([l]), 0), 0);
    else if (b.kind === 'table')
      for (const row of [...b.head, ...b.body]) for (const cell of row) n += 'text' in cell.content ? cell.content.text.length : blockChars(cell.content.blocks);
  }
  return n;
}

/** The document's text length in characters (headings, paragraphs, lists, tables). */
export function documentChars(model: DocumentModel): number {
  let n = model.cover ? blockChars([model.cover.table]) : 0;
  for (const section of model.sections) n += section.title.length + blockChars(section.blocks);
  for (const appendix of model.appendices) n += appendix.title.length + blockChars(appendix.blocks);
  return n;
}

/**
 * Whether the contents' page numbers are computed and written with the file: every document with a contents page
 * (the plan and the board paper), whatever its size (#14: a viewer that never updates fields shows them too).
 */
export function computesPageNumbers(model: DocumentModel): boolean {
  return model.contents;
}
