// Validates .docx parts against the ECMA-376 transitional schemas in
// ../shared/ooxml-xsd (beside the checkout) with xmllint. Word and the docx library mark Microsoft
// extensions as ignorable (mc:Ignorable), which the schemas do not know, so
// each part is first processed as Markup Compatibility (ECMA-376 Part 3)
// requires: ignorable elements and attributes dropped, AlternateContent
// resolved to its Fallback.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLSerializer } from '@xmldom/xmldom';
import { NS, parseXml, type DocxPackage } from '../../electron/services/export/docx-package';

// The team's shared folder sits beside the checkout (as in CI); JFP_OOXML_XSD overrides.
export const XSD_DIR = process.env.JFP_OOXML_XSD ?? path.resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'shared', 'ooxml-xsd');
export const ENTRY_XSD = path.join(XSD_DIR, 'entry.xsd');

export function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

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
  /** xmllint's report, one line per problem. */
  output: string;
}

/** Validates the named parts of a package (after Markup Compatibility processing). */
export function validateParts(pkg: DocxPackage, partNames: readonly string[]): ValidationResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-xsd-'));
  try {
    const files = partNames.map((name, i) => {
      const file = path.join(dir, `${i}-${name.replace(/[^A-Za-z0-9.]+/g, '_')}`);
      fs.writeFileSync(file, stripMarkupCompatibility(pkg.text(name), name));
      return file;
    });
    const run = spawnSync('xmllint', ['--noout', '--schema', ENTRY_XSD, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${run.stdout}${run.stderr}`
      .split('\n')
      .filter((line) => line.trim() && !/validates$/.test(line) && !/Skipping import/.test(line) && !/^\s*$/.test(line))
      .join('\n');
    return { ok: run.status === 0, output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
