// A section's Lexical JSON as docx paragraphs and tables, in one walk and
// without a DOM: paragraphs, headings shifted below the section's level, text
// formats, links (http, https, mailto only), quotes, nested lists each with a
// numbering instance of its own, tables with explicit widths and repeating
// header rows, and comment ranges where reviewers' marks are. Formatting comes
// from named styles (docx-styles.ts), so paragraphs carry none of their own.
// Anything it cannot export faithfully throws UnsupportedContentError, and the
// caller falls back to the section's plain text.
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { SerializedNode } from '../../../shared/lexical-json';
import type { CommentAnchors } from './comments-docx';
import { childrenOf, followableUrl, formatOf, MAX_WALK_DEPTH, TEXT_FORMAT, textOf, UnsupportedContentError, xmlSafe } from './content-nodes';
import { headingStyleId, listLevels, NUMBERING, STYLE } from './docx-styles';
import { ContentHeadingLevels, headingTagLevels, tagLevel } from './outline';

export type DocxBlock = Paragraph | Table;

/** Numbering instances are counted across the whole document so every list restarts. */
export class ListInstances {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

export interface DocxWalkContext {
  /** Heading level of the section the content belongs to. */
  sectionLevel: number;
  textWidthTwips: number;
  lists: ListInstances;
  comments: CommentAnchors | null;
  colours: { accent: string; border: string; shading: string };
  /** Notes something a person should know about the export (a dropped link, a table without a header row). */
  warn(message: string): void;
}

interface Walk extends DocxWalkContext {
  headings: ContentHeadingLevels;
  /** The block before was a table: Word puts no space after a table, so the next block asks for some before it. */
  afterTable: boolean;
}

const SPACE_AFTER_TABLE = { spacing: { before: 200 } };

/** Spacing for the first block after a table (once). */
function gap(walk: Walk, cellStyle: CellStyle): { spacing?: { before: number } } {
  if (!walk.afterTable || cellStyle) return {};
  walk.afterTable = false;
  return SPACE_AFTER_TABLE;
}

/** The docx blocks for one section's content. Throws UnsupportedContentError. */
export function contentToDocx(root: SerializedNode, context: DocxWalkContext): DocxBlock[] {
  const walk: Walk = { ...context, headings: new ContentHeadingLevels(context.sectionLevel, headingTagLevels(root)), afterTable: false };
  const out: DocxBlock[] = [];
  for (const child of childrenOf(root)) {
    block(child, walk, out, 1, null);
    walk.afterTable = child.type === 'table';
  }
  return out;
}

/** Paragraph style inside a table cell (null at the top level). */
type CellStyle = string | null;

function block(node: SerializedNode, walk: Walk, out: DocxBlock[], depth: number, cellStyle: CellStyle): void {
  if (depth > MAX_WALK_DEPTH) throw new UnsupportedContentError('the content is nested too deeply');
  switch (node.type) {
    case 'paragraph': {
      const children = inlines(node, walk, depth);
      if (children.length === 0 && cellStyle === null) return;
      out.push(
        new Paragraph({
          children,
          ...(cellStyle ? { style: cellStyle } : {}),
          ...alignment(node),
          ...indent(node),
          ...gap(walk, cellStyle),
        }),
      );
      return;
    }
    case 'heading': {
      const children = inlines(node, walk, depth);
      const level = walk.headings.next(tagLevel(node.tag));
      if (!hasText(node)) {
        // An empty heading is no heading; keep only comment ranges it may carry.
        if (children.length) out.push(new Paragraph({ children }));
        return;
      }
      // Headings cannot live inside table cells without breaking the outline: drawn as bold text there.
      out.push(cellStyle ? new Paragraph({ children, style: STYLE.tableRowHeading }) : new Paragraph({ children, style: headingStyleId(level) }));
      return;
    }
    case 'quote':
      out.push(new Paragraph({ children: inlines(node, walk, depth), style: STYLE.quote, ...gap(walk, cellStyle) }));
      return;
    case 'list':
      list(node, walk, out, 0, depth, cellStyle);
      return;
    case 'table':
      out.push(table(node, walk, depth));
      return;
    default:
      throw new UnsupportedContentError(`it contains an element this export does not know ("${String(node.type).slice(0, 40)}")`);
  }
}

function hasText(node: SerializedNode): boolean {
  if (typeof node.text === 'string' && node.text.trim() !== '') return true;
  return Array.isArray(node.children) && (node.children as SerializedNode[]).some((child) => child && hasText(child));
}

function alignment(node: SerializedNode): { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } {
  // Justified text is harder to read; house style is left-aligned, so only centre and right are kept.
  if (node.format === 'center') return { alignment: AlignmentType.CENTER };
  if (node.format === 'right' || node.format === 'end') return { alignment: AlignmentType.RIGHT };
  return {};
}

function indent(node: SerializedNode): { indent?: { left: number } } {
  const level = typeof node.indent === 'number' ? Math.min(Math.max(Math.floor(node.indent), 0), 8) : 0;
  return level ? { indent: { left: 720 * level } } : {};
}

// ------------------------------------------------------------------ inline

function inlines(node: SerializedNode, walk: Walk, depth: number): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const child of childrenOf(node)) inline(child, walk, out, depth + 1, false);
  return out;
}

function inline(node: SerializedNode, walk: Walk, out: ParagraphChild[], depth: number, inLink: boolean): void {
  if (depth > MAX_WALK_DEPTH) throw new UnsupportedContentError('the content is nested too deeply');
  switch (node.type) {
    case 'text': {
      const text = xmlSafe(textOf(node));
      if (text) out.push(textRun(text, formatOf(node), inLink));
      return;
    }
    case 'linebreak':
      out.push(new TextRun({ break: 1 }));
      return;
    case 'tab':
      out.push(new TextRun({ children: [new Tab()] }));
      return;
    case 'link':
    case 'autolink': {
      const url = followableUrl(node.url);
      if (!url || inLink) {
        if (!url && typeof node.url === 'string' && node.url.trim()) {
          walk.warn(`A link to "${node.url.slice(0, 80)}" was exported as plain text: only web (http, https) and email (mailto) links are kept.`);
        }
        for (const child of childrenOf(node)) inline(child, walk, out, depth + 1, inLink);
        return;
      }
      const children: ParagraphChild[] = [];
      for (const child of childrenOf(node)) inline(child, walk, children, depth + 1, true);
      if (children.length) out.push(new ExternalHyperlink({ link: url, children }));
      return;
    }
    case 'mark': {
      const ids = Array.isArray(node.ids) ? (node.ids as unknown[]).filter((id): id is string => typeof id === 'string') : [];
      if (walk.comments && ids.length) out.push(...walk.comments.open(ids));
      for (const child of childrenOf(node)) inline(child, walk, out, depth + 1, inLink);
      if (walk.comments && ids.length) out.push(...walk.comments.close(ids));
      return;
    }
    default:
      throw new UnsupportedContentError(`it contains an element this export does not know ("${String(node.type).slice(0, 40)}")`);
  }
}

function textRun(text: string, format: number, inLink: boolean): TextRun {
  if (format === 0 && !inLink) return new TextRun(text);
  const options: { -readonly [K in keyof IRunOptions]: IRunOptions[K] } = { text };
  if (format & TEXT_FORMAT.bold) options.bold = true;
  if (format & TEXT_FORMAT.italic) options.italics = true;
  if (format & TEXT_FORMAT.strikethrough) options.strike = true;
  if (format & TEXT_FORMAT.underline) options.underline = {};
  if (format & TEXT_FORMAT.subscript) options.subScript = true;
  if (format & TEXT_FORMAT.superscript) options.superScript = true;
  if (format & TEXT_FORMAT.highlight) options.highlight = 'yellow';
  if (inLink) options.style = STYLE.hyperlink;
  return new TextRun(options);
}

// ------------------------------------------------------------------ lists

function list(node: SerializedNode, walk: Walk, out: DocxBlock[], level: number, depth: number, cellStyle: CellStyle): void {
  const numbered = node.listType === 'number';
  const checklist = node.listType === 'check';
  const start = typeof node.start === 'number' && Number.isInteger(node.start) && node.start > 1 ? Math.min(node.start, 32767) : 1;
  const reference =
    numbered && start !== 1
      ? { reference: `${NUMBERING.number}-${level}-from-${start}`, levels: listLevels('number', { level, start }) }
      : numbered
        ? NUMBERING.number
        : NUMBERING.bullet;
  const numbering = { reference, level: Math.min(level, 8), instance: walk.lists.take() };
  for (const item of childrenOf(node)) {
    if (item.type !== 'listitem') throw new UnsupportedContentError(`a list contains "${String(item.type).slice(0, 40)}"`);
    const runs: ParagraphChild[] = [];
    const nested: SerializedNode[] = [];
    for (const child of childrenOf(item)) {
      if (child.type === 'list') nested.push(child);
      else inline(child, walk, runs, depth + 2, false);
    }
    if (runs.length || nested.length === 0) {
      if (checklist) runs.unshift(new TextRun(item.checked === true ? '\u2611 ' : '\u2610 '));
      out.push(new Paragraph({ children: runs, numbering, ...(cellStyle ? { style: cellStyle } : {}), ...gap(walk, cellStyle) }));
    }
    for (const child of nested) list(child, walk, out, level + 1, depth + 2, cellStyle);
  }
}

// ------------------------------------------------------------------ tables

const HEADER_ROW = 1;
const HEADER_COLUMN = 2;

function table(node: SerializedNode, walk: Walk, depth: number): Table {
  const rows = childrenOf(node).map((row) => {
    if (row.type !== 'tablerow') throw new UnsupportedContentError(`a table contains "${String(row.type).slice(0, 40)}"`);
    return childrenOf(row).map((cell) => {
      if (cell.type !== 'tablecell') throw new UnsupportedContentError(`a table row contains "${String(cell.type).slice(0, 40)}"`);
      return cell;
    });
  });
  const span = (cell: SerializedNode, key: 'colSpan' | 'rowSpan') => {
    const value = cell[key];
    return typeof value === 'number' && Number.isInteger(value) && value > 1 ? Math.min(value, 63) : 1;
  };
  const columnCount = Math.max(1, ...rows.map((cells) => cells.reduce((sum, cell) => sum + span(cell, 'colSpan'), 0)));
  const widths = columnWidths(node.colWidths, columnCount, walk.textWidthTwips);
  const headerState = (cell: SerializedNode) => (typeof cell.headerState === 'number' ? cell.headerState : 0);
  // Only the leading rows can repeat on each page in Word.
  let headerRows = 0;
  while (headerRows < rows.length && rows[headerRows]!.length > 0 && rows[headerRows]!.every((cell) => headerState(cell) & HEADER_ROW)) headerRows++;
  if (headerRows === 0 && rows.length > 1) {
    walk.warn('A table has no header row. Mark its first row as a header row in the editor so screen readers can name each column.');
  }
  const border = { style: BorderStyle.SINGLE, size: 4, color: walk.colours.border };
  const docxRows = rows
    .filter((cells) => cells.length > 0)
    .map((cells, rowIndex) => {
      let column = 0;
      const docxCells = cells.map((cell) => {
        const colSpan = Math.min(span(cell, 'colSpan'), Math.max(columnCount - column, 1));
        const width = widths.slice(column, column + colSpan).reduce((a, b) => a + b, 0) || widths[widths.length - 1]!;
        column += colSpan;
        const isHeaderRow = rowIndex < headerRows;
        const isRowHeading = !isHeaderRow && (headerState(cell) & HEADER_COLUMN) !== 0;
        const style = isHeaderRow ? STYLE.tableHeading : isRowHeading ? STYLE.tableRowHeading : STYLE.tableText;
        const children: DocxBlock[] = [];
        for (const child of childrenOf(cell)) block(child, walk, children, depth + 3, style);
        if (children.length === 0 || !(children[children.length - 1] instanceof Paragraph)) children.push(new Paragraph({ style }));
        return new TableCell({
          children,
          width: { size: width, type: WidthType.DXA },
          ...(colSpan > 1 ? { columnSpan: colSpan } : {}),
          ...(span(cell, 'rowSpan') > 1 ? { rowSpan: span(cell, 'rowSpan') } : {}),
          ...(isHeaderRow ? { shading: { fill: walk.colours.accent } } : isRowHeading ? { shading: { fill: walk.colours.shading } } : {}),
        });
      });
      // Rows do not break across pages (Word still breaks one taller than a page).
      return new TableRow({ children: docxCells, cantSplit: true, ...(rowIndex < headerRows ? { tableHeader: true } : {}) });
    });
  return new Table({
    rows: docxRows.length ? docxRows : [new TableRow({ children: [new TableCell({ children: [new Paragraph({})] })] })],
    width: { size: walk.textWidthTwips, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    margins: { left: 100, right: 100 },
  });
}

/** Column widths in twips filling the text width, in the proportions the editor gave them. */
export function columnWidths(given: unknown, count: number, totalTwips: number): number[] {
  const proportions =
    Array.isArray(given) && given.length === count && given.every((w) => typeof w === 'number' && w > 0 && Number.isFinite(w))
      ? (given as number[])
      : Array<number>(count).fill(1);
  const sum = proportions.reduce((a, b) => a + b, 0);
  const widths = proportions.map((w) => Math.floor((w / sum) * totalTwips));
  widths[widths.length - 1]! += totalTwips - widths.reduce((a, b) => a + b, 0);
  return widths;
}
