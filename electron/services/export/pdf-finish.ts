// #14: NO LONGER USED BY THE APP OR THE CLI (the PDF is drawn by pdf-writer.ts). Kept only while
// test/unit/export-pdf.test.ts still tests the old printing path; delete it with those tests.
// What Chromium's tagged PDF still gets wrong, put right after printing:
// Chromium names each bookmark from the heading's laid-out lines, so a heading
// that wraps loses the space at the break ("Health and Wellbeing
// Boardopinions"), which a screen reader then reads out. The bookmarks are
// renamed to the headings' own text, in order, and the document's language
// and title are made sure of. Everything else in the file is kept as printed.
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export interface PdfFacts {
  /** Every heading of the printed page (h1 to h6), in document order. */
  headings: readonly string[];
  title: string;
  language: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The facts of a page the HTML writer made (its own markup, so a pattern reads it reliably). */
export function pdfFactsFromHtml(html: string): PdfFacts {
  const text = (fragment: string) =>
    fragment
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
      .replace(/\s+/g, ' ')
      .trim();
  const headings = [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => text(m[2]!)).filter(Boolean);
  return {
    headings,
    title: text(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? ''),
    language: /<html lang="([^"]+)"/.exec(html)?.[1] ?? 'en-GB',
  };
}

// ------------------------------------------------------------ the quick check

/** A PDF string's text: a literal "(...)" with its escapes, or "<FEFF...>" hex in UTF-16BE (or PDFDocEncoding as Latin-1). */
function pdfStringText(token: string): string | null {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(hex)) return null;
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const body = token.slice(1, -1);
  const text = body.replace(/\\(?:([0-7]{1,3})|(\r\n|\n|\r)|(.))/gs, (_m, octal: string | undefined, newline: string | undefined, other: string | undefined) => {
    if (octal) return String.fromCharCode(parseInt(octal, 8) & 0xff);
    if (newline) return '';
    return { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[other!] ?? other!;
  });
  const bytes = Buffer.from(text, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return text;
}

/** A literal string (balanced parentheses, escapes) or a hex string, as it appears after a key. */
const STRING = String.raw`\((?:[^()\\]|\\[\s\S]|\((?:[^()\\]|\\[\s\S])*\))*\)|<[0-9A-Fa-f\s]*>`;

/**
 * Whether Chromium's file already has what finishing would give it, read from
 * its plain-text objects (Skia writes no object streams): one bookmark per
 * heading with the heading's own text, the language, the title and the
 * viewer shown the title. Anything it cannot read for sure answers no, and
 * the file is finished the thorough way.
 */
export function printedAsWanted(printed: Uint8Array, facts: PdfFacts): boolean {
  const text = Buffer.from(printed.buffer, printed.byteOffset, printed.byteLength).toString('latin1');
  // An object stream or cross-reference stream could hold objects this reading cannot see.
  if (/\/Type\s*\/(?:ObjStm|XRef)\b/.test(text)) return false;
  const catalogs = [...text.matchAll(/\/Type\s*\/Catalog\b([\s\S]*?)endobj/g)];
  if (catalogs.length !== 1) return false;
  const catalog = catalogs[0]![1]!;
  const lang = new RegExp(String.raw`/Lang\s*(${STRING})`).exec(catalog);
  if (!lang || !pdfStringText(lang[1]!) || !/\/DisplayDocTitle\s+true\b/.test(catalog) || !/\/Outlines\s+\d+\s+\d+\s+R/.test(catalog)) return false;
  // Skia starts each bookmark's dictionary, and the document information's, with its /Title; a bookmark has a
  // /Parent. One written otherwise is not counted, so the counts differ and the file is finished the thorough way.
  const titles: string[] = [];
  let infoTitle: string | null = null;
  for (const object of text.matchAll(new RegExp(String.raw`\bobj\s*<<\s*/Title\s*(${STRING})([\s\S]*?)\bendobj\b`, 'g'))) {
    const value = pdfStringText(object[1]!);
    if (value === null) return false;
    const rest = object[2]!;
    if (/\/Parent\s+\d+\s+\d+\s+R/.test(rest)) titles.push(value);
    else if (/\/Producer\b|\/CreationDate\b/.test(rest)) infoTitle = value;
  }
  if (facts.title && infoTitle !== facts.title) return false;
  // The items are written in no particular order, so they are compared as sets with counts: a misnamed one shows.
  if (titles.length !== facts.headings.length) return false;
  const sorted = (list: readonly string[]) => [...list].sort().join('\u0000');
  return sorted(titles) === sorted(facts.headings);
}

/** The outline's items, depth first (the order Chromium writes the headings in). */
function outlineItems(doc: PDFDocument): PDFDict[] {
  const items: PDFDict[] = [];
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (first: PDFDict | undefined, depth: number) => {
    // A damaged outline could loop: never follow more items than the file has objects.
    for (let item = first; item && items.length <= doc.context.largestObjectNumber; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(item);
      if (depth < 16) visit(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return items;
}

/**
 * The printed PDF with its bookmarks named as the headings are, and its
 * language and title set. When the bookmarks do not match the headings one
 * for one, they are left as Chromium made them rather than misnamed.
 */
export async function finishPdf(printed: Uint8Array, facts: PdfFacts): Promise<{ bytes: Uint8Array; renamedBookmarks: number; finished: boolean }> {
  // Usually Chromium has it all right already (headings print with their spaces kept, html-writer.ts): then
  // the file is kept exactly as printed, without reading and writing it all again (1.9 s for 946 pages).
  if (printedAsWanted(printed, facts)) return { bytes: printed, renamedBookmarks: 0, finished: true };
  try {
    return await finish(printed, facts);
  } catch {
    // A file pdf-lib cannot read is kept exactly as printed (still tagged) rather than costing the person their export.
    return { bytes: printed, renamedBookmarks: 0, finished: false };
  }
}

async function finish(printed: Uint8Array, facts: PdfFacts): Promise<{ bytes: Uint8Array; renamedBookmarks: number; finished: boolean }> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  const items = outlineItems(doc);
  let renamed = 0;
  if (items.length === facts.headings.length) {
    items.forEach((item, i) => {
      const wanted = facts.headings[i]!;
      const current = item.lookup(PDFName.of('Title'));
      const had = current instanceof PDFHexString || current instanceof PDFString ? current.decodeText() : '';
      if (had !== wanted) {
        item.set(PDFName.of('Title'), PDFHexString.fromText(wanted));
        renamed++;
      }
    });
  }
  if (!doc.catalog.has(PDFName.of('Lang'))) doc.catalog.set(PDFName.of('Lang'), PDFString.of(facts.language));
  if (facts.title && doc.getTitle() !== facts.title) doc.setTitle(facts.title);
  // PDF/UA: a viewer shows the title, not the file name.
  doc.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  // Keep the file readable by older checkers: no object streams.
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, renamedBookmarks: renamed, finished: true };
}
