// #14 pdf: the document model written straight to a tagged PDF with pdfkit, as
// the Word and HTML writers draw it: no browser, so the same file from the app,
// the CLI and the tests, on any machine. (Chromium printing the HTML cost about
// 12 s for the 300,000-word plan, slower than LibreOffice; see export-bench.ts.)
//
// SKELETON (session 23 lead): headings and paragraphs only, so the export path
// can be wired while the writer is built out. Replaced by the full writer.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ExportResult, HouseStyle } from '../../../shared/export';
import { sectionHeadingText, type DocumentModel, type Inline } from './model/document';

const FONTS = {
  regular: '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  bold: '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
} as const;

/** A font file from node_modules (in the CommonJS bundles import.meta.url is empty: resolve from the bundle's own file). */
function fontFile(spec: string): string {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve(spec);
}

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.kind === 'text' ? i.text : i.kind === 'break' ? '\n' : i.kind === 'tab' ? '\t' : plain(i.children))).join('');

export async function documentToPdf(model: DocumentModel, style: HouseStyle): Promise<ExportResult<Uint8Array>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: (style.page.marginCm / 2.54) * 72,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    font: fontFile(FONTS.regular),
    info: { Title: model.properties.title, Subject: model.properties.subject, Author: model.properties.creator },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', fontFile(FONTS.regular));
  doc.registerFont('bold', fontFile(FONTS.bold));
  const root = doc.struct('Document');
  doc.addStructure(root);
  const h1 = doc.struct('H1', {}, () => doc.font('bold').fontSize(style.headingSizesPt.title).text(model.titlePage.title));
  root.add(h1);
  for (const section of model.sections) {
    const text = sectionHeadingText(section);
    root.add(doc.struct(`H${Math.min(6, section.level + 1)}`, {}, () => doc.font('bold').fontSize(style.headingSizesPt.h1).text(text)));
    doc.outline.addItem(text);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'quote') {
        const value = plain(block.inlines);
        if (value.trim()) root.add(doc.struct('P', {}, () => doc.font('regular').fontSize(style.bodySizePt).text(value)));
      }
    }
  }
  root.end();
  doc.end();
  await ended;
  return {
    content: Buffer.concat(chunks),
    summary: { kind: model.kind, format: 'pdf', sectionCount: model.sections.length, commentCount: 0, warnings: [...model.warnings] },
  };
}
