// Opening any .docx safely: the zip is read with limits checked on each entry's
// declared size before it is inflated (and inflation never writes past that
// size), XML is parsed namespace-aware with DTDs (and so entities) refused, and
// parts are found the way Word finds them, through relationships rather than
// fixed names. Used by the accessibility checker and by the tests' reader.
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { JfpError } from '../../../shared/errors';

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

export interface PackageLimits {
  maxEntries: number;
  /** Largest declared uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest declared uncompressed size of all entries together. */
  maxTotalBytes: number;
}

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

function size(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

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

  private constructor(private readonly entries: Record<string, Uint8Array>) {}

  /** Opens a .docx (any zip) from its bytes; throws JfpError('invalid_input') for anything unsafe or unreadable. */
  static open(bytes: Uint8Array, limits: PackageLimits = DEFAULT_LIMITS): DocxPackage {
    if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw invalid('The file is not a Word document (.docx): it is not a zip package.');
    let count = 0;
    let total = 0;
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, {
        filter: (file) => {
          count++;
          total += file.originalSize;
          if (count > limits.maxEntries) throw invalid(`The file has more than ${limits.maxEntries} parts; it was not read.`);
          if (file.originalSize > limits.maxEntryBytes) {
            throw invalid(`The part ${file.name} says it is ${size(file.originalSize)} uncompressed, over the ${size(limits.maxEntryBytes)} limit; the file was not read.`);
          }
          if (total > limits.maxTotalBytes) throw invalid(`The file would be over ${size(limits.maxTotalBytes)} uncompressed; it was not read.`);
          return true;
        },
      });
    } catch (error) {
      if (error instanceof JfpError) throw error;
      throw invalid(`The file is not a readable Word document (.docx): ${(error as Error).message}.`);
    }
    return new DocxPackage(entries);
  }

  names(): string[] {
    return Object.keys(this.entries);
  }

  has(name: string): boolean {
    return name in this.entries;
  }

  bytes(name: string): Uint8Array {
    const entry = this.entries[name];
    if (!entry) throw invalid(`The file has no part ${name}.`);
    return entry;
  }

  text(name: string): string {
    return strFromU8(this.bytes(name));
  }

  xml(name: string): Document {
    let doc = this.xmlCache.get(name);
    if (!doc) {
      doc = parseXml(this.text(name), name);
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
