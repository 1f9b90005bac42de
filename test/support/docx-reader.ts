// Reading a produced .docx in tests: unzip and parse with the app's own safe
// package reader, then small queries that say what a reader of the document
// would see (paragraph styles and text, field instructions, table header rows,
// numbering instances, core properties).
import { DocxPackage, NS, REL_TYPE } from '../../electron/services/export/docx-package';

export { DocxPackage, NS };

export function readDocx(bytes: Uint8Array): DocxPackage {
  return DocxPackage.open(bytes);
}

/** Elements in the w: namespace under a node, in document order. */
export function wElements(node: Document | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(NS.w, localName));
}

export function wVal(element: Element | null | undefined): string | null {
  return element ? element.getAttributeNS(NS.w, 'val') || null : null;
}

function firstW(element: Element, localName: string): Element | null {
  return element.getElementsByTagNameNS(NS.w, localName).item(0);
}

/** The visible text of an element (w:t, tabs as spaces). */
export function textOf(element: Element): string {
  let out = '';
  const texts = element.getElementsByTagNameNS(NS.w, 't');
  for (let i = 0; i < texts.length; i++) out += texts.item(i)!.textContent ?? '';
  return out;
}

export interface ParagraphView {
  style: string | null;
  text: string;
  numId: string | null;
  level: string | null;
}

export function paragraphs(pkg: DocxPackage, part = pkg.mainDocument()): ParagraphView[] {
  return wElements(pkg.xml(part), 'p').map((p) => {
    const pPr = firstW(p, 'pPr');
    const numPr = pPr ? firstW(pPr, 'numPr') : null;
    return {
      style: pPr ? wVal(firstW(pPr, 'pStyle')) : null,
      text: textOf(p),
      numId: numPr ? wVal(firstW(numPr, 'numId')) : null,
      level: numPr ? wVal(firstW(numPr, 'ilvl')) : null,
    };
  });
}

/** Heading paragraphs as [level, text]. */
export function headings(pkg: DocxPackage): [number, string][] {
  return paragraphs(pkg)
    .filter((p) => p.style && /^Heading[1-9]$/.test(p.style))
    .map((p) => [Number(p.style!.slice(7)), p.text]);
}

/** Every field instruction in a part, complex (w:instrText) and simple (w:fldSimple). */
export function fieldInstructions(pkg: DocxPackage, part: string): string[] {
  const doc = pkg.xml(part);
  const complex = wElements(doc, 'instrText').map((e) => (e.textContent ?? '').trim());
  const simple = wElements(doc, 'fldSimple').map((e) => (e.getAttributeNS(NS.w, 'instr') ?? '').trim());
  return [...complex, ...simple];
}

/** The parts the main document points at with a relationship of this type. */
export function relatedParts(pkg: DocxPackage, type: keyof typeof REL_TYPE): string[] {
  const main = pkg.mainDocument();
  return pkg
    .relationships(main)
    .filter((r) => r.type === REL_TYPE[type])
    .map((r) => r.target);
}

export function coreProperty(pkg: DocxPackage, ns: string, localName: string): string | null {
  const element = pkg.xml('docProps/core.xml').getElementsByTagNameNS(ns, localName).item(0);
  return element ? (element.textContent ?? '') : null;
}
