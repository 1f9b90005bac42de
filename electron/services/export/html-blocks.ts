// Model blocks as semantic HTML: paragraphs, headings (h1 is the document's
// title, so outline level 1 is h2), lists with nested lists inside their item,
// tables with caption, thead and th scope, quotes, links, images with alt
// text. Every piece of text is escaped: nothing from the content is ever
// written as markup. Comment marks are not shown (comments are Word-only).
import { isCompact, tableCaption, tableWidths } from './table-layout';
import { TEXT_FORMAT } from '../../../shared/lexical-json';
import type { Block, Inline, ListBlock, TableBlock, TableCell } from './model/document';
import { xmlSafe } from './model/read-content';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** HTML heading level for an outline level: h1 is the document's title, so level 1 is h2. */
export function htmlHeadingLevel(level: number): number {
  return Math.min(level + 1, 6);
}

export function blocksToHtml(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const child of blocks) block(child, out, false);
  return out.join('\n');
}

function block(node: Block, out: string[], inCell: boolean): void {
  switch (node.kind) {
    case 'paragraph': {
      const html = inlines(node.inlines);
      if (node.note) out.push(`<p class="note">${html}</p>`);
      else if (html || inCell) out.push(`<p${alignment(node.align)}>${html}</p>`);
      return;
    }
    case 'heading': {
      if (!node.hasText) return;
      const html = inlines(node.inlines);
      if (inCell) out.push(`<p><strong>${html}</strong></p>`);
      else {
        const h = htmlHeadingLevel(node.level);
        out.push(`<h${h}>${html}</h${h}>`);
      }
      return;
    }
    case 'quote':
      out.push(`<blockquote><p>${inlines(node.inlines)}</p></blockquote>`);
      return;
    case 'list':
      out.push(list(node));
      return;
    case 'table':
      out.push(table(node));
      return;
    case 'image': {
      const widthPx = Math.round((node.widthCm / 2.54) * 96);
      out.push(`<img class="logo" src="data:image/png;base64,${Buffer.from(node.png).toString('base64')}" alt="${escapeHtml(node.altText)}" width="${widthPx}">`);
      return;
    }
    case 'figure': {
      // #11 the chart as SVG (sharp in print) behind an <img>, so its alt text is the one thing a screen reader hears of it.
      const widthPx = Math.round((node.image.widthCm / 2.54) * 96);
      const src = `data:image/svg+xml;base64,${Buffer.from(node.image.svg, 'utf8').toString('base64')}`;
      out.push(
        `<figure class="chart"><figcaption>${escapeHtml(node.caption)}</figcaption><img src="${src}" alt="${escapeHtml(node.image.altText)}" width="${widthPx}"></figure>`,
      );
      out.push(table(node.table));
      return;
    }
  }
}

function alignment(align: string): string {
  if (align === 'centre') return ' class="centre"';
  if (align === 'right') return ' class="right"';
  return '';
}

function inlines(list: readonly Inline[]): string {
  let html = '';
  for (const node of list) html += inline(node);
  return html;
}

function inline(node: Inline): string {
  switch (node.kind) {
    case 'text':
      return formatted(escapeHtml(node.text), node.format);
    case 'break':
      return '<br>';
    case 'tab':
      return ' ';
    case 'link': {
      const html = inlines(node.children);
      return html ? `<a href="${escapeHtml(node.url)}">${html}</a>` : '';
    }
    case 'mark':
      return inlines(node.children);
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

function list(node: ListBlock): string {
  const numbered = node.style === 'number';
  const items: string[] = [];
  for (const item of node.items) {
    let html = inlines(item.inlines);
    const nested = item.lists.map(list);
    if (node.style === 'check') html = `${item.checked ? '\u2611' : '\u2610'} ${html}`;
    // Lexical keeps a nested list in an item of its own; HTML puts it inside the item before.
    if (!html && nested.length && items.length) items[items.length - 1] += nested.join('');
    else items.push(html + nested.join(''));
  }
  const tag = numbered ? 'ol' : 'ul';
  const start = numbered && node.start > 1 ? ` start="${node.start}"` : '';
  return `<${tag}${start}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;
}

function cellHtml(cell: TableCell, inHead: boolean): string {
  const attributes = `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
  let inner: string;
  if ('text' in cell.content) inner = escapeHtml(cell.content.text);
  else {
    const blocks: string[] = [];
    for (const child of cell.content.blocks) block(child, blocks, true);
    inner = blocks.join('');
  }
  if (inHead) return `<th scope="col"${attributes}>${inner}</th>`;
  if (cell.rowHeading) return `<th scope="row"${attributes}>${inner}</th>`;
  return `<td${attributes}>${inner}</td>`;
}

/** Column widths as percentages, the same proportions Word gets (table-layout.ts). */
function colgroup(node: TableBlock): string {
  const widths = tableWidths(node);
  const sum = widths.reduce((a, b) => a + b, 0);
  if (!sum || widths.length !== node.columnCount) return '';
  return `<colgroup>${widths.map((w) => `<col style="width: ${((w / sum) * 100).toFixed(1)}%">`).join('')}</colgroup>\n`;
}

function table(node: TableBlock): string {
  const rows = (cells: TableCell[][], inHead: boolean) => cells.map((row) => `<tr>${row.map((cell) => cellHtml(cell, inHead)).join('')}</tr>`).join('\n');
  // Every table has a caption: its own, or one made from its column headings.
  // One named by the heading just above it keeps its caption for screen readers only (the style hides it).
  const caption = `<caption${node.captionIsHeading ? ' class="heading-caption"' : ''}>${escapeHtml(tableCaption(node))}</caption>\n`;
  const head = node.head.length ? `<thead>${rows(node.head, true)}</thead>\n` : '';
  return `<table${isCompact(node) ? ' class="compact"' : ''}>\n${caption}${colgroup(node)}${head}<tbody>\n${rows(node.body, false)}\n</tbody>\n</table>`;
}
