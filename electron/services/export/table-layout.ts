// What every writer needs to draw a table that reads well: a caption (Word's
// Caption paragraph and table title, HTML's <caption>) and column widths.
// Data tables (plain-text cells, such as the delivery commitments) get widths
// from their own text, so each column is about as wide as its longer entries
// need to wrap onto two lines, and no column is narrower than its longest word;
// tables from the editor keep the widths the author gave them.
import type { Inline, TableBlock, TableCell } from './model/document';

function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : i.kind === 'link' ? inlineText(i.children) : ' ')).join('');
}

/** A cell's words as plain text. */
export function cellText(cell: TableCell): string {
  if ('text' in cell.content) return cell.content.text;
  return cell.content.blocks
    .map((b) => ('inlines' in b ? inlineText(b.inlines) : b.kind === 'list' ? b.items.map((item) => inlineText(item.inlines)).join(' ') : ''))
    .join(' ')
    .trim();
}

/**
 * The table's caption: its own, else one made from its column headings
 * ("Table: Place, Population, Change"), so no table goes without one.
 */
export function tableCaption(node: TableBlock): string {
  if (node.caption.trim()) return node.caption.trim();
  const headings = (node.head[0] ?? [])
    .map(cellText)
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (headings.length) return `Table: ${headings.join(', ')}`;
  const firstColumn = node.body
    .map((row) => (row[0] ? cellText(row[0]).replace(/\s+/g, ' ').trim() : ''))
    .filter(Boolean)
    .slice(0, 3);
  return firstColumn.length ? `Table: ${firstColumn.join(', ')}${node.body.length > 3 ? ' and more' : ''}` : 'Table';
}

/** What the table holds, for Word's table description (alt text): its size and column headings. */
export function tableDescription(node: TableBlock): string {
  const rows = node.body.length;
  const headings = (node.head[0] ?? []).map(cellText).filter(Boolean);
  const shape = `${rows} ${rows === 1 ? 'row' : 'rows'} and ${node.columnCount} ${node.columnCount === 1 ? 'column' : 'columns'}`;
  return headings.length ? `A table of ${shape}: ${headings.join(', ')}.` : `A table of ${shape}.`;
}

const longestWord = (text: string) => text.split(/\s+/).reduce((n, w) => Math.max(n, w.length), 0);

/** The value below which `share` of the (sorted) values lie. */
function percentile(values: number[], share: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/** A wide data table (the delivery commitments) is set with tighter spacing (the text stays at the body size). */
export const COMPACT_COLUMNS = 6;

/** About how many characters of body text a landscape A4 line holds (24.7 cm at 12 pt Arial). */
const LINE_CHARS = 115;

export function isCompact(node: TableBlock): boolean {
  return node.compact ?? node.columnCount >= COMPACT_COLUMNS;
}

/**
 * Relative column widths. A data table (every cell plain text, one header
 * row, no merged cells) is measured: each column's share is the length of its
 * longer entries (the 80th percentile), so a typical row wraps to about the
 * same number of lines in every column, and never less than its longest word
 * (heading included). Other tables keep their own widths.
 */
export function tableWidths(node: TableBlock): number[] {
  const rows = [...node.head, ...node.body];
  const plain =
    node.head.length === 1 && rows.every((row) => row.length === node.columnCount && row.every((c) => 'text' in c.content && c.colSpan === 1 && c.rowSpan === 1));
  if (!plain || node.columnCount < 2 || node.body.length === 0) return node.widths;
  const measured = Array.from({ length: node.columnCount }, (_, column) => {
    const heading = cellText(node.head[0]![column]!);
    const entries = node.body.map((row) => cellText(row[column]!));
    return {
      word: Math.max(longestWord(heading), ...entries.map(longestWord)),
      typical: percentile(
        entries.map((e) => e.length),
        0.8,
      ),
    };
  });
  // Characters a landscape A4 line holds at the body size, less each cell's padding (about two characters).
  const line = LINE_CHARS - 2 * node.columnCount;
  let total = measured.reduce((sum, m) => sum + m.typical, 0) || 1;
  // A column's longest word must fit on a line of its own width: raise its share to that, then share out the rest.
  const floor = measured.map((m) => (m.word + 1) / line);
  const shares = measured.map((m, i) => Math.max(m.typical / total, floor[i]!));
  total = shares.reduce((a, b) => a + b, 0);
  return shares.map((share) => Math.round((share / total) * 1000));
}
