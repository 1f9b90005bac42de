// Opening any .docx safely: the zip is read with zip-reader.ts (declared sizes
// checked before anything is inflated, parts inflated only when asked for and
// never past their budgets), XML is parsed namespace-aware with DTDs (and so
// entities) refused and a budget of elements per package (a DOM costs several
// hundred bytes an element), and parts are found the way Word finds them,
// through relationships rather than fixed names. Used by the accessibility
// checker, the Word comments reader and the tests' reader.
import { DOMParser } from '@xmldom/xmldom';
import { JfpError } from '../../../shared/errors';
import { ZipReader, type ZipBudget } from './zip-reader';

export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  /** Office's "mark as decorative" extension on wp:docPr. */
  adec: 'http://schemas.microsoft.com/office/drawing/2017/decorative',
} as const;

export const REL_TYPE = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  strictOfficeDocument: 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  settings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings',
  header: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header',
  footer: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer',
  numbering: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
} as const;

export interface PackageLimits extends ZipBudget {
  /** Most XML elements (counted as '<'s) all the parts parsed into a DOM may hold together; unlimited when omitted. */
  maxXmlElements?: number;
}

/** For our own exports (the accessibility check of a large plan) and the tests' reader. */
export const DEFAULT_LIMITS: PackageLimits = {
  maxEntries: 5_000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 400 * 1024 * 1024,
};

export interface Relationship {
  id: string;
  type: string;
  /** Package path of the target ('' for external targets). */
  target: string;
  external: boolean;
}

const invalid = (message: string) => new JfpError('invalid_input', message);

/** Parses XML text; refuses DTDs (no entity expansion) and malformed documents. */
export function parseXml(text: string, partName: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw invalid(`The part ${partName} declares a DTD, which Word documents never do; the file was not read.`);
  let problem: string | null = null;
  const parser = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => {
        problem ??= message;
      },
      fatalError: (message: string) => {
        problem ??= message;
      },
    },
  });
  const doc = parser.parseFromString(text, 'application/xml');
  if (problem || !doc || !doc.documentElement) {
    throw invalid(`The part ${partName} is not well-formed XML${problem ? ` (${String(problem).split('\n')[0]})` : ''}.`);
  }
  return doc;
}

/** Resolves a relationship target against the folder of the part that holds it. */
export function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const piece of target.replace(/^\//, '').split('/')) {
    if (piece === '..') base.pop();
    else if (piece !== '.' && piece !== '') base.push(piece);
  }
  return base.join('/');
}

export class DocxPackage {
  private readonly xmlCache = new Map<string, Document>();
  private xmlElements = 0;

  private constructor(
    private readonly zip: ZipReader,
    private readonly limits: PackageLimits,
  ) {}

  /** Opens a .docx (any zip) from its bytes, inflating nothing yet; throws JfpError('invalid_input') for anything unsafe or unreadable. */
  static open(bytes: Uint8Array, limits: PackageLimits = DEFAULT_LIMITS): DocxPackage {
    return new DocxPackage(ZipReader.open(bytes, limits), limits);
  }

  names(): string[] {
    return this.zip.names();
  }

  has(name: string): boolean {
    return this.zip.has(name);
  }

  /** A part's bytes, inflated now (within the package's budgets) and not kept. */
  bytes(name: string): Uint8Array {
    return this.zip.read(name);
  }

  text(name: string): string {
    return new TextDecoder().decode(this.bytes(name));
  }

  xml(name: string): Document {
    let doc = this.xmlCache.get(name);
    if (!doc) {
      const text = this.text(name);
      const budget = this.limits.maxXmlElements;
      if (budget !== undefined) {
        this.xmlElements += countElements(text);
        if (this.xmlElements > budget) {
          throw invalid(
            `The file holds more XML than a Word document this app imports (over ${budget.toLocaleString('en-GB')} elements, reached in ${name}); it was not read.`,
          );
        }
      }
      doc = parseXml(text, name);
      this.xmlCache.set(name, doc);
    }
    return doc;
  }

  /** Relationships of a part ('' for the package's own, _rels/.rels). */
  relationships(sourcePart: string): Relationship[] {
    const slash = sourcePart.lastIndexOf('/');
    const relsName = sourcePart === '' ? '_rels/.rels' : `${sourcePart.slice(0, slash + 1)}_rels/${sourcePart.slice(slash + 1)}.rels`;
    if (!this.has(relsName)) return [];
    const elements = this.xml(relsName).getElementsByTagNameNS(NS.rel, 'Relationship');
    const out: Relationship[] = [];
    for (let i = 0; i < elements.length; i++) {
      const element = elements.item(i)!;
      const external = element.getAttribute('TargetMode') === 'External';
      const target = element.getAttribute('Target') ?? '';
      out.push({
        id: element.getAttribute('Id') ?? '',
        type: element.getAttribute('Type') ?? '',
        target: external ? '' : resolveTarget(sourcePart, target),
        external,
      });
    }
    return out;
  }

  /** The first internal part a part points at with a relationship of this type. */
  related(sourcePart: string, type: string): string | null {
    const found = this.relationships(sourcePart).find((r) => r.type === type && !r.external && this.has(r.target));
    return found ? found.target : null;
  }

  /** The main document part (normally word/document.xml). */
  mainDocument(): string {
    const main = this.related('', REL_TYPE.officeDocument) ?? this.related('', REL_TYPE.strictOfficeDocument);
    if (main) return main;
    if (this.has('word/document.xml')) return 'word/document.xml';
    throw invalid('The file is not a Word document (.docx): it has no main document part.');
  }
}

/** Tags in a part (every element, comment and instruction starts with '<'): a bound on the nodes its DOM will hold. */
function countElements(text: string): number {
  let count = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) count++;
  return count;
}

/** Direct child elements of an element with this namespace and local name. */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === localName) out.push(node as Element);
  }
  return out;
}

export function childElement(parent: Element | null | undefined, ns: string, localName: string): Element | null {
  if (!parent) return null;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === localName) return node as Element;
  }
  return null;
}

/** A w: attribute's value (w:val and the like). */
export function wAttr(element: Element | null | undefined, name: string): string | null {
  if (!element) return null;
  return element.getAttributeNS(NS.w, name) || element.getAttribute(`w:${name}`) || null;
}
