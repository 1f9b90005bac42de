// Validates .docx parts against the ECMA-376 transitional schemas kept in
// test/fixtures/ooxml-xsd, with libxml2 compiled to WebAssembly (libxml2-wasm),
// so no system tool is needed. Word and the docx library mark Microsoft
// extensions as ignorable (mc:Ignorable), which the schemas do not know, so
// each part is first processed as Markup Compatibility (ECMA-376 Part 3)
// requires: ignorable elements and attributes dropped, AlternateContent
// resolved to its Fallback.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLSerializer } from '@xmldom/xmldom';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { NS, parseXml, type DocxPackage } from '../../electron/services/export/docx-package';

export const XSD_DIR = fileURLToPath(new URL('../fixtures/ooxml-xsd', import.meta.url));
export const ENTRY_XSD = path.join(XSD_DIR, 'entry.xsd');

function ignorableNamespaces(root: Element): Set<string> {
  const prefixes = (root.getAttributeNS(NS.mc, 'Ignorable') || '').split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (const prefix of prefixes) {
    const uri = root.lookupNamespaceURI(prefix);
    if (uri) out.add(uri);
  }
  return out;
}

function processElement(element: Element, ignorable: Set<string>): void {
  for (let i = element.attributes.length - 1; i >= 0; i--) {
    const attribute = element.attributes.item(i)!;
    if (attribute.namespaceURI === NS.mc || (attribute.namespaceURI && ignorable.has(attribute.namespaceURI))) {
      element.removeAttributeNode(attribute);
    }
  }
  let child = element.firstChild;
  while (child) {
    const next = child.nextSibling;
    if (child.nodeType === 1) {
      const el = child as Element;
      if (el.namespaceURI === NS.mc && el.localName === 'AlternateContent') {
        const fallback = Array.from(el.childNodes).find((n) => n.nodeType === 1 && (n as Element).localName === 'Fallback') as Element | undefined;
        if (fallback) {
          for (const inner of Array.from(fallback.childNodes)) {
            element.insertBefore(inner, el);
            if (inner.nodeType === 1) processElement(inner as Element, ignorable);
          }
        }
        element.removeChild(el);
      } else if (el.namespaceURI === NS.mc || (el.namespaceURI && ignorable.has(el.namespaceURI))) {
        element.removeChild(el);
      } else {
        processElement(el, ignorable);
      }
    }
    child = next;
  }
}

/** A part's XML as a consumer that understands none of the ignorable namespaces reads it. */
export function stripMarkupCompatibility(xml: string, partName = 'part'): string {
  const doc = parseXml(xml, partName);
  const root = doc.documentElement!;
  processElement(root, ignorableNamespaces(root));
  return new XMLSerializer().serializeToString(doc);
}

export interface ValidationResult {
  ok: boolean;
  /** One line per problem: `part:line: message`. */
  output: string;
}

let validator: XsdValidator | undefined;

/** The schemas compiled once per test process (about half a second), imports resolved from XSD_DIR. */
function schemaValidator(): XsdValidator {
  if (validator) return validator;
  // The schemas import each other by relative file name; libxml2-wasm reads nothing from disk unless told to.
  xmlRegisterFsInputProviders();
  const schema = XmlDocument.fromBuffer(fs.readFileSync(ENTRY_XSD), { url: ENTRY_XSD });
  try {
    validator = XsdValidator.fromDoc(schema);
  } finally {
    schema.dispose();
  }
  return validator;
}

/** Validates one part's XML, already processed for Markup Compatibility, naming `partName` in each problem. */
export function validateXml(xml: string, partName: string): ValidationResult {
  const schema = schemaValidator();
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { url: partName });
  } catch (error) {
    return { ok: false, output: `${partName}: not well-formed XML: ${error instanceof Error ? error.message.trim() : String(error)}` };
  }
  try {
    schema.validate(doc);
    return { ok: true, output: '' };
  } catch (error) {
    if (!(error instanceof XmlValidateError)) throw error;
    return { ok: false, output: error.details.map((d) => `${partName}:${d.line}: ${d.message.trim()}`).join('\n') };
  } finally {
    doc.dispose();
  }
}

/** Validates the named parts of a package (after Markup Compatibility processing). */
export function validateParts(pkg: DocxPackage, partNames: readonly string[]): ValidationResult {
  const results = partNames.map((name) => validateXml(stripMarkupCompatibility(pkg.text(name), name), name));
  return {
    ok: results.every((r) => r.ok),
    output: results
      .map((r) => r.output)
      .filter(Boolean)
      .join('\n'),
  };
}
