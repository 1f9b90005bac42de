// Model blocks as docx paragraphs and tables: headings as Word's built-in
// heading styles, text formats, links, quotes, nested lists each with a
// numbering instance of its own, tables with explicit widths and repeating
// header rows, images with alt text, and comment ranges where reviewers' marks
// are. Formatting comes from named styles (docx-styles.ts), so paragraphs
// carry none of their own.
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  ImageRun,
  Paragraph,
  StringValueElement,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ITableOptions,
  type ParagraphChild,
} from 'docx';
import { TEXT_FORMAT } from '../../../shared/lexical-json';
import type { CommentAnchors } from './comments-docx';
import { headingStyleId, NUMBERING, STYLE, listLevels } from './docx-styles';
import type { Block, ImageBlock, Inline, ListBlock, TableBlock } from './model/document';
import { isCompact, tableCaption, tableDescription, tableWidths } from './table-layout';

export type DocxBlock = Paragraph | Table;

/** Numbering instances are counted across the whole document so every list restarts. */
export class ListInstances {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

export interface DocxContext {
  textWidthTwips: number;
  lists: ListInstances;
  comments: CommentAnchors | null;
  colours: { accent: string; border: string; shading: string };
}

interface Walk extends DocxContext {
  /** The block before was a table: Word puts no space after a table, so the next block asks for some before it. */
  afterTable: boolean;
}

const SPACE_AFTER_TABLE = { spacing: { before: 200 } };

/** Paragraph style inside a table cell (null outside tables). */
type CellStyle = string | null;

/** Spacing for the first block after a table (once). */
function gap(walk: Walk, cellStyle: CellStyle): { spacing?: { before: number } } {
  if (!walk.afterTable || cellStyle) return {};
  walk.afterTable = false;
  return SPACE_AFTER_TABLE;
}

export function blocksToDocx(blocks: readonly Block[], context: DocxContext): DocxBlock[] {
  const walk: Walk = { ...context, afterTable: false };
  const out: DocxBlock[] = [];
  for (const child of blocks) {
    block(child, walk, out, null);
    walk.afterTable = child.kind === 'table';
  }
  return out;
}

function block(node: Block, walk: Walk, out: DocxBlock[], cellStyle: CellStyle): void {
  switch (node.kind) {
    case 'paragraph': {
      if (node.note) {
        // A note in a table cell keeps the cell's style, in italics (the note style is body text).
        const italic = node.inlines.map((i) => (i.kind === 'text' ? { ...i, format: i.format | TEXT_FORMAT.italic } : i));
        out.push(
          cellStyle
            ? new Paragraph({ style: cellStyle, children: inlines(italic, walk, false) })
            : new Paragraph({ style: STYLE.note, children: inlines(node.inlines, walk, false) }),
        );
        return;
      }
      const children = inlines(node.inlines, walk, false);
      if (children.length === 0 && cellStyle === null) return;
      out.push(
        new Paragraph({
          children,
          ...(cellStyle ? { style: cellStyle } : {}),
          ...alignment(node.align),
          ...(node.indent ? { indent: { left: 720 * node.indent } } : {}),
          ...gap(walk, cellStyle),
        }),
      );
      return;
    }
    case 'heading': {
      const children = inlines(node.inlines, walk, false);
      if (!node.hasText) {
        // An empty heading is no heading; keep only comment ranges it may carry.
        if (children.length) out.push(new Paragraph({ children }));
        return;
      }
      // Headings cannot live inside table cells without breaking the outline: drawn as bold text there.
      out.push(new Paragraph({ children, style: cellStyle ? STYLE.tableRowHeading : headingStyleId(node.level) }));
      return;
    }
    case 'quote':
      out.push(new Paragraph({ children: inlines(node.inlines, walk, false), style: STYLE.quote, ...gap(walk, cellStyle) }));
      return;
    case 'list':
      list(node, walk, out, 0, cellStyle);
      return;
    case 'table':
      // A caption paragraph (style Caption) before the table, which also carries it as its title (tblCaption);
      // a table named by the heading just above it (the cover sheet, which must fit page 1) has no second line.
      if (!node.captionIsHeading) out.push(new Paragraph({ style: STYLE.caption, children: [new TextRun(tableCaption(node))] }));
      out.push(table(node, walk));
      return;
    case 'image':
      out.push(imageParagraph(node));
      return;
    case 'figure':
      // #11 the caption, the chart (PNG with alt text) and the table of its numbers, kept together.
      out.push(new Paragraph({ children: [new TextRun({ text: node.caption, bold: true })], keepNext: true, ...gap(walk, cellStyle) }));
      out.push(imageParagraph(node.image, true));
      out.push(table(node.table, walk));
      walk.afterTable = true;
      return;
  }
}

function alignment(align: string): { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } {
  if (align === 'centre') return { alignment: AlignmentType.CENTER };
  if (align === 'right') return { alignment: AlignmentType.RIGHT };
  return {};
}

export function imageParagraph(image: ImageBlock, keepNext = false): Paragraph {
  const width = Math.round((image.widthCm / 2.54) * 96);
  const height = Math.max(1, Math.round((width * image.pixels.height) / image.pixels.width));
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: image.png,
        transformation: { width, height },
        altText: { name: image.name ?? 'Logo', title: image.altText, description: image.altText },
      }),
    ],
    spacing: { after: 240 },
    ...(keepNext ? { keepNext: true } : {}),
  });
}

// ------------------------------------------------------------------ inline

export function inlines(list: readonly Inline[], walk: Pick<DocxContext, 'comments'>, inLink: boolean): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of list) inline(node, walk, out, inLink);
  return out;
}

function inline(node: Inline, walk: Pick<DocxContext, 'comments'>, out: ParagraphChild[], inLink: boolean): void {
  switch (node.kind) {
    case 'text':
      out.push(textRun(node.text, node.format, inLink));
      return;
    case 'break':
      out.push(new TextRun({ break: 1 }));
      return;
    case 'tab':
      out.push(new TextRun({ children: [new Tab()] }));
      return;
    case 'link': {
      const children = inlines(node.children, walk, true);
      if (children.length) out.push(new ExternalHyperlink({ link: node.url, children }));
      return;
    }
    case 'mark': {
      const ids = node.threadIds;
      if (walk.comments && ids.length) out.push(...walk.comments.open(ids));
      for (const child of node.children) inline(child, walk, out, inLink);
      if (walk.comments && ids.length) out.push(...walk.comments.close(ids));
      return;
    }
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

function list(node: ListBlock, walk: Walk, out: DocxBlock[], level: number, cellStyle: CellStyle): void {
  const numbered = node.style === 'number';
  const reference =
    numbered && node.start !== 1
      ? { reference: `${NUMBERING.number}-${level}-from-${node.start}`, levels: listLevels('number', { level, start: node.start }) }
      : numbered
        ? NUMBERING.number
        : NUMBERING.bullet;
  const numbering = { reference, level: Math.min(level, 8), instance: walk.lists.take() };
  for (const item of node.items) {
    const runs = inlines(item.inlines, walk, false);
    if (runs.length || item.lists.length === 0) {
      if (node.style === 'check') runs.unshift(new TextRun(item.checked ? '\u2611 ' : '\u2610 '));
      out.push(new Paragraph({ children: runs, numbering, ...(cellStyle ? { style: cellStyle } : {}), ...gap(walk, cellStyle) }));
    }
    for (const nested of item.lists) list(nested, walk, out, level + 1, cellStyle);
  }
}

// ------------------------------------------------------------------ tables

/**
 * A table with Word's table title and description (w:tblCaption,
 * w:tblDescription: its alt text), which docx cannot write itself. They are
 * the last children of w:tblPr in the schema, after w:tblLook, so appending
 * them to the properties docx built keeps the order valid.
 */
class DescribedTable extends Table {
  constructor(options: ITableOptions, caption: string, description: string) {
    super(options);
    const properties = this.root[0];
    if (!properties || typeof properties !== 'object' || !('addChildElement' in properties)) throw new Error('docx wrote no table properties.');
    properties.addChildElement(new StringValueElement('w:tblCaption', caption));
    properties.addChildElement(new StringValueElement('w:tblDescription', description));
  }
}

function table(node: TableBlock, walk: Walk): Table {
  const widths = columnWidths(tableWidths(node), walk.textWidthTwips);
  const compact = isCompact(node);
  const border = { style: BorderStyle.SINGLE, size: 4, color: walk.colours.border };
  const headerRows = node.head.length;
  const docxRows = [...node.head, ...node.body].map((cells, rowIndex) => {
    const isHeaderRow = rowIndex < headerRows;
    let column = 0;
    const docxCells = cells.map((cell) => {
      const width = widths.slice(column, column + cell.colSpan).reduce((a, b) => a + b, 0) || widths[widths.length - 1]!;
      column += cell.colSpan;
      const style = isHeaderRow
        ? compact
          ? STYLE.tableHeadingCompact
          : STYLE.tableHeading
        : cell.rowHeading
          ? compact
            ? STYLE.tableRowHeadingCompact
            : STYLE.tableRowHeading
          : compact
            ? STYLE.tableTextCompact
            : STYLE.tableText;
      const children: DocxBlock[] = [];
      if ('text' in cell.content) {
        const lines = cell.content.text.split(/\r?\n/);
        children.push(new Paragraph({ style, children: lines.flatMap((line, i) => (i ? [new TextRun({ text: line, break: 1 })] : [new TextRun(line)])) }));
      } else {
        for (const child of cell.content.blocks) block(child, walk, children, style);
      }
      if (children.length === 0 || !(children[children.length - 1] instanceof Paragraph)) children.push(new Paragraph({ style }));
      return new TableCell({
        children,
        width: { size: width, type: WidthType.DXA },
        ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
        ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
        ...(isHeaderRow ? { shading: { fill: walk.colours.accent } } : cell.rowHeading ? { shading: { fill: walk.colours.shading } } : {}),
      });
    });
    // Rows do not break across pages (Word still breaks one taller than a page).
    return new TableRow({ children: docxCells, cantSplit: true, ...(isHeaderRow ? { tableHeader: true } : {}) });
  });
  return new DescribedTable(
    {
      rows: docxRows.length ? docxRows : [new TableRow({ children: [new TableCell({ children: [new Paragraph({})] })] })],
      width: { size: walk.textWidthTwips, type: WidthType.DXA },
      columnWidths: widths,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      margins: { left: 100, right: 100 },
    },
    tableCaption(node),
    tableDescription(node),
  );
}

/** Column widths in twips filling the text width, in the given proportions. */
export function columnWidths(proportions: readonly number[], totalTwips: number): number[] {
  const sum = proportions.reduce((a, b) => a + b, 0);
  const widths = proportions.map((w) => Math.floor((w / sum) * totalTwips));
  widths[widths.length - 1]! += totalTwips - widths.reduce((a, b) => a + b, 0);
  return widths;
}
