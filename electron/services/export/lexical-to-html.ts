// A section's Lexical JSON as semantic HTML, in one walk and without a DOM:
// paragraphs, headings below the section's level, lists (nested lists inside
// their item), tables with th scope, quotes, and links limited to http, https
// and mailto. Every piece of text is escaped: nothing from the content is ever
// written as markup. Throws UnsupportedContentError for what it cannot export
// faithfully; the caller falls back to plain text.
import type { SerializedNode } from '../../../shared/lexical-json';
import { childrenOf, followableUrl, formatOf, MAX_WALK_DEPTH, TEXT_FORMAT, textOf, UnsupportedContentError, xmlSafe } from './content-nodes';
import { ContentHeadingLevels, headingTagLevels, tagLevel } from './outline';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** HTML heading level for an outline level: h1 is the document's title, so level 1 is h2. */
export function htmlHeadingLevel(level: number): number {
  return Math.min(level + 1, 6);
}

export interface HtmlWalkContext {
  /** Outline level of the section the content belongs to. */
  sectionLevel: number;
  warn(message: string): void;
}

interface Walk extends HtmlWalkContext {
  headings: ContentHeadingLevels;
}

export function contentToHtml(root: SerializedNode, context: HtmlWalkContext): string {
  const walk: Walk = { ...context, headings: new ContentHeadingLevels(context.sectionLevel, headingTagLevels(root)) };
  const out: string[] = [];
  for (const child of childrenOf(root)) block(child, walk, out, 1, false);
  return out.join('\n');
}

function block(node: SerializedNode, walk: Walk, out: string[], depth: number, inCell: boolean): void {
  if (depth > MAX_WALK_DEPTH) throw new UnsupportedContentError('the content is nested too deeply');
  switch (node.type) {
    case 'paragraph': {
      const html = inlines(node, walk, depth);
      if (html || inCell) out.push(`<p${alignment(node)}>${html}</p>`);
      return;
    }
    case 'heading': {
      const html = inlines(node, walk, depth);
      const level = walk.headings.next(tagLevel(node.tag));
      if (!html.replace(/<[^>]*>/g, '').trim()) return;
      if (inCell) out.push(`<p><strong>${html}</strong></p>`);
      else {
        const h = htmlHeadingLevel(level);
        out.push(`<h${h}>${html}</h${h}>`);
      }
      return;
    }
    case 'quote':
      out.push(`<blockquote><p>${inlines(node, walk, depth)}</p></blockquote>`);
      return;
    case 'list':
      out.push(list(node, walk, depth));
      return;
    case 'table':
      out.push(table(node, walk, depth));
      return;
    default:
      throw new UnsupportedContentError(`it contains an element this export does not know ("${String(node.type).slice(0, 40)}")`);
  }
}

function alignment(node: SerializedNode): string {
  if (node.format === 'center') return ' class="centre"';
  if (node.format === 'right' || node.format === 'end') return ' class="right"';
  return '';
}

function inlines(node: SerializedNode, walk: Walk, depth: number): string {
  let html = '';
  for (const child of childrenOf(node)) html += inline(child, walk, depth + 1, false);
  return html;
}

function inline(node: SerializedNode, walk: Walk, depth: number, inLink: boolean): string {
  if (depth > MAX_WALK_DEPTH) throw new UnsupportedContentError('the content is nested too deeply');
  switch (node.type) {
    case 'text':
      return formatted(escapeHtml(textOf(node)), formatOf(node));
    case 'linebreak':
      return '<br>';
    case 'tab':
      return ' ';
    case 'link':
    case 'autolink': {
      const url = followableUrl(node.url);
      let html = '';
      for (const child of childrenOf(node)) html += inline(child, walk, depth + 1, inLink || url !== null);
      if (!url || inLink) {
        if (!url && typeof node.url === 'string' && node.url.trim()) {
          walk.warn(`A link to "${node.url.slice(0, 80)}" was exported as plain text: only web (http, https) and email (mailto) links are kept.`);
        }
        return html;
      }
      return html ? `<a href="${escapeHtml(url)}">${html}</a>` : '';
    }
    case 'mark': {
      let html = '';
      for (const child of childrenOf(node)) html += inline(child, walk, depth + 1, inLink);
      return html;
    }
    default:
      throw new UnsupportedContentError(`it contains an element this export does not know ("${String(node.type).slice(0, 40)}")`);
  }
}

function formatted(html: string, format: number): string {
  if (!html || format === 0) return html;
  if (format & TEXT_FORMAT.bold) html = `<strong>${html}</strong>`;
  if (format & TEXT_FORMAT.italic) html = `<em>${html}</em>`;
  // Underlined text is styled, not <u>, so it is not mistaken for a link by meaning.
  if (format & TEXT_FORMAT.underline) html = `<span class="underline">${html}</span>`;
  if (format & TEXT_FORMAT.strikethrough) html = `<s>${html}</s>`;
  if (format & TEXT_FORMAT.code) html = `<code>${html}</code>`;
  if (format & TEXT_FORMAT.subscript) html = `<sub>${html}</sub>`;
  if (format & TEXT_FORMAT.superscript) html = `<sup>${html}</sup>`;
  if (format & TEXT_FORMAT.highlight) html = `<mark>${html}</mark>`;
  return html;
}

function list(node: SerializedNode, walk: Walk, depth: number): string {
  const numbered = node.listType === 'number';
  const checklist = node.listType === 'check';
  const start = typeof node.start === 'number' && Number.isInteger(node.start) && node.start > 1 ? ` start="${node.start}"` : '';
  const items: string[] = [];
  for (const item of childrenOf(node)) {
    if (item.type !== 'listitem') throw new UnsupportedContentError(`a list contains "${String(item.type).slice(0, 40)}"`);
    let text = '';
    const nested: string[] = [];
    for (const child of childrenOf(item)) {
      if (child.type === 'list') nested.push(list(child, walk, depth + 2));
      else text += inline(child, walk, depth + 2, false);
    }
    if (checklist) text = `${item.checked === true ? '\u2611' : '\u2610'} ${text}`;
    // Lexical keeps a nested list in an item of its own; HTML puts it inside the item before.
    if (!text && nested.length && items.length) items[items.length - 1] += nested.join('');
    else items.push(text + nested.join(''));
  }
  const tag = numbered ? 'ol' : 'ul';
  return `<${tag}${numbered ? start : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;
}

const HEADER_ROW = 1;
const HEADER_COLUMN = 2;

function table(node: SerializedNode, walk: Walk, depth: number): string {
  const rows = childrenOf(node).map((row) => {
    if (row.type !== 'tablerow') throw new UnsupportedContentError(`a table contains "${String(row.type).slice(0, 40)}"`);
    return childrenOf(row);
  });
  const state = (cell: SerializedNode) => (typeof cell.headerState === 'number' ? cell.headerState : 0);
  let headerRows = 0;
  while (headerRows < rows.length && rows[headerRows]!.length > 0 && rows[headerRows]!.every((cell) => state(cell) & HEADER_ROW)) headerRows++;
  if (headerRows === 0 && rows.length > 1) {
    walk.warn('A table has no header row. Mark its first row as a header row in the editor so screen readers can name each column.');
  }
  const span = (cell: SerializedNode, key: 'colSpan' | 'rowSpan', attribute: string) => {
    const value = cell[key];
    return typeof value === 'number' && Number.isInteger(value) && value > 1 ? ` ${attribute}="${Math.min(value, 63)}"` : '';
  };
  const renderRow = (cells: SerializedNode[], inHead: boolean) =>
    `<tr>${cells
      .map((cell) => {
        if (cell.type !== 'tablecell') throw new UnsupportedContentError(`a table row contains "${String(cell.type).slice(0, 40)}"`);
        const blocks: string[] = [];
        for (const child of childrenOf(cell)) block(child, walk, blocks, depth + 3, true);
        const attributes = `${span(cell, 'colSpan', 'colspan')}${span(cell, 'rowSpan', 'rowspan')}`;
        if (inHead) return `<th scope="col"${attributes}>${blocks.join('')}</th>`;
        if (state(cell) & HEADER_COLUMN) return `<th scope="row"${attributes}>${blocks.join('')}</th>`;
        return `<td${attributes}>${blocks.join('')}</td>`;
      })
      .join('')}</tr>`;
  const head = rows.slice(0, headerRows).filter((r) => r.length).map((r) => renderRow(r, true));
  const body = rows.slice(headerRows).filter((r) => r.length).map((r) => renderRow(r, false));
  return `<table>${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${body.join('')}</tbody></table>`;
}
