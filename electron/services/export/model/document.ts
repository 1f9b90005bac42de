// The export's document model, after pandoc's: every export (the plan, a board
// paper, the consultation report) is first built as this typed document, and
// the Word, HTML and PDF writers only render
// it. Rules about structure (which sections, their numbers and levels, the
// appendices, the warnings a person must see) live in the builders, once.
import type { ExportComment, ExportKind, ExportWarning } from '../../../../shared/export';

// ---------------------------------------------------------------- inlines

export type Inline =
  /** Text, safe for XML, never empty; `format` is Lexical's bitmask (TEXT_FORMAT). */
  | { kind: 'text'; text: string; format: number }
  | { kind: 'break' }
  | { kind: 'tab' }
  /** A link the policy allows (http, https, mailto); refused links are plain text by now. */
  | { kind: 'link'; url: string; children: Inline[] }
  /** Text reviewers' comment threads are anchored on. */
  | { kind: 'mark'; threadIds: string[]; children: Inline[] };

// ---------------------------------------------------------------- blocks

export type Align = 'start' | 'centre' | 'right';

export interface ParagraphBlock {
  kind: 'paragraph';
  inlines: Inline[];
  align: Align;
  /** Indent steps (0-8). */
  indent: number;
  /** A note about the export itself (a section that could not be read, an empty field), drawn apart from the text. */
  note?: boolean;
}

export interface HeadingBlock {
  kind: 'heading';
  /** Outline level in the whole document (1 = a top-level section's own heading). */
  level: number;
  inlines: Inline[];
  /** Whether it has visible text: an empty heading is no heading. */
  hasText: boolean;
}

export interface QuoteBlock {
  kind: 'quote';
  inlines: Inline[];
}

export interface ListBlock {
  kind: 'list';
  style: 'bullet' | 'number' | 'check';
  /** First number of a numbered list (1 unless the editor said otherwise). */
  start: number;
  items: ListItem[];
}

/** One item as the editor keeps it: a nested list sits in an item of its own. */
export interface ListItem {
  inlines: Inline[];
  lists: ListBlock[];
  /** Checklists only. */
  checked: boolean;
}

export interface TableCell {
  /** Rich content (editor tables, cover sheet values) or one piece of plain text (data tables; line breaks kept). */
  content: { blocks: Block[] } | { text: string };
  colSpan: number;
  rowSpan: number;
  /** A heading for its row (th scope="row"). */
  rowHeading: boolean;
}

export interface TableBlock {
  kind: 'table';
  /** What the table shows, for screen readers; '' when it has none. */
  caption: string;
  /**
   * The caption is the heading printed just above the table (the cover
   * sheet's): Word writes no Caption line for it, only the table title.
   */
  captionIsHeading?: boolean;
  /** Set with tighter cell spacing (wide data tables are; #14 the stacked commitments too). */
  compact?: boolean;
  columnCount: number;
  /** Relative column widths, one per column. */
  widths: number[];
  /** Header rows: repeated on every page, th scope="col". */
  head: TableCell[][];
  body: TableCell[][];
}

export interface ImageBlock {
  kind: 'image';
  png: Uint8Array;
  pixels: { width: number; height: number };
  altText: string;
  widthCm: number;
  /** What Word calls the picture ('Logo' when not given). */
  name?: string;
}

/** #11 A chart with its numbers: the picture (PNG for Word, SVG for HTML) with alt text, a caption, and a table of the values it shows. */
export interface FigureBlock {
  kind: 'figure';
  caption: string;
  image: ImageBlock & { svg: string };
  table: TableBlock;
}

export type Block = ParagraphBlock | HeadingBlock | QuoteBlock | ListBlock | TableBlock | ImageBlock | FigureBlock;

// ---------------------------------------------------------------- the document

export interface TitlePage {
  logo: ImageBlock | null;
  organisation: string;
  title: string;
  /** The plan period, when the title does not already say it. */
  period: string | null;
  /** "Version", "Date", "Protective marking", "Status". */
  details: { label: string; value: string }[];
  /** Who prepared the plan, as a sentence. */
  preparedBy: string | null;
}

export interface DocumentSection {
  id: string;
  title: string;
  /** The section's number ('' when headings are not numbered). */
  number: string;
  level: number;
  anchor: string;
  /** Whether it starts a new page (each chapter of a plan; the first section of a board paper). */
  startsPage: boolean;
  /** Template guidance, line by line (empty unless asked for). */
  guidance: string[];
  blocks: Block[];
}

export interface Appendix {
  anchor: string;
  /** "Appendix A: Delivery commitments", or without the letter: a top-level heading. */
  title: string;
  /** Wide tables: drawn on landscape pages in Word. */
  landscape: boolean;
  blocks: Block[];
}

export interface DocumentModel {
  kind: ExportKind;
  /** File properties and the page's head. */
  properties: { title: string; subject: string; description: string; creator: string; keywords?: string };
  /** The running header: protective marking, and whether the document is a draft. */
  marking: { protectiveMarking: string; draft: boolean };
  titlePage: TitlePage;
  /** The board paper's cover sheet: a heading, a table of label and value pairs, then what of long values did not fit the first page. */
  cover: { heading: string; anchor: string; table: TableBlock; continuation: Block[] } | null;
  /** Whether the document has a contents list (sections to level 3, and the appendices). */
  contents: boolean;
  sections: DocumentSection[];
  /** Said where the sections would be when no section was chosen. */
  noSectionsNote: string | null;
  appendices: Appendix[];
  /** Reviewers' threads to include (those on chosen sections, and plan-wide ones), or null when not asked for. */
  threads: ExportComment[] | null;
  warnings: ExportWarning[];
}

// ---------------------------------------------------------------- making blocks

/** "3.1 Start well", or the title alone when headings are not numbered. */
export function sectionHeadingText(section: Pick<DocumentSection, 'number' | 'title'>): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

export const text = (value: string, format = 0): Inline => ({ kind: 'text', text: value, format });

export function paragraph(inlines: Inline[], extra: Partial<Pick<ParagraphBlock, 'align' | 'indent' | 'note'>> = {}): ParagraphBlock {
  return { kind: 'paragraph', inlines, align: 'start', indent: 0, ...extra };
}

export function heading(level: number, value: string): HeadingBlock {
  return { kind: 'heading', level, inlines: value ? [text(value)] : [], hasText: value.trim() !== '' };
}

/** Plain text with blank-line-separated (or line-separated) paragraphs. */
export function textParagraphs(value: string): ParagraphBlock[] {
  return value
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => paragraph([text(line)]));
}

/** Thread ids of marks in blocks, with how many marks each has (a thread may mark several pieces of text). */
export function countMarks(blocks: readonly Block[]): Map<string, number> {
  const counts = new Map<string, number>();
  const inlines = (list: readonly Inline[]) => {
    for (const inline of list) {
      if (inline.kind === 'mark') for (const id of inline.threadIds) counts.set(id, (counts.get(id) ?? 0) + 1);
      if (inline.kind === 'mark' || inline.kind === 'link') inlines(inline.children);
    }
  };
  const items = (list: ListBlock) => {
    for (const item of list.items) {
      inlines(item.inlines);
      item.lists.forEach(items);
    }
  };
  const visit = (list: readonly Block[]) => {
    for (const block of list) {
      if (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'quote') inlines(block.inlines);
      else if (block.kind === 'list') items(block);
      else if (block.kind === 'table') {
        for (const row of [...block.head, ...block.body]) for (const cell of row) if ('blocks' in cell.content) visit(cell.content.blocks);
      }
    }
  };
  visit(blocks);
  return counts;
}
