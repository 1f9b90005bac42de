// A section's stored Lexical JSON as model blocks, in one walk and without a
// DOM, whatever state the content is in: headings placed below the section's
// level, links limited to http, https and mailto (others become plain text,
// with a warning), header rows and spans read once, text made safe for XML.
// Content the walk cannot export faithfully falls back to its plain text (or a
// note when there is none), with a warning; a section is never dropped.
import { isNode, MAX_NODE_DEPTH, readContent, type SerializedNode } from '../../../../shared/lexical-json';
import { paragraph, text, type Align, type Block, type Inline, type ListBlock, type TableBlock, type TableCell } from './document';
import { ContentHeadingLevels, headingTagLevels, tagLevel } from './outline';

/** Thrown by the walk when it meets something it cannot export faithfully. */
class UnsupportedContentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsupportedContentError';
  }
}

const FOLLOWABLE = new Set(['http:', 'https:', 'mailto:']);

/** The link's address when it is http, https or mailto; null for anything else. */
export function followableUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    const parsed = new URL(url.trim());
    return FOLLOWABLE.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

// Characters XML 1.0 cannot carry: C0 controls other than tab, line feed and
// carriage return, lone surrogates, and U+FFFE/U+FFFF. Word refuses a file with any.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(value: string): string {
  NOT_XML.lastIndex = 0;
  return NOT_XML.test(value) ? value.replace(NOT_XML, '') : value;
}

interface Walk {
  headings: ContentHeadingLevels;
  warn(message: string): void;
}

/**
 * A section's content as blocks, its headings below `sectionLevel`. Never
 * throws for what is stored: unreadable content comes back as plain text or a
 * note, and `warn` says so.
 */
export function contentBlocks(json: string, sectionLevel: number, warn: (message: string) => void): Block[] {
  const read = readContent(json);
  let reason: string;
  let value: unknown;
  if (read.ok) {
    const root = read.state.root;
    try {
      if (!Array.isArray(root.children)) throw new UnsupportedContentError('its content has no root');
      const walk: Walk = { headings: new ContentHeadingLevels(sectionLevel, headingTagLevels(root)), warn };
      const blocks: Block[] = [];
      for (const child of root.children as unknown[]) block(child, walk, blocks, 1);
      return blocks;
    } catch (error) {
      if (!(error instanceof UnsupportedContentError)) throw error;
      reason = error.reason;
      value = root;
    }
  } else {
    reason = read.problem === 'not_json' ? 'its content is not valid JSON' : 'its content has no root';
    value = read.value;
  }
  const lines = fallbackParagraphs(value);
  if (lines.length) {
    warn(`This section was exported as plain text, without its formatting, because ${reason}.`);
    return lines.map((line) => paragraph([text(xmlSafe(line))]));
  }
  warn(`This section's text could not be exported because ${reason}; only its title is included. Open the section in JFP Studio to check it.`);
  return [paragraph([text('The text of this section could not be included in this export.')], { note: true })];
}

function unknown(node: SerializedNode): UnsupportedContentError {
  return new UnsupportedContentError(`it contains an element this export does not know ("${String(node.type).slice(0, 40)}")`);
}

function node(value: unknown): SerializedNode {
  if (!isNode(value)) throw new UnsupportedContentError('an element is malformed');
  return value;
}

/** A node's children, or an error for anything that is not a list of nodes. */
function childrenOf(parent: SerializedNode): SerializedNode[] {
  const children = parent.children;
  if (children === undefined) return [];
  if (!Array.isArray(children)) throw new UnsupportedContentError(`a "${parent.type}" element is malformed`);
  // Checked in place rather than copied: the walk runs over every node of a large plan.
  for (const child of children as unknown[]) node(child);
  return children as SerializedNode[];
}

function block(value: unknown, walk: Walk, out: Block[], depth: number): void {
  if (depth > MAX_NODE_DEPTH) throw new UnsupportedContentError('the content is nested too deeply');
  const element = node(value);
  switch (element.type) {
    case 'paragraph':
      out.push({ kind: 'paragraph', inlines: inlines(element, walk, depth), align: align(element), indent: indent(element) });
      return;
    case 'heading': {
      const children = inlines(element, walk, depth);
      // Counted even when empty, as the levels of the headings after it depend on it.
      const level = walk.headings.next(tagLevel(element.tag));
      out.push({ kind: 'heading', level, inlines: children, hasText: hasText(element) });
      return;
    }
    case 'quote':
      out.push({ kind: 'quote', inlines: inlines(element, walk, depth) });
      return;
    case 'list':
      out.push(list(element, walk, depth));
      return;
    case 'table':
      out.push(table(element, walk, depth));
      return;
    default:
      throw unknown(element);
  }
}

function hasText(element: SerializedNode): boolean {
  if (typeof element.text === 'string' && element.text.trim() !== '') return true;
  return Array.isArray(element.children) && (element.children as SerializedNode[]).some((child) => child && hasText(child));
}

function align(element: SerializedNode): Align {
  // Justified text is harder to read; house style is left-aligned, so only centre and right are kept.
  if (element.format === 'center') return 'centre';
  if (element.format === 'right' || element.format === 'end') return 'right';
  return 'start';
}

function indent(element: SerializedNode): number {
  return typeof element.indent === 'number' ? Math.min(Math.max(Math.floor(element.indent), 0), 8) : 0;
}

// ------------------------------------------------------------------ inline

function inlines(element: SerializedNode, walk: Walk, depth: number): Inline[] {
  const out: Inline[] = [];
  for (const child of childrenOf(element)) inline(child, walk, out, depth + 1, false);
  return out;
}

function inline(element: SerializedNode, walk: Walk, out: Inline[], depth: number, inLink: boolean): void {
  if (depth > MAX_NODE_DEPTH) throw new UnsupportedContentError('the content is nested too deeply');
  switch (element.type) {
    case 'text': {
      if (typeof element.text !== 'string') throw new UnsupportedContentError('a piece of text is malformed');
      const value = xmlSafe(element.text);
      if (value) out.push(text(value, typeof element.format === 'number' ? element.format : 0));
      return;
    }
    case 'linebreak':
      out.push({ kind: 'break' });
      return;
    case 'tab':
      out.push({ kind: 'tab' });
      return;
    case 'link':
    case 'autolink': {
      const url = followableUrl(element.url);
      if (!url || inLink) {
        if (!url && typeof element.url === 'string' && element.url.trim()) {
          walk.warn(`A link to "${element.url.slice(0, 80)}" was exported as plain text: only web (http, https) and email (mailto) links are kept.`);
        }
        for (const child of childrenOf(element)) inline(child, walk, out, depth + 1, inLink);
        return;
      }
      const children: Inline[] = [];
      for (const child of childrenOf(element)) inline(child, walk, children, depth + 1, true);
      out.push({ kind: 'link', url, children });
      return;
    }
    case 'mark': {
      const threadIds = Array.isArray(element.ids) ? (element.ids as unknown[]).filter((id): id is string => typeof id === 'string') : [];
      const children: Inline[] = [];
      for (const child of childrenOf(element)) inline(child, walk, children, depth + 1, inLink);
      out.push({ kind: 'mark', threadIds, children });
      return;
    }
    default:
      throw unknown(element);
  }
}

// ------------------------------------------------------------------ lists

function list(element: SerializedNode, walk: Walk, depth: number): ListBlock {
  const style = element.listType === 'number' ? 'number' : element.listType === 'check' ? 'check' : 'bullet';
  const start = typeof element.start === 'number' && Number.isInteger(element.start) && element.start > 1 ? Math.min(element.start, 32767) : 1;
  const items = childrenOf(element).map((item) => {
    if (item.type !== 'listitem') throw new UnsupportedContentError(`a list contains "${String(item.type).slice(0, 40)}"`);
    const out = { inlines: [] as Inline[], lists: [] as ListBlock[], checked: item.checked === true };
    for (const child of childrenOf(item)) {
      if (child.type === 'list') out.lists.push(list(child, walk, depth + 2));
      else inline(child, walk, out.inlines, depth + 2, false);
    }
    return out;
  });
  return { kind: 'list', style, start, items };
}

// ------------------------------------------------------------------ tables

const HEADER_ROW = 1;
const HEADER_COLUMN = 2;
/** Word's limit on merged columns. */
const MAX_SPAN = 63;

function span(cell: SerializedNode, key: 'colSpan' | 'rowSpan'): number {
  const value = cell[key];
  return typeof value === 'number' && Number.isInteger(value) && value > 1 ? Math.min(value, MAX_SPAN) : 1;
}

function table(element: SerializedNode, walk: Walk, depth: number): TableBlock {
  const rows = childrenOf(element).map((row) => {
    if (row.type !== 'tablerow') throw new UnsupportedContentError(`a table contains "${String(row.type).slice(0, 40)}"`);
    return childrenOf(row).map((cell) => {
      if (cell.type !== 'tablecell') throw new UnsupportedContentError(`a table row contains "${String(cell.type).slice(0, 40)}"`);
      return cell;
    });
  });
  const headerState = (cell: SerializedNode) => (typeof cell.headerState === 'number' ? cell.headerState : 0);
  // Only the leading rows can repeat on each page in Word.
  let headerRows = 0;
  while (headerRows < rows.length && rows[headerRows]!.length > 0 && rows[headerRows]!.every((cell) => headerState(cell) & HEADER_ROW)) headerRows++;
  if (headerRows === 0 && rows.length > 1) {
    walk.warn('A table has no header row. Mark its first row as a header row in the editor so screen readers can name each column.');
  }
  const columnCount = Math.max(1, ...rows.map((cells) => cells.reduce((sum, cell) => sum + span(cell, 'colSpan'), 0)));
  const given = element.colWidths;
  const widths =
    Array.isArray(given) && given.length === columnCount && given.every((w) => typeof w === 'number' && w > 0 && Number.isFinite(w))
      ? (given as number[])
      : Array<number>(columnCount).fill(1);
  const toCells = (cells: SerializedNode[], inHead: boolean): TableCell[] => {
    let column = 0;
    return cells.map((cell) => {
      const colSpan = Math.min(span(cell, 'colSpan'), Math.max(columnCount - column, 1));
      column += colSpan;
      const blocks: Block[] = [];
      for (const child of childrenOf(cell)) block(child, walk, blocks, depth + 3);
      return { content: { blocks }, colSpan, rowSpan: span(cell, 'rowSpan'), rowHeading: !inHead && (headerState(cell) & HEADER_COLUMN) !== 0 };
    });
  };
  return {
    kind: 'table',
    caption: '',
    columnCount,
    widths,
    head: rows
      .slice(0, headerRows)
      .filter((cells) => cells.length > 0)
      .map((cells) => toCells(cells, true)),
    body: rows
      .slice(headerRows)
      .filter((cells) => cells.length > 0)
      .map((cells) => toCells(cells, false)),
  };
}

// ------------------------------------------------------------------ fallback

// Containers that sit inside a line of text; every other element ends a line.
const INLINE_CONTAINERS = new Set(['link', 'autolink', 'mark', 'tablecell']);

/**
 * The readable text of any content, one string per block, tolerating unknown
 * node types and malformed children: what a section falls back to.
 */
function fallbackParagraphs(value: unknown): string[] {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const trimmed = line.replace(/\s+/g, ' ').trim();
    if (trimmed) out.push(trimmed);
    line = '';
  };
  const root = typeof value === 'object' && value !== null && 'root' in value ? (value as { root: unknown }).root : value;
  // Iterative, so no nesting depth can exhaust the stack: [node, true] marks leaving an element.
  const stack: [unknown, boolean][] = [[root, false]];
  while (stack.length) {
    const [current, leaving] = stack.pop()!;
    if (!isNode(current)) continue;
    if (leaving) {
      if (!INLINE_CONTAINERS.has(current.type)) flush();
      continue;
    }
    if (typeof current.text === 'string') line += current.text;
    else if (current.type === 'linebreak' || current.type === 'tab') line += ' ';
    else if (current.type === 'tablecell' && line.trim()) line += ' | ';
    if (!Array.isArray(current.children)) continue;
    stack.push([current, true]);
    for (let i = current.children.length - 1; i >= 0; i--) stack.push([current.children[i], false]);
  }
  flush();
  return out;
}

// ------------------------------------------------------------------ empty

// Elements that show something even without text.
const SHOWS_WITHOUT_TEXT = new Set(['table', 'image', 'figure', 'horizontalrule']);

/**
 * Whether a section has nothing written in it: no content at all, or an editor
 * state whose text is only white space (an empty paragraph or heading). Content
 * that cannot be read is not empty: it is exported as well as it can be, with
 * its own warning.
 */
export function isEmptyContent(json: string): boolean {
  if (json.trim() === '') return true;
  const read = readContent(json);
  if (!read.ok) return false;
  const stack: unknown[] = [read.state.root];
  while (stack.length) {
    const current = stack.pop();
    if (!isNode(current)) continue;
    if (typeof current.text === 'string' && current.text.trim() !== '') return false;
    if (SHOWS_WITHOUT_TEXT.has(current.type)) return false;
    if (Array.isArray(current.children)) for (const child of current.children as unknown[]) stack.push(child);
  }
  return true;
}
