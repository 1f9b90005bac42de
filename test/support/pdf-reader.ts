// Reads a PDF as a person checking it would: how many pages, their size, and
// the words on each, in reading order. PDF.js (pdfjs-dist) does the parsing in
// plain JavaScript, so tests need no poppler (pdfinfo, pdftotext) from the OS.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Width and height in points (A4 portrait is about 595 x 842). */
  width: number;
  height: number;
  /** The page's words, one space between them, a line break between lines. */
  text: string;
}

export interface PdfContent {
  pageCount: number;
  pages: PdfPage[];
  /** Every page's text with all runs of white space made one space, ready for `toContain`. */
  text: string;
}

interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

/**
 * Puts a page's text runs into words and lines. Chromium and LibreOffice place
 * runs one by one; a space goes where there is a visible gap between two runs
 * on a line, so a word split into two runs stays one word.
 */
function pageText(items: PlacedText[]): string {
  let out = '';
  let previous: PlacedText | undefined;
  for (const item of items) {
    if (previous) {
      const sameLine = Math.abs(item.y - previous.y) < Math.max(2, previous.height * 0.5);
      if (!sameLine || previous.hasEOL) out += '\n';
      else if (item.x - (previous.x + previous.width) > Math.max(1, previous.height * 0.15) && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
    }
    out += item.str;
    if (item.str !== '' || item.hasEOL) previous = item;
  }
  return out;
}

/** `only`: read just these pages (1-based; the others are left with no text), for long files. */
export async function readPdf(bytes: Uint8Array, only?: readonly number[]): Promise<PdfContent> {
  // PDF.js takes ownership of the buffer it is given: pass a copy.
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (only && !only.includes(n)) {
        pages.push({ width: 0, height: 0, text: '' });
        continue;
      }
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: PlacedText[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, height: item.height, hasEOL: item.hasEOL });
      }
      const rotated = page.rotate % 180 !== 0;
      pages.push({ width: rotated ? y1 - y0 : x1 - x0, height: rotated ? x1 - x0 : y1 - y0, text: pageText(items) });
      page.cleanup();
    }
    return {
      pageCount: doc.numPages,
      pages,
      text: pages
        .map((p) => p.text)
        .join('\n')
        .replace(/\s+/g, ' '),
    };
  } finally {
    await task.destroy();
  }
}

export interface PdfOutlineEntry {
  title: string;
  /** 1 for top-level bookmarks. */
  level: number;
  /** The page (1-based) the bookmark opens. */
  page: number;
}

/** What makes a PDF accessible, as a checker reads it from the file. */
export interface PdfStructure {
  /** MarkInfo /Marked: the content is tagged. */
  marked: boolean;
  /** A structure tree (StructTreeRoot) with tags on the first page. */
  structureRoles: string[];
  /** Alternative text of the figures in the structure tree, in order. */
  figureAlts: string[];
  /** The catalogue's /Lang. */
  language: string | null;
  /** The document information's Title. */
  title: string | null;
  /** The bookmarks, depth first. */
  outline: PdfOutlineEntry[];
  /** Each page's width and height in points. */
  pageSizes: { width: number; height: number }[];
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: (StructNode | { type: string })[];
}

function walkStructure(node: StructNode, roles: string[], alts: string[]): void {
  if (node.role) roles.push(node.role);
  if (node.role === 'Figure' && node.alt) alts.push(node.alt);
  for (const child of node.children ?? []) if ('role' in child || 'children' in child) walkStructure(child as StructNode, roles, alts);
}

export async function readPdfStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const markInfo = await doc.getMarkInfo();
    const { info } = (await doc.getMetadata()) as { info: { Title?: string; Language?: string } };
    const outline: PdfOutlineEntry[] = [];
    type Item = { title: string; dest: unknown; items: Item[] };
    const visit = async (items: Item[] | null, level: number) => {
      for (const item of items ?? []) {
        const dest = (typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest) as [{ num: number; gen: number }] | null;
        const page = dest ? (await doc.getPageIndex(dest[0])) + 1 : 0;
        outline.push({ title: item.title, level, page });
        await visit(item.items, level + 1);
      }
    };
    await visit((await doc.getOutline()) as Item[] | null, 1);
    const roles: string[] = [];
    const alts: string[] = [];
    const pageSizes: { width: number; height: number }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const tree = (await page.getStructTree()) as StructNode | null;
      if (tree) walkStructure(tree, roles, alts);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const rotated = page.rotate % 180 !== 0;
      pageSizes.push({ width: rotated ? y1 - y0 : x1 - x0, height: rotated ? x1 - x0 : y1 - y0 });
      page.cleanup();
    }
    return {
      marked: markInfo?.Marked === true,
      structureRoles: roles,
      figureAlts: alts,
      language: info.Language ?? null,
      title: info.Title ?? null,
      outline,
      pageSizes,
    };
  } finally {
    await task.destroy();
  }
}

// ------------------------------------------------------- #14 the tagged structure, read with pdf-lib

/** One structure element: its role, alt text, table header scope, and whether it holds an annotation (a link's). */
export interface PdfTag {
  role: string;
  depth: number;
  alt: string | null;
  scope: string | null;
  annotations: number;
  /** Marked-content pieces of its own (not its children's). */
  contents: number;
  children: string[];
}

/** What a PDF/UA checker looks at besides the tags: viewer preferences, tab order, fonts. */
export interface PdfAccessFacts {
  displayDocTitle: boolean;
  /** Each page's /Tabs. */
  tabs: (string | null)[];
  /** Every font: its name, whether it has a ToUnicode map and an embedded font file. */
  fonts: { name: string; toUnicode: boolean; embedded: boolean }[];
  /** Each page's link annotations: URI or named destination. */
  links: { page: number; uri: string | null; dest: string | null; structParent: boolean }[];
  /** Whether the metadata names PDF/UA. */
  pdfUa: boolean;
  tags: PdfTag[];
}

export async function readPdfAccess(bytes: Uint8Array): Promise<PdfAccessFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const name = (n: string) => PDFName.of(n);
  const deref = (v: unknown): unknown => (v instanceof PDFRef ? ctx.lookup(v) : v);
  const str = (v: unknown): string | null => {
    const value = deref(v);
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value instanceof PDFName ? value.decodeText() : null;
  };
  const catalog = doc.catalog;
  const prefs = deref(catalog.get(name('ViewerPreferences')));
  const displayDocTitle = prefs instanceof PDFDict && String(prefs.get(name('DisplayDocTitle'))) === 'true';
  const pages = doc.getPages();
  const tabs = pages.map((p) => str(p.node.get(name('Tabs'))));
  const fonts: PdfAccessFacts['fonts'] = [];
  const seen = new Set<string>();
  const links: PdfAccessFacts['links'] = [];
  pages.forEach((page, i) => {
    const resources = deref(page.node.get(name('Resources')));
    const fontDict = resources instanceof PDFDict ? deref(resources.get(name('Font'))) : null;
    if (fontDict instanceof PDFDict) {
      for (const [, ref] of fontDict.entries()) {
        const key = String(ref);
        if (seen.has(key)) continue;
        seen.add(key);
        const font = deref(ref) as PDFDict;
        const descendants = deref(font.get(name('DescendantFonts')));
        const cid = descendants instanceof PDFArray ? (deref(descendants.get(0)) as PDFDict) : font;
        const descriptor = deref(cid.get(name('FontDescriptor')));
        const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(name(k)) !== undefined);
        fonts.push({ name: str(font.get(name('BaseFont'))) ?? '', toUnicode: font.get(name('ToUnicode')) !== undefined, embedded });
      }
    }
    const annots = deref(page.node.get(name('Annots')));
    if (annots instanceof PDFArray) {
      for (const ref of annots.asArray()) {
        const annot = deref(ref) as PDFDict;
        if (str(annot.get(name('Subtype'))) !== 'Link') continue;
        const action = deref(annot.get(name('A')));
        links.push({
          page: i + 1,
          uri: action instanceof PDFDict ? str(action.get(name('URI'))) : null,
          dest: str(annot.get(name('Dest'))),
          structParent: annot.get(name('StructParent')) instanceof PDFNumber,
        });
      }
    }
  });
  const metadata = deref(catalog.get(name('Metadata')));
  let pdfUa = false;
  if (metadata instanceof PDFRawStream || metadata instanceof PDFStream) {
    const raw = metadata instanceof PDFRawStream ? Buffer.from(metadata.contents).toString('latin1') : '';
    pdfUa = raw.includes('pdfuaid:part');
  }
  const tags: PdfTag[] = [];
  const visit = (value: unknown, depth: number) => {
    const node = deref(value);
    if (node instanceof PDFArray) {
      for (const item of node.asArray()) visit(item, depth);
      return;
    }
    if (!(node instanceof PDFDict)) return;
    const role = str(node.get(name('S')));
    const tag: PdfTag = { role: role ?? '', depth, alt: str(node.get(name('Alt'))), scope: null, annotations: 0, contents: 0, children: [] };
    const attrs = deref(node.get(name('A')));
    if (attrs instanceof PDFDict) tag.scope = str(attrs.get(name('Scope')));
    tags.push(tag);
    const kids = deref(node.get(name('K')));
    const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
    for (const kid of list) {
      const child = deref(kid);
      if (child instanceof PDFNumber) tag.contents++;
      else if (child instanceof PDFDict) {
        const type = str(child.get(name('Type')));
        if (type === 'MCR') tag.contents++;
        else if (type === 'OBJR') tag.annotations++;
        else {
          tag.children.push(str(child.get(name('S'))) ?? '');
          visit(child, depth + 1);
        }
      }
    }
  };
  const tree = deref(catalog.get(name('StructTreeRoot')));
  if (tree instanceof PDFDict) visit(tree.get(name('K')), 0);
  return { displayDocTitle, tabs, fonts, links, pdfUa, tags };
}
