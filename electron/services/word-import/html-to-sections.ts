// #16 Word import: mammoth's HTML (see read-docx.ts) to the plan's sections,
// each holding Lexical JSON in the shape the editor's nodes serialise
// (shared/lexical-json.ts). Headings at the split level start sections (Heading
// 1, and with split level 2 also Heading 2 as subsections); lower headings stay
// as headings inside the section. Footnotes become numbered paragraphs at the
// end of the section that refers to them. What the editor cannot hold (images)
// is listed in `notCarried`, never dropped silently.
import { parseDocument } from 'htmlparser2';
import {
  countWords,
  headingNode,
  HEADER_STATE,
  lineBreakNode,
  linkNode,
  listItemNode,
  listNode,
  paragraphNode,
  plainText,
  quoteNode,
  serializeContent,
  tableCellNode,
  tableNode,
  tableRowNode,
  TEXT_FORMAT,
  textNode,
  type SerializedNode,
} from '../../../shared/lexical-json';
import { TEXT_LIMITS } from '../../../shared/limits';

/** The parts of htmlparser2's DOM read here (domhandler's node shapes). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export interface ImportedSection {
  title: string;
  /** Lexical JSON. */
  content: string;
  words: number;
  children: ImportedSection[];
}

export interface ConvertedDocument {
  sections: ImportedSection[];
  notCarried: string[];
  /** How many headings at the split level the document has (0: the whole document is one section). */
  splitHeadings: number;
}

const isTag = (node: DomNode, ...names: string[]) => node.type === 'tag' && names.includes(node.name ?? '');
const HEADING = /^h([1-6])$/;
const headingLevel = (node: DomNode) => (node.type === 'tag' ? Number(HEADING.exec(node.name ?? '')?.[1] ?? 0) : 0);

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join('');
}

// Titles are one line: no control characters (the contract refuses them), at most the title limit.
export function cleanTitle(text: string, fallback: string): string {
  const oneLine = text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!oneLine) return fallback;
  return oneLine.length > TEXT_LIMITS.title ? `${oneLine.slice(0, TEXT_LIMITS.title - 1)}…` : oneLine;
}

const SAFE_URL = /^(https?:|mailto:)/i;
const FOOTNOTE_REF = /^#((?:foot|end)note-[\w-]+)$/;

interface Context {
  /** Footnote ids referred to in the current section, in order. */
  footnoteRefs: string[];
  footnotes: Map<string, { label: string; body: SerializedNode[] }>;
  notCarried: string[];
  sectionTitle: string;
}

function inlines(nodes: DomNode[], format: number, context: Context): SerializedNode[] {
  const out: SerializedNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = (node.data ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
      if (text) out.push(textNode(text, format));
    } else if (node.type !== 'tag') continue;
    else if (isTag(node, 'strong', 'b')) out.push(...inlines(node.children ?? [], format | TEXT_FORMAT.bold, context));
    else if (isTag(node, 'em', 'i')) out.push(...inlines(node.children ?? [], format | TEXT_FORMAT.italic, context));
    else if (isTag(node, 'u')) out.push(...inlines(node.children ?? [], format | TEXT_FORMAT.underline, context));
    else if (isTag(node, 's', 'del', 'strike')) out.push(...inlines(node.children ?? [], format | TEXT_FORMAT.strikethrough, context));
    else if (isTag(node, 'sup')) out.push(...inlines(node.children ?? [], format | TEXT_FORMAT.superscript, context));
    else if (isTag(node, 'sub')) out.push(...inlines(node.children ?? [], format | TEXT_FORMAT.subscript, context));
    else if (isTag(node, 'br')) out.push(lineBreakNode());
    else if (isTag(node, 'img')) {
      const alt = cleanTitle(node.attribs?.alt ?? '', '');
      context.notCarried.push(
        alt
          ? `An image in “${context.sectionTitle}” (described as “${alt}”) was not imported: the editor does not hold images. Add it to the exported document instead.`
          : `An image in “${context.sectionTitle}” (with no description) was not imported: the editor does not hold images.`,
      );
    } else if (isTag(node, 'a')) {
      const href = node.attribs?.href ?? '';
      const footnote = FOOTNOTE_REF.exec(href);
      if (footnote) {
        context.footnoteRefs.push(footnote[1]!);
        out.push(textNode(textOf(node) || '*', format | TEXT_FORMAT.superscript));
      } else if (SAFE_URL.test(href)) {
        const children = inlines(node.children ?? [], format, context);
        if (children.length) out.push(linkNode(href, children));
      } else out.push(...inlines(node.children ?? [], format, context));
    } else out.push(...inlines(node.children ?? [], format, context));
  }
  return out;
}

function listOf(node: DomNode, context: Context): SerializedNode {
  const items: SerializedNode[] = [];
  for (const li of node.children ?? []) {
    if (!isTag(li, 'li')) continue;
    const own: DomNode[] = [];
    const nested: DomNode[] = [];
    for (const child of li.children ?? []) (isTag(child, 'ul', 'ol') ? nested : own).push(child);
    // A paragraph inside an item is its text; several become lines of the one item.
    const parts = own.flatMap((child, i) => {
      const converted = isTag(child, 'p') ? inlines(child.children ?? [], 0, context) : inlines([child], 0, context);
      return i > 0 && isTag(child, 'p') && converted.length ? [lineBreakNode(), ...converted] : converted;
    });
    items.push(listItemNode(parts));
    // Lexical nests a list in an item of its own, after the item it belongs to.
    for (const list of nested) items.push(listItemNode([listOf(list, context)]));
  }
  return listNode(isTag(node, 'ol') ? 'number' : 'bullet', items.length ? items : [listItemNode([])]);
}

function tableOf(node: DomNode, context: Context): SerializedNode | null {
  const rows: SerializedNode[] = [];
  const visitRows = (parent: DomNode, inHead: boolean) => {
    for (const child of parent.children ?? []) {
      if (isTag(child, 'thead')) visitRows(child, true);
      else if (isTag(child, 'tbody', 'tfoot')) visitRows(child, false);
      else if (isTag(child, 'tr')) {
        const cells = (child.children ?? [])
          .filter((c) => isTag(c, 'td', 'th'))
          .map((cell) => {
            const content = blocks(cell.children ?? [], context);
            return tableCellNode(content.length ? content : [paragraphNode([])], inHead || isTag(cell, 'th') ? HEADER_STATE.row : 0);
          });
        if (cells.length) rows.push(tableRowNode(cells));
      }
    }
  };
  visitRows(node, false);
  if (!rows.length) return null;
  // The editor's tables are rectangular: short rows get empty cells.
  const width = Math.max(...rows.map((r) => r.children!.length));
  for (const row of rows) while (row.children!.length < width) row.children!.push(tableCellNode([paragraphNode([])]));
  return tableNode(rows);
}

/** Block-level content; stray inline content is gathered into paragraphs. */
function blocks(nodes: DomNode[], context: Context): SerializedNode[] {
  const out: SerializedNode[] = [];
  let loose: DomNode[] = [];
  const flush = () => {
    const converted = inlines(loose, 0, context);
    if (converted.some((n) => n.type !== 'text' || (n.text ?? '').trim())) out.push(paragraphNode(converted));
    loose = [];
  };
  for (const node of nodes) {
    const level = headingLevel(node);
    if (level) {
      flush();
      out.push(headingNode(`h${level}` as 'h1', inlines(node.children ?? [], 0, context)));
    } else if (isTag(node, 'p')) {
      flush();
      out.push(paragraphNode(inlines(node.children ?? [], 0, context)));
    } else if (isTag(node, 'ul', 'ol')) {
      flush();
      out.push(listOf(node, context));
    } else if (isTag(node, 'table')) {
      flush();
      const table = tableOf(node, context);
      if (table) out.push(table);
    } else if (isTag(node, 'blockquote')) {
      flush();
      const paragraphs = (node.children ?? []).map((c) => inlines(isTag(c, 'p') ? (c.children ?? []) : [c], 0, context)).filter((p) => p.length);
      out.push(quoteNode(paragraphs.flatMap((p, i) => (i ? [lineBreakNode(), ...p] : p))));
    } else if (isTag(node, 'div', 'section', 'article', 'body', 'html')) {
      flush();
      out.push(...blocks(node.children ?? [], context));
    } else if (isTag(node, 'a') && !node.attribs?.href && !(node.children ?? []).length) {
      // mammoth's bookmark anchors (<a id="...">) carry nothing.
    } else loose.push(node);
  }
  flush();
  return out;
}

/** The footnotes list mammoth writes at the end: an <ol> whose items all have footnote or endnote ids. */
function takeFootnotes(nodes: DomNode[], context: Context): DomNode[] {
  const isNotes = (node: DomNode) => {
    const items = (node.children ?? []).filter((c) => isTag(c, 'li'));
    return isTag(node, 'ol') && items.length > 0 && items.every((li) => /^(foot|end)note-/.test(li.attribs?.id ?? ''));
  };
  const rest: DomNode[] = [];
  let number = 0;
  for (const node of nodes) {
    if (!isNotes(node)) {
      rest.push(node);
      continue;
    }
    for (const li of (node.children ?? []).filter((c) => isTag(c, 'li'))) {
      number++;
      const withoutBackLink = (n: DomNode): DomNode => ({
        ...n,
        children: (n.children ?? []).filter((c) => !(isTag(c, 'a') && /^#(foot|end)note-ref-/.test(c.attribs?.href ?? ''))).map(withoutBackLink),
      });
      const body = inlines(withoutBackLink(li).children?.flatMap((c) => (isTag(c, 'p') ? (c.children ?? []) : [c])) ?? [], 0, context);
      // mammoth pads the note with spaces around its back link.
      const first = body[0];
      const last = body[body.length - 1];
      if (first?.type === 'text') first.text = (first.text ?? '').trimStart();
      if (last?.type === 'text') last.text = (last.text ?? '').trimEnd();
      context.footnotes.set(li.attribs!.id!, { label: String(number), body: body.filter((n) => n.type !== 'text' || n.text) });
    }
  }
  return rest;
}

interface Draft {
  title: string;
  level: number;
  nodes: DomNode[];
}

export interface ConvertOptions {
  splitLevel: 1 | 2;
  /** The section's title when the document has no heading to split at (the file's name). */
  fallbackTitle: string;
}

/** Converts mammoth's HTML into sections (split level 2: Heading 2 sections nested under their Heading 1). */
export function htmlToSections(html: string, options: ConvertOptions): ConvertedDocument {
  const document = parseDocument(html) as unknown as DomNode;
  const context: Context = { footnoteRefs: [], footnotes: new Map(), notCarried: [], sectionTitle: options.fallbackTitle };
  const body = takeFootnotes(document.children ?? [], context);

  const drafts: Draft[] = [];
  let current: Draft | undefined;
  let splitHeadings = 0;
  for (const node of body) {
    const level = headingLevel(node);
    if (level >= 1 && level <= options.splitLevel) {
      splitHeadings++;
      current = { title: cleanTitle(textOf(node), 'Untitled section'), level, nodes: [] };
      drafts.push(current);
    } else {
      if (!current) {
        const meaningful = headingLevel(node) > 0 || textOf(node).trim() !== '' || isTag(node, 'table', 'img') || JSON.stringify(node.children ?? []).includes('"img"');
        if (!meaningful) continue;
        current = { title: options.fallbackTitle, level: 1, nodes: [] };
        drafts.push(current);
      }
      current.nodes.push(node);
    }
  }
  if (splitHeadings === 0) {
    context.notCarried.push(
      `The document has no ${options.splitLevel === 1 ? 'Heading 1' : 'Heading 1 or Heading 2'} headings, so all of it went into one section, “${options.fallbackTitle}”. Split it with the outline, or give the section titles Word’s Heading 1 style and import again.`,
    );
  }
  if (drafts.length === 0) drafts.push({ title: options.fallbackTitle, level: 1, nodes: [] });

  const sections: ImportedSection[] = [];
  for (const draft of drafts) {
    context.sectionTitle = draft.title;
    context.footnoteRefs = [];
    const content = blocks(draft.nodes, context);
    const notes = context.footnoteRefs.map((id) => context.footnotes.get(id)).filter((n) => n !== undefined);
    if (notes.length) {
      content.push(paragraphNode([textNode('Notes', TEXT_FORMAT.bold)]));
      for (const note of notes) content.push(paragraphNode([textNode(`[${note.label}] `), ...note.body]));
    }
    const state = { root: { type: 'root', children: content } };
    const section: ImportedSection = {
      title: draft.title,
      content: serializeContent(content.length ? content : [paragraphNode([])]),
      words: countWords(plainText(state)),
      children: [],
    };
    const parent = sections[sections.length - 1];
    if (draft.level === 2 && parent) parent.children.push(section);
    else sections.push(section);
  }
  return { sections, notCarried: context.notCarried, splitHeadings };
}
