// A namespace-aware XML scanner over bytes, for parts too large to hold as a
// DOM (a plan's document.xml): it reports elements and text in document order
// and keeps nothing but the open elements, so memory stays at the size of the
// part. Like parseXml, it refuses DTDs (so no entity is ever expanded) and
// anything that is not well-formed, with a sentence.
import { JfpError } from '../../../shared/errors';

export interface ScannedElement {
  ns: string | null;
  localName: string;
  /** An attribute's value by namespace and local name (null namespace for unprefixed attributes). */
  attr(ns: string | null, localName: string): string | null;
}

export interface ScanHandlers {
  /** Return 'skip' to pass over the element's content. */
  open(element: ScannedElement): 'skip' | void;
  close(ns: string | null, localName: string): void;
  /** Character data (entities resolved), between tags. */
  text(text: string): void;
}

/** Deeper nesting than any Word document has; refusing it bounds the stack. */
export const MAX_XML_DEPTH = 1000;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const LT = 0x3c;
const GT = 0x3e;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Open {
  qname: string;
  /** Prefix -> namespace declared on this element, if any. */
  scope: Map<string, string> | null;
}

export function scanXml(bytes: Uint8Array, partName: string, handlers: ScanHandlers): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notWellFormed = (why: string) => new JfpError('invalid_input', `The part ${partName} is not well-formed XML (${why}).`);
  const unescape = (raw: string): string =>
    raw.indexOf('&') < 0
      ? raw
      : raw.replace(/&([^;&]{0,12});?/g, (whole, name: string) => {
          if (!whole.endsWith(';')) throw notWellFormed('an & that starts no entity');
          if (name in PREDEFINED) return PREDEFINED[name]!;
          const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : name.startsWith('#') ? Number.parseInt(name.slice(1), 10) : Number.NaN;
          if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) throw notWellFormed(`an unknown entity &${name};`);
          return String.fromCodePoint(code);
        });

  const stack: Open[] = [];
  const scopes: Array<Map<string, string>> = [new Map([['xml', XML_NS]])];
  const resolve = (prefix: string): string | null => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const ns = scopes[i]!.get(prefix);
      if (ns !== undefined) return ns === '' ? null : ns;
    }
    if (prefix === '') return null;
    throw notWellFormed(`the prefix ${prefix} is not declared`);
  };
  const split = (qname: string): [string, string] => {
    const colon = qname.indexOf(':');
    return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
  };

  let skipDepth = 0;
  let seenRoot = false;
  let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (buf[0] === 0xfe || buf[0] === 0xff) throw notWellFormed('it is not UTF-8');

  while (i < buf.length) {
    const lt = buf.indexOf(LT, i);
    const textEnd = lt < 0 ? buf.length : lt;
    if (textEnd > i) {
      if (stack.length === 0) {
        if (buf.subarray(i, textEnd).some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) throw notWellFormed('text outside the root element');
      } else if (skipDepth === 0) {
        handlers.text(unescape(buf.toString('utf8', i, textEnd)));
      }
    }
    if (lt < 0) break;

    const next = buf[lt + 1];
    if (next === 0x3f /* ? */) {
      const close = buf.indexOf('?>', lt + 2, 'latin1');
      if (close < 0) throw notWellFormed('a processing instruction is not closed');
      i = close + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (startsWith(buf, lt, '<!--')) {
        const close = buf.indexOf('-->', lt + 4, 'latin1');
        if (close < 0) throw notWellFormed('a comment is not closed');
        i = close + 3;
        continue;
      }
      if (startsWith(buf, lt, '<![CDATA[')) {
        const close = buf.indexOf(']]>', lt + 9, 'latin1');
        if (close < 0 || stack.length === 0) throw notWellFormed('a CDATA section is not closed or is outside the root');
        if (skipDepth === 0) handlers.text(buf.toString('utf8', lt + 9, close));
        i = close + 3;
        continue;
      }
      throw new JfpError('invalid_input', `The part ${partName} declares a DTD, which Word documents never do; the file was not read.`);
    }
    if (next === 0x2f /* / */) {
      const gt = buf.indexOf(GT, lt + 2);
      if (gt < 0) throw notWellFormed('an end tag is not closed');
      const qname = buf.toString('latin1', lt + 2, gt).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) throw notWellFormed(`</${qname}> does not close the element that is open`);
      const [prefix, localName] = split(qname);
      const ns = resolve(prefix);
      if (open.scope) scopes.pop();
      if (skipDepth > 0) skipDepth--;
      else handlers.close(ns, localName);
      i = gt + 1;
      continue;
    }

    // A start tag: its name, then attributes (a '>' may sit inside a quoted value).
    let at = lt + 1;
    while (at < buf.length && !isSpace(buf[at]!) && buf[at] !== GT && buf[at] !== 0x2f) at++;
    const qname = buf.toString('latin1', lt + 1, at);
    if (!qname) throw notWellFormed('a tag has no name');
    const rawAttrs: Array<[string, string]> = [];
    let selfClosing = false;
    for (;;) {
      while (at < buf.length && isSpace(buf[at]!)) at++;
      if (at >= buf.length) throw notWellFormed(`the tag <${qname}> is not closed`);
      if (buf[at] === GT) {
        at++;
        break;
      }
      if (buf[at] === 0x2f && buf[at + 1] === GT) {
        selfClosing = true;
        at += 2;
        break;
      }
      const eq = buf.indexOf(0x3d /* = */, at);
      if (eq < 0) throw notWellFormed(`an attribute of <${qname}> has no value`);
      const name = buf.toString('latin1', at, eq).trim();
      if (!name || /[\s<>"'/]/.test(name)) throw notWellFormed(`the tag <${qname}> has a damaged attribute`);
      let quoteAt = eq + 1;
      while (quoteAt < buf.length && isSpace(buf[quoteAt]!)) quoteAt++;
      const quote = buf[quoteAt];
      if (quote !== 0x22 && quote !== 0x27) throw notWellFormed(`the attribute ${name} of <${qname}> is not quoted`);
      const close = buf.indexOf(quote, quoteAt + 1);
      if (close < 0) throw notWellFormed(`the attribute ${name} of <${qname}> is not closed`);
      rawAttrs.push([name, buf.toString('utf8', quoteAt + 1, close)]);
      at = close + 1;
    }
    i = at;
    if (stack.length === 0 && seenRoot) throw notWellFormed('it has more than one root element');
    seenRoot = true;

    let scope: Map<string, string> | null = null;
    for (const [name, value] of rawAttrs) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) (scope ??= new Map()).set(name === 'xmlns' ? '' : name.slice(6), unescape(value));
    }
    if (scope) scopes.push(scope);
    const [prefix, localName] = split(qname);
    const element: ScannedElement = {
      ns: resolve(prefix),
      localName,
      attr(ns, wanted) {
        for (const [name, value] of rawAttrs) {
          const [p, local] = split(name);
          if (local !== wanted || p === 'xmlns' || name === 'xmlns') continue;
          if ((p === '' ? null : resolve(p)) === ns) return unescape(value);
        }
        return null;
      },
    };
    if (skipDepth > 0) {
      if (!selfClosing) skipDepth++;
    } else {
      const wish = handlers.open(element);
      if (!selfClosing && wish === 'skip') skipDepth = 1;
      if (selfClosing) handlers.close(element.ns, localName);
    }
    if (selfClosing) {
      if (scope) scopes.pop();
    } else {
      if (stack.length >= MAX_XML_DEPTH) throw new JfpError('invalid_input', `The part ${partName} nests elements more than ${MAX_XML_DEPTH} deep, which Word documents never do; the file was not read.`);
      stack.push({ qname, scope });
    }
  }
  if (!seenRoot) throw notWellFormed('it has no root element');
  if (stack.length > 0) throw notWellFormed(`<${stack[stack.length - 1]!.qname}> is not closed (the part may be cut short)`);
}

function startsWith(buf: Buffer, at: number, ascii: string): boolean {
  return buf.toString('latin1', at, at + ascii.length) === ascii;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
