// The XML scanner the Word import reads document.xml with: what it reports
// (elements by namespace, attributes, text with entities resolved, CDATA) and
// what it refuses, each with a sentence.
import { describe, expect, it } from 'vitest';
import { scanXml } from '../../electron/services/export/xml-scan';
import { JfpError } from '../../shared/errors';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The events of a scan, as lines: "+ns:name id", "- name", "text". */
function events(xml: string, skip: string[] = []): string[] {
  const out: string[] = [];
  scanXml(new TextEncoder().encode(xml), 'word/document.xml', {
    open(el) {
      out.push(`+${el.ns === W ? 'w' : (el.ns ?? '')}:${el.localName}${el.attr(W, 'id') !== null ? ` id=${el.attr(W, 'id')}` : ''}`);
      return skip.includes(el.localName) ? 'skip' : undefined;
    },
    close(_ns, localName) {
      out.push(`-${localName}`);
    },
    text(text) {
      if (text.trim()) out.push(`"${text}"`);
    },
  });
  return out;
}

function refusal(xml: string): string {
  try {
    events(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(JfpError);
    expect((error as JfpError).code).toBe('invalid_input');
    return (error as Error).message;
  }
  throw new Error('The XML was accepted.');
}

describe('scanning XML', () => {
  it('reports elements by namespace whatever the prefix, with attributes and text', () => {
    expect(
      events(`<?xml version="1.0"?><x:document xmlns:x="${W}"><x:p><x:commentRangeStart x:id="7"/><x:t>Fish &amp; chips &#x2013; &lt;3</x:t></x:p></x:document>`),
    ).toEqual(['+w:document', '+w:p', '+w:commentRangeStart id=7', '-commentRangeStart', '+w:t', '"Fish & chips – <3"', '-t', '-p', '-document']);
  });

  it('keeps a > inside an attribute value, CDATA as text, and skips what it is asked to', () => {
    expect(
      events(`<w:document xmlns:w="${W}" note="a > b"><w:t><![CDATA[<not a tag>]]></w:t><w:Fallback><w:t>hidden</w:t></w:Fallback></w:document>`, ['Fallback']),
    ).toEqual(['+w:document', '+w:t', '"<not a tag>"', '-t', '+w:Fallback', '-document']);
  });

  it('resolves a default namespace and one redeclared further in', () => {
    expect(events(`<document xmlns="${W}"><p xmlns="urn:other"><t/></p><t/></document>`)).toEqual([
      '+w:document',
      '+urn:other:p',
      '+urn:other:t',
      '-t',
      '-p',
      '+w:t',
      '-t',
      '-document',
    ]);
  });

  it.each([
    ['a DTD', `<!DOCTYPE d [<!ENTITY x "y">]><d/>`, 'The part word/document.xml declares a DTD, which Word documents never do; the file was not read.'],
    ['an unknown entity', `<d>&nbsp;</d>`, 'The part word/document.xml is not well-formed XML (an unknown entity &nbsp;).'],
    ['a tag closed by the wrong name', `<d><p></d>`, 'The part word/document.xml is not well-formed XML (</d> does not close the element that is open).'],
    ['an element left open (a cut part)', `<d><p>`, 'The part word/document.xml is not well-formed XML (<p> is not closed (the part may be cut short)).'],
    ['an undeclared prefix', `<w:d/>`, 'The part word/document.xml is not well-formed XML (the prefix w is not declared).'],
    ['two root elements', `<d/><e/>`, 'The part word/document.xml is not well-formed XML (it has more than one root element).'],
    ['text after the root', `<d/>tail`, 'The part word/document.xml is not well-formed XML (text outside the root element).'],
    ['an unquoted attribute', `<d a=1/>`, 'The part word/document.xml is not well-formed XML (the attribute a of <d> is not quoted).'],
    ['no root at all', `<?xml version="1.0"?>`, 'The part word/document.xml is not well-formed XML (it has no root element).'],
    [
      'nesting 1,001 deep',
      `${'<a>'.repeat(1001)}${'</a>'.repeat(1001)}`,
      'The part word/document.xml nests elements more than 1000 deep, which Word documents never do; the file was not read.',
    ],
  ])('refuses %s with a sentence', (_what, xml, message) => {
    expect(refusal(xml)).toBe(message);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() =>
      scanXml(new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x64, 0x00, 0x2f, 0x00, 0x3e, 0x00]), 'word/document.xml', { open() {}, close() {}, text() {} }),
    ).toThrow('The part word/document.xml is not well-formed XML (it is not UTF-8).');
  });

  // The part is parsed 64 KB at a time: a character or a name cut by a slice's end is still whole.
  it.each([1, 2, 3, 5, 8])('keeps text and names whole across a slice boundary (%i characters before it)', (before) => {
    const pad = 'x'.repeat(64 * 1024 - 3 - before);
    expect(events(`<d>${pad}é€😀</d>`)).toEqual(['+:d', `"${pad}é€😀"`, '-d']);
    expect(refusal(`<d><p>${pad.slice(3)}</d>`)).toBe('The part word/document.xml is not well-formed XML (</d> does not close the element that is open).');
    expect(refusal(`<d>${pad}&nbsp;</d>`)).toBe('The part word/document.xml is not well-formed XML (an unknown entity &nbsp;).');
    expect(refusal(`<d>${pad}<e a=1/></d>`)).toBe('The part word/document.xml is not well-formed XML (the attribute a of <e> is not quoted).');
  });
});
