// #14 pdf: the document model written straight to a tagged PDF with pdfkit, as
// the Word and HTML writers draw it: no browser, so the same file from the app,
// the CLI and the tests, on any machine. (Chromium printing the HTML cost about
// 12 s for the 300,000-word plan, slower than LibreOffice; see export-bench.ts.)
//
// Three steps: lay out (pdf-layout.ts: blocks as slices of drawing operations,
// with the structure tree built alongside), flow onto A4 pages (pdf-flow.ts),
// then write (pdf-render.ts: marked content, running header and footer, the
// outline, links, and the contents' page numbers now that pages are known).
// Text is the Arimo font (Arial's metrics), each word shaped once (pdf-text.ts).
import PDFDocument from 'pdfkit';
import type { ExportResult, ExportWarning, HouseStyle } from '../../../shared/export';
import { headerText } from './docx-document';
import { CONTENTS_TITLE } from './model/build';
import { sectionHeadingText, type DocumentModel } from './model/document';
import { A4, Flow } from './pdf-flow';
import { blockSlices, headingSlices, plainRun, shift, StructNode, tableSlices, textSlices, type Ctx, type Piece, type Slice } from './pdf-layout';
import { render } from './pdf-render';
import { Fonts } from './pdf-text';

const PT_PER_CM = 72 / 2.54;

/** Characters the font cannot draw, counted per part of the document, for one warning each. */
class Missing {
  private readonly parts: { sectionId: string | null; title: string; count: number; chars: Set<string> }[] = [];
  private current: { sectionId: string | null; title: string; count: number; chars: Set<string> } | null = null;

  enter(sectionId: string | null, title: string): void {
    this.current = { sectionId, title, count: 0, chars: new Set() };
    this.parts.push(this.current);
  }

  readonly hear = (char: string): void => {
    if (!this.current) this.enter(null, 'Title page');
    this.current!.count++;
    this.current!.chars.add(char);
  };

  warnings(replacement: string): ExportWarning[] {
    return this.parts
      .filter((p) => p.count > 0)
      .map((p) => {
        const codes = [...p.chars]
          .slice(0, 5)
          .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
          .join(', ');
        const more = p.chars.size > 5 ? ' and others' : '';
        const what = p.count === 1 ? '1 character' : `${p.count} characters`;
        return { sectionId: p.sectionId, sectionTitle: p.title, message: `${what} the PDF font cannot draw (${codes}${more}) shown as “${replacement}”.` };
      });
  }
}

export async function documentToPdf(model: DocumentModel, style: HouseStyle): Promise<ExportResult<Uint8Array>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    // Pages are kept until the end, so their content can be compressed in the background (pdf-render.ts).
    bufferPages: true,
    tagged: true,
    // PDF/UA identification in the metadata (pdfkit supports it; its type definitions list only PDF/A).
    subset: 'PDF/UA' as unknown as 'PDF/A-1',
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    compress: true,
    info: {
      Title: model.properties.title,
      Subject: model.properties.subject,
      Author: model.properties.creator,
      Keywords: model.properties.keywords ?? '',
      Creator: 'JFP Studio',
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const fonts = new Fonts(doc);
  const missing = new Missing();
  const margin = style.page.marginCm * PT_PER_CM;
  const portrait = A4.width - 2 * margin;
  const landscape = A4.height - 2 * margin;
  const ctx: Ctx = { fonts, style, size: style.bodySizePt, leading: 1.4, colour: style.textColour, inCell: false, missing: missing.hear };
  const root = new StructNode('Document');
  const slices: Slice[] = [];

  // ------------------------------------------------------------ title page
  missing.enter(null, 'Title page');
  const page = model.titlePage;
  const aboveCover = model.cover !== null;
  if (page.logo) slices.push(...blockSlices(ctx, [page.logo], root, 0, portrait));
  const lead = { size: style.headingSizesPt.h2, colour: style.textColour };
  const para = (value: string, run: { size: number; colour: string; bold?: boolean }, after = run.size * 0.4) => {
    const node = root.add('P');
    slices.push(...textSlices(ctx, [plainRun(ctx, value, node.slot(), run)], 0, portrait, { after }));
  };
  if (page.organisation) para(page.organisation, lead);
  const titleSize = aboveCover ? Math.min(style.headingSizesPt.title, 24) : style.headingSizesPt.title;
  slices.push(...headingSlices(ctx, root, 0, portrait, { tag: 1, text: page.title, size: titleSize }));
  if (page.period) para(page.period, lead);
  if (page.details.length) {
    const labelW =
      Math.max(
        ...page.details.map((d) =>
          fonts.width(
            'bold',
            ctx.size,
            fonts.clean(d.label, () => undefined),
          ),
        ),
      ) + ctx.size;
    for (const detail of page.details) {
      const node = root.add('P');
      const label = textSlices(ctx, [plainRun(ctx, `${detail.label}: `, node.slot(), { bold: true, size: ctx.size, colour: ctx.colour })], 0, labelW);
      const value = textSlices(ctx, [plainRun(ctx, detail.value, node.slot(), { size: ctx.size, colour: ctx.colour })], labelW, portrait - labelW);
      value[0]!.ops.unshift(...label[0]!.ops);
      value[value.length - 1]!.h += ctx.size * 0.2;
      slices.push(...value);
    }
  }
  if (page.preparedBy) {
    slices.push({ h: ctx.size, ops: [] });
    para(page.preparedBy, { size: ctx.size, colour: ctx.colour });
  }

  // ------------------------------------------------------------ the board paper's cover sheet
  if (model.cover) {
    missing.enter(null, model.cover.heading);
    slices.push(...headingSlices(ctx, root, 0, portrait, { tag: 2, text: model.cover.heading, anchor: model.cover.anchor }));
    slices[slices.length - 1]!.h -= style.headingSizesPt.h1 * 0.25;
    // Compact, as the web page prints it: 10 pt, single-spaced, so every field fits page 1.
    slices.push(...tableSlices(ctx, model.cover.table, root, 0, portrait, { size: 10, leading: 1.22 }));
    if (model.cover.continuation.length) {
      slices.push({ h: 0, ops: [], brk: 'page' });
      slices.push(...blockSlices(ctx, model.cover.continuation, root, 0, portrait));
    }
  }

  // ------------------------------------------------------------ contents, with page numbers filled in when drawn
  if (model.contents) {
    missing.enter(null, CONTENTS_TITLE);
    slices.push({ h: 0, ops: [], brk: 'page' });
    slices.push(...headingSlices(ctx, root, 0, portrait, { tag: 2, text: CONTENTS_TITLE, anchor: 'jfp-contents' }));
    const toc = root.add('TOC');
    const entries = [
      ...model.sections.filter((s) => s.level <= 3).map((s) => ({ level: s.level, anchor: s.anchor, text: sectionHeadingText(s) })),
      ...model.appendices.map((a) => ({ level: 1, anchor: a.anchor, text: a.title })),
    ];
    const numberW = ctx.size * 3;
    for (const entry of entries) {
      const link = toc.add('TOCI').add('Link');
      const indent = (entry.level - 1) * ctx.size * 1.2;
      const run = { ...plainRun(ctx, entry.text, link.slot(), { bold: entry.level === 1, size: ctx.size, colour: ctx.colour }), dest: entry.anchor };
      const lines = textSlices(ctx, [run], indent, portrait - indent - numberW, { after: ctx.size * 0.25 });
      const last = lines[lines.length - 1]!;
      const baseline = last.ops.find((op) => op.k === 'text');
      last.ops.push({
        k: 'pageref',
        anchor: entry.anchor,
        right: portrait,
        y: baseline && baseline.k === 'text' ? baseline.y : ctx.size,
        font: run.font,
        size: ctx.size,
        colour: ctx.colour,
        slot: link.slot(),
      });
      slices.push(...lines);
    }
  } else if (!model.cover) slices.push({ h: 0, ops: [], brk: 'page' });

  if (model.noSectionsNote) {
    const node = root.add('P');
    slices.push(
      ...textSlices(ctx, [plainRun(ctx, model.noSectionsNote, node.slot(), { italic: true, size: ctx.size, colour: ctx.colour })], 0, portrait, { after: ctx.size }),
    );
  }

  // ------------------------------------------------------------ sections
  for (const section of model.sections) {
    const title = sectionHeadingText(section);
    missing.enter(section.id, title);
    if (section.startsPage) slices.push({ h: 0, ops: [], brk: 'portrait' });
    slices.push(...headingSlices(ctx, root, 0, portrait, { tag: Math.min(section.level + 1, 6), text: title, anchor: section.anchor }));
    if (section.guidance.length) slices.push(...guidanceBox(ctx, root, section.guidance, portrait));
    slices.push(...blockSlices(ctx, section.blocks, root, 0, portrait));
  }

  // ------------------------------------------------------------ appendices: each starts a page; wide ones are landscape
  for (const appendix of model.appendices) {
    missing.enter(null, appendix.title);
    const width = appendix.landscape ? landscape : portrait;
    slices.push({ h: 0, ops: [], brk: appendix.landscape ? 'landscape' : 'portrait' });
    slices.push(...headingSlices(ctx, root, 0, width, { tag: 2, text: appendix.title, anchor: appendix.anchor }));
    slices.push(...blockSlices(ctx, appendix.blocks, root, 0, width));
  }

  const flow = new Flow(margin);
  flow.place(slices);
  if (!flow.pages.length) flow.newPage();
  await render(doc, fonts, flow.pages, root, { margin, header: headerText(model.marking.protectiveMarking, model.marking.draft), textColour: style.textColour });
  doc.end();
  await ended;
  const warnings = [...model.warnings];
  if (model.threads) warnings.unshift({ sectionId: null, sectionTitle: '', message: 'Reviewers’ comments are only included in Word exports; this PDF has none.' });
  warnings.push(...missing.warnings(fonts.replacement));
  // The house font is a licensed one (Frutiger): the PDF cannot carry it, so the person is told what it is set in.
  if (style.font !== 'Arial')
    warnings.push({
      sectionId: null,
      sectionTitle: '',
      message: `This PDF is set in Arimo, which has Arial’s letter widths: ${style.font} is licensed and cannot be embedded in a PDF. The Word document uses ${style.font} where it is installed.`,
    });
  return {
    content: Buffer.concat(chunks),
    summary: { kind: model.kind, format: 'pdf', sectionCount: model.sections.length, commentCount: 0, warnings },
  };
}

/** A section's template guidance: a shaded, bordered box, drawn slice by slice so it follows its text over a page break. */
function guidanceBox(ctx: Ctx, root: StructNode, lines: readonly string[], width: number): Slice[] {
  const node = root.add('P');
  const pad = ctx.size * 0.5;
  const padX = ctx.size * 0.8;
  // Each line of guidance on a line of its own, as the web page shows it.
  const pieces: Piece[] = [plainRun(ctx, 'Guidance: ', node.slot(), { bold: true, size: ctx.size, colour: ctx.colour })];
  lines.forEach((line, i) => {
    if (i > 0) pieces.push({ br: true });
    pieces.push(plainRun(ctx, line, node.slot(), { size: ctx.size, colour: ctx.colour }));
  });
  const slices = textSlices(ctx, pieces, padX, width - 2 * padX);
  slices[0] = { ...slices[0]!, h: slices[0]!.h + pad, ops: shift(slices[0]!.ops, 0, pad) };
  slices[slices.length - 1]!.h += pad;
  const border = ctx.style.borderColour;
  slices.forEach((slice, i) => {
    const decoration: Slice['ops'] = [
      { k: 'rect', x: 0, y: 0, w: width, h: slice.h, fill: ctx.style.shadingColour, stroke: null, lw: 0 },
      { k: 'line', x1: 0, y1: 0, x2: 0, y2: slice.h, colour: border, lw: 0.75 },
      { k: 'line', x1: width, y1: 0, x2: width, y2: slice.h, colour: border, lw: 0.75 },
    ];
    if (i === 0) decoration.push({ k: 'line', x1: 0, y1: 0, x2: width, y2: 0, colour: border, lw: 0.75 });
    if (i === slices.length - 1) decoration.push({ k: 'line', x1: 0, y1: slice.h, x2: width, y2: slice.h, colour: border, lw: 0.75 });
    slice.ops = [...decoration, ...slice.ops];
  });
  slices[slices.length - 1]!.h += ctx.size;
  return slices;
}
