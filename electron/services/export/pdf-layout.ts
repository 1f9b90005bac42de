// #14 pdf: the document model's blocks laid out for the PDF, before any page
// exists. Each block becomes slices (a line of a paragraph, an image, a table
// row's worth of cells) with drawing operations relative to the slice; the
// flow (pdf-flow.ts) puts slices onto pages, so a paragraph breaks between any
// two lines and a heading stays with what follows it. Every operation names
// the structure element its content belongs to (or none: an artifact), so the
// tagged structure comes from the same walk as the drawing.
import type { HouseStyle } from '../../../shared/export';
import { TEXT_FORMAT } from '../../../shared/lexical-json';
import type { Block, Inline, ListBlock, TableBlock, TableCell } from './model/document';
import type { Fonts, FontKey } from './pdf-text';
import { splitWords } from './pdf-text';
import { cellText, tableCaption, tableWidths } from './table-layout';

// ---------------------------------------------------------------- structure

/** Where a piece of content sits in the structure tree: filled with marked-content ids and annotations as pages are drawn. */
export class Slot {
  readonly refs: ({ page: unknown; mcid: number } | { page: unknown; annot: unknown })[] = [];
  constructor(readonly node: StructNode) {}
}

/** A structure element (PDF tag) with its children in reading order. */
export class StructNode {
  readonly kids: (StructNode | Slot)[] = [];
  constructor(
    readonly type: string,
    readonly attrs: Record<string, unknown> = {},
  ) {}

  add(type: string, attrs: Record<string, unknown> = {}): StructNode {
    const node = new StructNode(type, attrs);
    this.kids.push(node);
    return node;
  }

  /** The place for content drawn next (after any child element added so far). */
  slot(): Slot {
    const last = this.kids[this.kids.length - 1];
    if (last instanceof Slot) return last;
    const slot = new Slot(this);
    this.kids.push(slot);
    return slot;
  }
}

// ---------------------------------------------------------------- operations

export type Op =
  | { k: 'text'; x: number; y: number; font: FontKey; size: number; colour: string; tj: string; slot: Slot | null }
  | { k: 'rect'; x: number; y: number; w: number; h: number; fill: string | null; stroke: string | null; lw: number }
  | { k: 'line'; x1: number; y1: number; x2: number; y2: number; colour: string; lw: number }
  | { k: 'image'; x: number; y: number; w: number; h: number; png: Uint8Array; slot: Slot }
  | { k: 'link'; x: number; y: number; w: number; h: number; url: string | null; dest: string | null; label: string; slot: Slot }
  | { k: 'dest'; name: string; y: number }
  | { k: 'outline'; title: string; level: number }
  | { k: 'pageref'; anchor: string; right: number; y: number; font: FontKey; size: number; colour: string; slot: Slot };

export interface TableLayout {
  node: StructNode;
  head: RowLayout[];
  body: RowLayout[];
}

export interface CellLayout {
  x: number;
  w: number;
  rowSpan: number;
  slices: Slice[];
  fill: string | null;
  node: StructNode;
}

export interface RowLayout {
  cells: CellLayout[];
  /** Height from its own cells (those spanning one row), padding included. */
  h: number;
  pad: number;
  border: string;
}

export interface Slice {
  h: number;
  ops: Op[];
  /** Space above, dropped at the top of a page. */
  before?: number;
  /** Kept on the page with the slice after it (a heading's lines). */
  keep?: boolean;
  /** Starts a new page, turned as asked (or as the page before). */
  brk?: 'page' | 'portrait' | 'landscape';
  table?: TableLayout;
}

export function shift(ops: readonly Op[], dx: number, dy: number): Op[] {
  if (!dx && !dy) return ops as Op[];
  return ops.map((op) => {
    switch (op.k) {
      case 'line':
        return { ...op, x1: op.x1 + dx, x2: op.x2 + dx, y1: op.y1 + dy, y2: op.y2 + dy };
      case 'dest':
        return { ...op, y: op.y + dy };
      case 'outline':
        return op;
      case 'pageref':
        return { ...op, right: op.right + dx, y: op.y + dy };
      default:
        return { ...op, x: op.x + dx, y: op.y + dy };
    }
  });
}

// ---------------------------------------------------------------- context

export interface Ctx {
  fonts: Fonts;
  style: HouseStyle;
  size: number;
  /** Line height as a multiple of the size. */
  leading: number;
  colour: string;
  inCell: boolean;
  /** Heard of each character the font cannot draw. */
  missing: (char: string) => void;
  /** Named destinations and outline entries go with headings outside table cells. */
}

const PT_PER_CM = 72 / 2.54;

// ---------------------------------------------------------------- inline text and lines

export interface Run {
  text: string;
  font: FontKey;
  size: number;
  colour: string;
  underline: boolean;
  strike: boolean;
  slot: Slot;
  url: string | null;
  dest: string | null;
}

export type Piece = Run | { tab: true } | { br: true };

function fontFor(bold: boolean, italic: boolean): FontKey {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

export interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  size: number;
  colour: string;
}

/** The model's inlines as styled runs; links become Link elements under `node`. */
export function runs(ctx: Ctx, list: readonly Inline[], node: StructNode, base: RunStyle, out: Piece[] = [], link: { url: string; slot: Slot } | null = null): Piece[] {
  for (const inline of list) {
    if (inline.kind === 'text') {
      const bold = !!base.bold || (inline.format & TEXT_FORMAT.bold) !== 0;
      const italic = !!base.italic || (inline.format & TEXT_FORMAT.italic) !== 0;
      const text = ctx.fonts.clean(inline.text, ctx.missing);
      if (!text) continue;
      out.push({
        text,
        font: fontFor(bold, italic),
        size: base.size,
        colour: link ? ctx.style.headingColour : base.colour,
        underline: !!link || (inline.format & TEXT_FORMAT.underline) !== 0,
        strike: (inline.format & TEXT_FORMAT.strikethrough) !== 0,
        slot: link ? link.slot : node.slot(),
        url: link ? link.url : null,
        dest: null,
      });
    } else if (inline.kind === 'break') out.push({ br: true });
    else if (inline.kind === 'tab') out.push({ tab: true });
    else if (inline.kind === 'link' && !link) {
      const linkNode = node.add('Link');
      runs(ctx, inline.children, node, base, out, { url: inline.url, slot: linkNode.slot() });
    } else runs(ctx, inline.children, node, base, out, link);
  }
  return out;
}

export function plainRun(ctx: Ctx, text: string, slot: Slot, style: RunStyle): Run {
  return {
    text: ctx.fonts.clean(text, ctx.missing),
    font: fontFor(!!style.bold, !!style.italic),
    size: style.size,
    colour: style.colour,
    underline: false,
    strike: false,
    slot,
    url: null,
    dest: null,
  };
}

interface Token {
  run: Run | null;
  text: string;
  w: number;
  tj: string;
  space: boolean;
}

interface LineItem {
  run: Run;
  x: number;
  w: number;
  tj: string[];
}

export interface Line {
  items: LineItem[];
  w: number;
  size: number;
}

const TAB_STOP = 36;

/** Breaks runs into lines no wider than `width` (a word longer than a line is broken between characters). */
export function breakLines(ctx: Ctx, pieces: readonly Piece[], width: number): Line[] {
  const lines: Line[] = [];
  let tokens: Token[] = [];
  let x = 0;
  let size = 0;
  const finish = (hardBreak = false) => {
    // The space a line wraps at is not part of its width (alignment, underline), but it is still drawn, unseen, at the
    // line's end: text read out, copied or searched keeps its word breaks ("to 2030/31", not "to2030/31"). A line
    // ended by a line break gets one too.
    let end: Token | undefined;
    while (tokens.length && tokens[tokens.length - 1]!.space) {
      end = tokens.pop()!;
      x -= end.w;
    }
    const lastRun = [...tokens].reverse().find((t) => t.run)?.run ?? null;
    if (!end && hardBreak && lastRun) end = shapeToken(lastRun, ' ');
    const items: LineItem[] = [];
    let at = 0;
    for (const token of tokens) {
      const last = items[items.length - 1];
      if (token.run && last && last.run === token.run && last.x + last.w === at) {
        last.w += token.w;
        last.tj.push(token.tj);
      } else if (token.run) items.push({ run: token.run, x: at, w: token.w, tj: [token.tj] });
      at += token.w;
    }
    if (end?.run) {
      const last = items[items.length - 1];
      if (last && last.run === end.run && last.x + last.w === at) last.tj.push(end.tj);
      else items.push({ run: end.run, x: at, w: 0, tj: [end.tj] });
    }
    lines.push({ items, w: x, size: size || ctx.size });
    tokens = [];
    x = 0;
    size = 0;
  };
  const shapeToken = (run: Run, text: string): Token => {
    const shaped = ctx.fonts.shape(run.font, text);
    return { run, text, w: (shaped.width * run.size) / 1000, tj: shaped.tj, space: text === ' ' };
  };
  // A word may continue across runs (bold part of a word): gather the pieces up to the next space.
  let word: Token[] = [];
  let wordW = 0;
  const placeWord = () => {
    if (!word.length) return;
    if (x + wordW > width && tokens.some((t) => !t.space)) finish();
    if (wordW > width) {
      // Longer than a line: break between characters.
      for (const part of word) {
        for (const char of part.text) {
          const token = shapeToken(part.run!, char);
          if (x + token.w > width && tokens.length) finish();
          tokens.push(token);
          x += token.w;
          size = Math.max(size, part.run!.size);
        }
      }
    } else {
      for (const token of word) {
        tokens.push(token);
        size = Math.max(size, token.run!.size);
      }
      x += wordW;
    }
    word = [];
    wordW = 0;
  };
  for (const piece of pieces) {
    if ('br' in piece) {
      placeWord();
      finish(true);
      continue;
    }
    if ('tab' in piece) {
      placeWord();
      const gap = TAB_STOP - (x % TAB_STOP) || TAB_STOP;
      if (x + gap > width) finish();
      else {
        tokens.push({ run: null, text: '', w: gap, tj: '', space: false });
        x += gap;
      }
      continue;
    }
    for (const part of splitWords(piece.text)) {
      if (part === ' ') {
        placeWord();
        if (tokens.length) {
          const token = shapeToken(piece, ' ');
          tokens.push(token);
          x += token.w;
        }
      } else {
        const token = shapeToken(piece, part);
        word.push(token);
        wordW += token.w;
      }
    }
  }
  placeWord();
  if (tokens.length || !lines.length) finish();
  return lines;
}

/** A line's drawing operations, its top at y = 0. */
export function lineOps(ctx: Ctx, line: Line, x: number, leading: number): { ops: Op[]; h: number } {
  const h = line.size * leading;
  const ops: Op[] = [];
  for (const item of line.items) {
    const run = item.run;
    const baseline = (h - run.size) / 2 + (ctx.fonts.ascender * run.size) / 1000;
    ops.push({ k: 'text', x: x + item.x, y: baseline, font: run.font, size: run.size, colour: run.colour, tj: item.tj.join(' '), slot: run.slot });
    // A line's unseen end space alone: no underline, no link area.
    if (item.w === 0) continue;
    if (run.underline) {
      const y = baseline + run.size * 0.12;
      ops.push({ k: 'line', x1: x + item.x, y1: y, x2: x + item.x + item.w, y2: y, colour: run.colour, lw: Math.max(0.5, run.size / 16) });
    }
    if (run.strike) {
      const y = baseline - run.size * 0.28;
      ops.push({ k: 'line', x1: x + item.x, y1: y, x2: x + item.x + item.w, y2: y, colour: run.colour, lw: Math.max(0.5, run.size / 16) });
    }
    if (run.url || run.dest) ops.push({ k: 'link', x: x + item.x, y: 0, w: item.w, h, url: run.url, dest: run.dest, label: run.url ?? run.text, slot: run.slot });
  }
  return { ops, h };
}

/** Runs as line slices; `after` is added below the last line. */
export function textSlices(ctx: Ctx, pieces: readonly Piece[], x: number, width: number, opts: { align?: string; after?: number; leading?: number } = {}): Slice[] {
  const leading = opts.leading ?? ctx.leading;
  const slices: Slice[] = breakLines(ctx, pieces, width).map((line) => {
    const offset = opts.align === 'centre' ? (width - line.w) / 2 : opts.align === 'right' ? width - line.w : 0;
    const { ops, h } = lineOps(ctx, line, x + offset, leading);
    return { h, ops };
  });
  if (opts.after) slices[slices.length - 1]!.h += opts.after;
  return slices;
}

// ---------------------------------------------------------------- blocks

export function headingSize(style: HouseStyle, tag: number): number {
  const sizes = style.headingSizesPt;
  return tag <= 1 ? sizes.title : tag === 2 ? sizes.h1 : tag === 3 ? sizes.h2 : tag === 4 ? sizes.h3 : sizes.h4;
}

export interface HeadingOptions {
  /** H1-H6. */
  tag: number;
  text: string;
  anchor?: string;
  inlines?: readonly Inline[];
  size?: number;
  /** Whether it goes in the outline (every heading outside a table cell does). */
  outline?: boolean;
}

/** A heading: kept with what follows, a named destination and an outline entry on its first line. */
export function headingSlices(ctx: Ctx, parent: StructNode, x: number, width: number, opts: HeadingOptions): Slice[] {
  const node = parent.add(`H${opts.tag}`);
  const size = opts.size ?? headingSize(ctx.style, opts.tag);
  const pieces = opts.inlines
    ? runs(ctx, opts.inlines, node, { bold: true, size, colour: ctx.style.headingColour })
    : [plainRun(ctx, opts.text, node.slot(), { bold: true, size, colour: ctx.style.headingColour })];
  const slices = textSlices(ctx, pieces, x, width, { leading: 1.2 });
  slices[0]!.before = size * 1.0;
  slices[slices.length - 1]!.h += size * 0.5;
  for (const slice of slices) slice.keep = true;
  const first = slices[0]!.ops;
  if (opts.outline !== false) first.unshift({ k: 'outline', title: opts.text, level: opts.tag });
  if (opts.anchor) first.unshift({ k: 'dest', name: opts.anchor, y: 0 });
  return slices;
}

export function blockSlices(ctx: Ctx, blocks: readonly Block[], parent: StructNode, x: number, width: number): Slice[] {
  const out: Slice[] = [];
  const gap = ctx.inCell ? 0 : ctx.size * 0.6;
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph': {
        if (!block.inlines.length && !ctx.inCell) break;
        const node = parent.add('P');
        const indent = Math.min(block.indent, 8) * TAB_STOP;
        const pieces = runs(ctx, block.inlines, node, { italic: !!block.note, size: ctx.size, colour: ctx.colour });
        if (!pieces.length) pieces.push(plainRun(ctx, '', node.slot(), { size: ctx.size, colour: ctx.colour }));
        out.push(...textSlices(ctx, pieces, x + indent, width - indent, { align: block.align, after: gap }));
        break;
      }
      case 'heading': {
        if (!block.hasText) break;
        if (ctx.inCell) {
          const node = parent.add('P');
          out.push(...textSlices(ctx, runs(ctx, block.inlines, node, { bold: true, size: ctx.size, colour: ctx.colour }), x, width, { after: gap }));
        } else {
          const text = inlineText(block.inlines).replace(/\s+/g, ' ').trim();
          out.push(...headingSlices(ctx, parent, x, width, { tag: Math.min(block.level + 1, 6), text, inlines: block.inlines }));
        }
        break;
      }
      case 'quote': {
        const node = parent.add('BlockQuote');
        const inset = ctx.size * 1.2;
        const slices = textSlices(ctx, runs(ctx, block.inlines, node, { italic: true, size: ctx.size, colour: ctx.colour }), x + inset, width - inset);
        // The rule beside the quote is drawn line by line, so it follows the quote over a page break.
        for (const slice of slices) slice.ops.unshift({ k: 'rect', x, y: 0, w: 4.5, h: slice.h, fill: ctx.style.accentColour, stroke: null, lw: 0 });
        slices[0]!.before = ctx.size * 0.4;
        slices[slices.length - 1]!.h += ctx.size;
        out.push(...slices);
        break;
      }
      case 'list':
        out.push(...listSlices(ctx, block, parent, x, width));
        if (out.length) out[out.length - 1]!.h += gap;
        break;
      case 'table':
        if (ctx.inCell) {
          // A table inside a cell: its rows as lines of text (cells cannot hold a page-breaking table).
          const node = parent.add('P');
          const rows = [...block.head, ...block.body].map((row) => row.map(cellText).join(' | '));
          const pieces: Piece[] = rows.flatMap((row, i) => [
            ...(i ? [{ br: true } as const] : []),
            plainRun(ctx, row, node.slot(), { size: ctx.size, colour: ctx.colour }),
          ]);
          out.push(...textSlices(ctx, pieces, x, width));
        } else out.push(...tableSlices(ctx, block, parent, x, width));
        break;
      case 'image':
        out.push(imageSlice(ctx, block, parent, x, width, gap));
        break;
      case 'figure': {
        const caption = parent.add('Caption');
        out.push(
          ...textSlices(ctx, [plainRun(ctx, block.caption, caption.slot(), { bold: true, size: ctx.size, colour: ctx.colour })], x, width, { after: ctx.size * 0.3 }),
        );
        out[out.length - 1]!.keep = true;
        out.push(imageSlice(ctx, block.image, parent, x, width, gap));
        out.push(...tableSlices(ctx, block.table, parent, x, width));
        break;
      }
    }
  }
  return out;
}

function inlineText(list: readonly Inline[]): string {
  return list.map((i) => (i.kind === 'text' ? i.text : i.kind === 'break' || i.kind === 'tab' ? ' ' : inlineText(i.children))).join('');
}

function imageSlice(
  ctx: Ctx,
  block: { png: Uint8Array; pixels: { width: number; height: number }; altText: string; widthCm: number },
  parent: StructNode,
  x: number,
  width: number,
  gap: number,
): Slice {
  const node = parent.add('Figure', { alt: block.altText });
  const w = Math.min(width, block.widthCm * PT_PER_CM);
  const h = (w * block.pixels.height) / Math.max(1, block.pixels.width);
  return { h: h + gap, ops: [{ k: 'image', x, y: 0, w, h, png: block.png, slot: node.slot() }] };
}

function listSlices(ctx: Ctx, list: ListBlock, parent: StructNode, x: number, width: number): Slice[] {
  const node = parent.add('L');
  const numbered = list.style === 'number';
  const labelW = ctx.size * (numbered ? 2 : 1.4);
  const out: Slice[] = [];
  let number = list.start;
  let lastBody: StructNode | null = null;
  const itemGap = ctx.inCell ? 0 : ctx.size * 0.25;
  for (const item of list.items) {
    if (!item.inlines.length && item.lists.length && lastBody) {
      // Lexical keeps a nested list in an item of its own: it belongs to the item before.
      for (const nested of item.lists) out.push(...listSlices(ctx, nested, lastBody, x + labelW, width - labelW));
      continue;
    }
    const li = node.add('LI');
    const lbl = li.add('Lbl');
    const body = li.add('LBody');
    lastBody = body;
    const label =
      list.style === 'bullet'
        ? '\u2022'
        : list.style === 'check'
          ? ctx.fonts.canDraw(0x2610)
            ? item.checked
              ? '\u2611'
              : '\u2610'
            : item.checked
              ? '[x]'
              : '[ ]'
          : `${number++}.`;
    const slices = textSlices(ctx, runs(ctx, item.inlines, body, { size: ctx.size, colour: ctx.colour }), x + labelW, width - labelW);
    const labelLine = breakLines(ctx, [plainRun(ctx, label, lbl.slot(), { size: ctx.size, colour: ctx.colour })], labelW)[0]!;
    slices[0]!.ops.unshift(...lineOps(ctx, labelLine, x, ctx.leading).ops);
    slices[slices.length - 1]!.h += itemGap;
    out.push(...slices);
    for (const nested of item.lists) out.push(...listSlices(ctx, nested, body, x + labelW, width - labelW));
  }
  return out;
}

// ---------------------------------------------------------------- tables

export interface TableOptions {
  /** Text size of the table (the cover sheet's is 10 pt). */
  size?: number;
  leading?: number;
}

export function tableSlices(ctx: Ctx, block: TableBlock, parent: StructNode, x: number, width: number, opts: TableOptions = {}): Slice[] {
  const node = parent.add('Table');
  const out: Slice[] = [];
  const size = opts.size ?? ctx.size;
  const cellCtx: Ctx = { ...ctx, size, leading: opts.leading ?? ctx.leading, inCell: true };
  if (!block.captionIsHeading) {
    const caption = node.add('Caption');
    const slices = textSlices(ctx, [plainRun(ctx, tableCaption(block), caption.slot(), { bold: true, size: ctx.size, colour: ctx.colour })], x, width, {
      after: ctx.size * 0.3,
    });
    for (const slice of slices) slice.keep = true;
    slices[0]!.before = ctx.size * 0.3;
    out.push(...slices);
  }
  const compact = block.compact ?? block.columnCount >= 6;
  const pad = compact ? size * 0.2 : size * 0.35;
  const padX = compact ? size * 0.35 : size * 0.5;
  let widths = tableWidths(block);
  if (widths.length !== block.columnCount || widths.some((w) => !(w > 0))) widths = Array.from({ length: block.columnCount }, () => 1);
  const total = widths.reduce((a, b) => a + b, 0);
  const points = columnPoints(
    ctx,
    block,
    widths.map((w) => (w / total) * width),
    size,
    padX,
  );
  const colX: number[] = [];
  let at = x;
  for (const w of points) {
    colX.push(at);
    at += w;
  }
  colX.push(x + width);
  // Cells laid into the grid, skipping places taken by a cell spanning rows from above.
  const taken = new Set<string>();
  const rows = (list: TableCell[][], head: boolean, first: number): RowLayout[] =>
    list.map((cells, r) => {
      const tr = node.add('TR');
      const row: RowLayout = { cells: [], h: 0, pad, border: ctx.style.borderColour };
      let col = 0;
      for (const cell of cells) {
        while (taken.has(`${first + r},${col}`)) col++;
        if (col >= block.columnCount) break;
        const span = Math.max(1, Math.min(cell.colSpan, block.columnCount - col));
        const rowSpan = Math.max(1, cell.rowSpan);
        for (let i = 1; i < rowSpan; i++) for (let c = 0; c < span; c++) taken.add(`${first + r + i},${col + c}`);
        const th = head || cell.rowHeading;
        const td = tr.add(th ? 'TH' : 'TD', th ? { scope: head ? 'Column' : 'Row' } : {});
        const cx = colX[col]!;
        const cw = colX[col + span]! - cx;
        const colour = head ? 'FFFFFF' : ctx.colour;
        const inner = { ...cellCtx, colour };
        let slices: Slice[];
        if ('text' in cell.content) {
          const lines = cell.content.text.split('\n');
          slices = lines.flatMap((line, i) => {
            const pieces = line ? [plainRun(inner, line, td.slot(), { bold: th, size, colour })] : [];
            return textSlices(inner, pieces, padX, cw - 2 * padX, { after: i === lines.length - 1 ? 0 : 0 });
          });
        } else {
          const blocks = th ? cell.content.blocks.map((b) => (b.kind === 'paragraph' ? { ...b, inlines: b.inlines.map((i) => bolden(i)) } : b)) : cell.content.blocks;
          slices = blockSlices(inner, blocks, td, padX, cw - 2 * padX);
        }
        const contentH = slices.reduce((sum, s) => sum + s.h, 0);
        row.cells.push({ x: cx, w: cw, rowSpan, slices, fill: head ? ctx.style.accentColour : cell.rowHeading ? ctx.style.shadingColour : null, node: td });
        if (rowSpan === 1) row.h = Math.max(row.h, contentH + 2 * pad);
        col += span;
      }
      if (!row.h) row.h = size * cellCtx.leading + 2 * pad;
      return row;
    });
  const head = rows(block.head, true, 0);
  const body = rows(block.body, false, block.head.length);
  out.push({ h: 0, ops: [], table: { node, head, body }, before: ctx.inCell ? 0 : ctx.size * 0.2 });
  return out;
}

/**
 * Column widths in points: the shares asked for, but no column narrower than its longest word (measured in the
 * font, bold for header cells) where the table has room for that, so words are not broken between letters.
 */
function columnPoints(ctx: Ctx, block: TableBlock, shares: number[], size: number, padX: number): number[] {
  const need = shares.map(() => 0);
  const measure = (row: TableCell[], bold: boolean) => {
    let col = 0;
    for (const cell of row) {
      if (cell.colSpan === 1 && col < need.length) {
        for (const word of cellText(cell).split(/\s+/)) {
          if (word.length * size + 2 * padX <= need[col]!) continue;
          const w =
            ctx.fonts.width(
              bold ? 'bold' : 'regular',
              size,
              ctx.fonts.clean(word, () => undefined),
            ) +
            2 * padX +
            1;
          need[col] = Math.max(need[col]!, w);
        }
      }
      col += Math.max(1, cell.colSpan);
    }
  };
  block.head.forEach((row) => measure(row, true));
  block.body.forEach((row) => measure(row, false));
  const width = shares.reduce((a, b) => a + b, 0);
  // Where the longest words cannot all fit, each column gets the same fraction of what it needs.
  const scale = Math.min(
    1,
    width /
      Math.max(
        1,
        need.reduce((a, b) => a + b, 0),
      ),
  );
  for (let i = 0; i < need.length; i++) need[i]! *= scale;
  const out = [...shares];
  for (let round = 0; round < 4; round++) {
    const short = out.map((w, i) => Math.max(0, need[i]! - w));
    const missing = short.reduce((a, b) => a + b, 0);
    if (missing < 0.5) break;
    const spare = out.map((w, i) => (short[i]! > 0 ? 0 : Math.max(0, w - need[i]!)));
    const pool = spare.reduce((a, b) => a + b, 0);
    if (pool <= 0) break;
    const take = Math.min(1, missing / pool);
    for (let i = 0; i < out.length; i++) out[i] = short[i]! > 0 ? need[i]! : out[i]! - spare[i]! * take;
  }
  return out;
}

function bolden(inline: Inline): Inline {
  if (inline.kind === 'text') return { ...inline, format: inline.format | TEXT_FORMAT.bold };
  if (inline.kind === 'link' || inline.kind === 'mark') return { ...inline, children: inline.children.map(bolden) };
  return inline;
}
