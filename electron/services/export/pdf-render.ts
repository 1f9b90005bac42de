// #14 pdf: laid-out pages written into pdfkit's document. Content operators are
// written directly (one string per page), each piece in marked content: its
// structure element's (an MCID, recorded in the element and the page's parent
// tree) or an Artifact (running header and footer, rules, cell borders and
// shading, repeated header rows). Links are annotations with their place in
// the structure (StructParent, OBJR); headings give the outline and named
// destinations; the contents' page numbers are filled in from where the
// headings fell.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Fonts, FontKey } from './pdf-text';
import { round } from './pdf-text';
import { A4, type Page } from './pdf-flow';
import { StructNode, type Slot } from './pdf-layout';

/** The parts of pdfkit's document this uses that its type definitions do not list. */
interface PdfRef {
  data: Record<string, unknown>;
  end(): void;
}
interface PdfPageInternals {
  height: number;
  content: { buffer: Uint8Array[]; compress: boolean; data: Record<string, unknown> };
  dictionary: PdfRef;
  fonts: Record<string, unknown>;
  annotations: PdfRef[];
  structParentTreeKey: number;
}
interface Outline {
  addItem(title: string, options?: { expanded?: boolean }): Outline;
}
interface DocInternals {
  page: PdfPageInternals;
  outline: Outline;
  ref(data: Record<string, unknown>): PdfRef;
  addPage(options: Record<string, unknown>): unknown;
  addContent(data: string | Uint8Array): unknown;
  image(src: Buffer, x: number, y: number, options: { width: number; height: number }): unknown;
  addNamedDestination(name: string, ...args: unknown[]): void;
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): { get(key: number): unknown[]; add(key: number, value: unknown): void };
  createStructParentTreeNextKey(): number;
}

export interface RenderOptions {
  margin: number;
  /** The running header (protective marking, DRAFT). */
  header: string;
  textColour: string;
}

const deflate = promisify(zlib.deflate);
const IN_FLIGHT = 3;

/** A page's content stream compressed off the main thread (pdfkit would deflate it synchronously when the page is ended). */
async function compress(content: PdfPageInternals['content']): Promise<void> {
  const raw = Buffer.concat(content.buffer);
  const packed = await deflate(raw);
  content.buffer = [packed];
  content.compress = false;
  content.data.Filter = 'FlateDecode';
}

const colours = new Map<string, string>();
function rgb(hex: string): string {
  let out = colours.get(hex);
  if (!out) {
    const n = parseInt(hex, 16);
    out = `${round(((n >> 16) & 255) / 255)} ${round(((n >> 8) & 255) / 255)} ${round((n & 255) / 255)}`;
    colours.set(hex, out);
  }
  return out;
}

/**
 * Writes the pages (the document must buffer its pages: bufferPages). Each page's content is compressed on libuv's
 * thread pool while the next is written; resolves when all are.
 */
export async function render(pdf: PDFKit.PDFDocument, fonts: Fonts, pages: readonly Page[], root: StructNode, opts: RenderOptions): Promise<void> {
  const doc = pdf as unknown as DocInternals;
  const refs = new Map<StructNode, PdfRef>();
  const refOf = (node: StructNode): PdfRef => {
    let ref = refs.get(node);
    if (!ref) {
      ref = doc.ref({ S: node.type });
      refs.set(node, ref);
    }
    return ref;
  };
  // Where each named destination fell, for the contents' page numbers.
  const destPage = new Map<string, number>();
  pages.forEach((page, i) => {
    for (const placed of page.placed) for (const op of placed.ops) if (op.k === 'dest' && !placed.artifact) destPage.set(op.name, i + 1);
  });
  const outlineStack: { level: number; item: Outline }[] = [];
  const compressing: Promise<void>[] = [];
  const m = opts.margin;

  for (const [index, page] of pages.entries()) {
    doc.addPage({ size: 'A4', layout: page.landscape ? 'landscape' : 'portrait', margin: 0 });
    const pdfPage = doc.page;
    pdfPage.dictionary.data.Tabs = 'S';
    const parents = doc.getStructParentTree().get(pdfPage.structParentTreeKey);
    const pageWidth = page.landscape ? A4.height : A4.width;
    const out: string[] = [];
    const usedFonts = new Set<FontKey>();
    // Text state and fill colour persist between text objects: set only when they change (an image's q/Q resets them).
    let state = { font: '', fill: '' };
    let open: Slot | null | undefined;
    const mark = (slot: Slot | null) => {
      if (open === slot) return;
      if (open !== undefined) out.push('EMC');
      if (slot === null) out.push('/Artifact BMC');
      else {
        const mcid = parents.length;
        parents.push(refOf(slot.node));
        slot.refs.push({ page: pdfPage.dictionary, mcid });
        out.push(`/${slot.node.type} <</MCID ${mcid}>> BDC`);
      }
      open = slot;
    };
    const text = (font: FontKey, size: number, colour: string, x: number, y: number, tj: string) => {
      usedFonts.add(font);
      const tf = `/${fonts.face(font).id} ${round(size)} Tf `;
      const fill = rgb(colour);
      out.push(`BT ${tf === state.font ? '' : tf}${fill === state.fill ? '' : `${fill} rg `}1 0 0 -1 ${round(x)} ${round(y)} Tm [${tj}] TJ ET`);
      state = { font: tf, fill };
    };
    const centred = (value: string, font: FontKey, size: number, y: number) => {
      const width = fonts.width(font, size, value);
      text(font, size, opts.textColour, (pageWidth - width) / 2, y, fonts.tj(font, value));
    };

    // The running header and footer: pagination artifacts.
    out.push('/Artifact <</Type /Pagination>> BDC');
    if (opts.header) centred(opts.header, 'bold', 10, m / 2 + 3.5);
    centred(`Page ${index + 1} of ${pages.length}`, 'regular', 10, (page.landscape ? A4.width : A4.height) - m / 2 + 3.5);
    out.push('EMC');

    for (const placed of page.placed) {
      const { dx, dy } = placed;
      for (const op of placed.ops) {
        switch (op.k) {
          case 'text':
            mark(placed.artifact ? null : op.slot);
            text(op.font, op.size, op.colour, op.x + dx + m, op.y + dy, op.tj);
            break;
          case 'pageref': {
            mark(placed.artifact ? null : op.slot);
            // A space before the number (drawn, unseen, right-aligned): read out or copied, "Foreword 5", not "Foreword5".
            const value = ` ${destPage.get(op.anchor) ?? ''}`;
            text(op.font, op.size, op.colour, op.right + dx + m - fonts.width(op.font, op.size, value), op.y + dy, fonts.tj(op.font, value));
            break;
          }
          case 'rect':
            mark(null);
            if (op.fill) state.fill = rgb(op.fill);
            if (op.fill) out.push(`${state.fill} rg ${round(op.x + dx + m)} ${round(op.y + dy)} ${round(op.w)} ${round(op.h)} re f`);
            if (op.stroke) out.push(`${rgb(op.stroke)} RG ${round(op.lw)} w ${round(op.x + dx + m)} ${round(op.y + dy)} ${round(op.w)} ${round(op.h)} re S`);
            break;
          case 'line':
            mark(null);
            out.push(`${rgb(op.colour)} RG ${round(op.lw)} w ${round(op.x1 + dx + m)} ${round(op.y1 + dy)} m ${round(op.x2 + dx + m)} ${round(op.y2 + dy)} l S`);
            break;
          case 'image':
            mark(placed.artifact ? null : op.slot);
            doc.addContent(Buffer.from(`${out.join('\n')}\n`, 'latin1'));
            out.length = 0;
            doc.image(Buffer.from(op.png), op.x + dx + m, op.y + dy, { width: op.w, height: op.h });
            state = { font: '', fill: '' };
            break;
          case 'link': {
            if (placed.artifact) break;
            const key = doc.createStructParentTreeNextKey();
            doc.getStructParentTree().add(key, refOf(op.slot.node));
            const top = op.y + dy;
            const annot = doc.ref({
              Type: 'Annot',
              Subtype: 'Link',
              Rect: [op.x + dx + m, pdfPage.height - top - op.h, op.x + dx + m + op.w, pdfPage.height - top],
              Border: [0, 0, 0],
              F: 4,
              StructParent: key,
              // What the link is, for assistive technology (PDF/UA): its address, or the contents entry's words.
              Contents: new String(op.label),
              ...(op.url ? { A: { S: 'URI', URI: new String(op.url) } } : { Dest: new String(op.dest ?? '') }),
            });
            pdfPage.annotations.push(annot);
            annot.end();
            op.slot.refs.push({ page: pdfPage.dictionary, annot });
            break;
          }
          case 'dest':
            if (!placed.artifact) doc.addNamedDestination(op.name, 'XYZ', null, op.y + dy, null);
            break;
          case 'outline': {
            if (placed.artifact) break;
            while (outlineStack.length && outlineStack[outlineStack.length - 1]!.level >= op.level) outlineStack.pop();
            const parent = outlineStack[outlineStack.length - 1]?.item ?? doc.outline;
            outlineStack.push({ level: op.level, item: parent.addItem(op.title, { expanded: op.level <= 1 }) });
            break;
          }
        }
      }
    }
    if (open !== undefined) out.push('EMC');
    for (const font of usedFonts) {
      const face = fonts.face(font);
      if (pdfPage.fonts[face.id] == null) pdfPage.fonts[face.id] = face.ref();
    }
    doc.addContent(Buffer.from(`${out.join('\n')}\n`, 'latin1'));
    compressing.push(compress(pdfPage.content));
    // A few pages in flight: each deflate holds a few hundred kilobytes of zlib state until it is done.
    if (compressing.length >= IN_FLIGHT) await compressing.shift();
  }
  await Promise.all(compressing);

  // The structure tree, from the elements that have content (an element with nothing drawn is left out).
  const written = (node: StructNode): boolean => refs.has(node) || node.kids.some((kid) => kid instanceof StructNode && written(kid));
  const finish = (node: StructNode, parent: PdfRef): PdfRef => {
    const ref = refOf(node);
    const data = ref.data;
    data.P = parent;
    const kids: unknown[] = [];
    for (const kid of node.kids) {
      if (kid instanceof StructNode) {
        if (written(kid)) kids.push(finish(kid, ref));
        continue;
      }
      for (const entry of kid.refs) {
        if ('mcid' in entry) {
          if (!data.Pg) data.Pg = entry.page;
          kids.push(data.Pg === entry.page ? entry.mcid : { Type: 'MCR', Pg: entry.page, MCID: entry.mcid });
        } else kids.push({ Type: 'OBJR', Pg: entry.page, Obj: entry.annot });
      }
    }
    data.K = kids;
    if (typeof node.attrs.alt === 'string') data.Alt = new String(node.attrs.alt);
    if (typeof node.attrs.scope === 'string') data.A = { O: 'Table', Scope: node.attrs.scope };
    ref.end();
    return ref;
  };
  const treeRoot = doc.getStructTreeRoot();
  treeRoot.data.K = [finish(root, treeRoot)];
}
