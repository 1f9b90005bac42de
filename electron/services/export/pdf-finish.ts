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
