// Reads a PDF as a person checking it would: how many pages, their size, and
// the words on each, in reading order. PDF.js (pdfjs-dist) does the parsing in
// plain JavaScript, so tests need no poppler (pdfinfo, pdftotext) from the OS.
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

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // PDF.js takes ownership of the buffer it is given: pass a copy.
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
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
