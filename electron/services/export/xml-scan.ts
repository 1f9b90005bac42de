// A namespace-aware XML scanner over bytes, for parts too large to hold as a
// DOM (a plan's document.xml): it reports elements and text in document order
// and keeps nothing but the open elements, so memory stays at the size of the
// part. The parsing is saxes's (streaming, namespace-aware, checks
// well-formedness, never fetches anything); this module adds what an import of
// an outside file needs on top: DTDs refused (so no entity is ever expanded),
// a depth limit, 'skip', and every refusal put as a sentence naming the part.
import { SaxesParser, type SaxesTagNS } from 'saxes';
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

/** The part is decoded and parsed this many bytes at a time, so it never exists as one string as well as as bytes. */
const SLICE_BYTES = 64 * 1024;

type Options = { xmlns: true; position: false };

export function scanXml(bytes: Uint8Array, partName: string, handlers: ScanHandlers): void {
  const notWellFormed = (why: string) => new JfpError('invalid_input', `The part ${partName} is not well-formed XML (${why}).`);
  const declaresDtd = () => new JfpError('invalid_input', `The part ${partName} declares a DTD, which Word documents never do; the file was not read.`);
  // Line and column tracking off: the sentences do not use them, and saxes
  // would otherwise prefix them to its messages.
  const parser = new SaxesParser<Options>({ xmlns: true, position: false });

  // The text fed in most recently (this slice and the one before it). Some of
  // saxes's messages do not name what they are about (an entity, an end tag,
  // an attribute); the refusal reads the name from the text just before where
  // saxes stopped.
  let previous = '';
  let current = '';
  let previousStart = 0;
  const textBeforeError = () => (previous + current).slice(0, parser.position - previousStart);

  const refusal = (message: string): JfpError => {
    const why = message.replace(/\.$/, '');
    switch (why) {
      case 'undefined entity':
      case 'malformed character entity': {
        const entity = /&([^&]*);$/.exec(textBeforeError());
        return notWellFormed(entity ? `an unknown entity &${entity[1]};` : 'an unknown entity');
      }
      case 'empty entity name':
      case 'disallowed character in entity name':
        return notWellFormed('an & that starts no entity');
      case 'unexpected close tag': {
        // saxes has just read the end tag and found another element open.
        const end = /<\/([^\s>]+)\s*>$/.exec(textBeforeError());
        return notWellFormed(`${end ? `</${end[1]}>` : 'an end tag'} does not close the element that is open`);
      }
      case 'unquoted attribute value': {
        // saxes has just read the first character of the value.
        const at = /<([^\s/>]+)[^<]*?\s([^\s=]+)\s*=\s*[^\s"']$/.exec(textBeforeError());
        return notWellFormed(at ? `the attribute ${at[2]} of <${at[1]}> is not quoted` : 'an attribute value is not quoted');
      }
      case 'documents may contain only one root':
        return notWellFormed('it has more than one root element');
      case 'text data outside of root node':
        return notWellFormed('text outside the root element');
      case 'document must contain a root element':
        return notWellFormed('it has no root element');
      case 'inappropriately located doctype declaration':
        return declaresDtd();
    }
    const unmatched = /^unmatched closing tag: (.*)$/.exec(why);
    if (unmatched) return notWellFormed(`</${unmatched[1]}> does not close the element that is open`);
    const unclosed = /^unclosed tag: (.*)$/.exec(why);
    if (unclosed) return notWellFormed(`<${unclosed[1]}> is not closed (the part may be cut short)`);
    const prefix = /^unbound namespace prefix: "(.*)"$/.exec(why);
    if (prefix) return notWellFormed(`the prefix ${prefix[1]} is not declared`);
    return notWellFormed(why);
  };

  // Without an error handler saxes throws its own Error; with one that throws,
  // the first problem ends the scan as a sentence.
  parser.on('error', (error) => {
    throw refusal(error.message);
  });
  // saxes reads a DTD without acting on it, so an entity it declares would be
  // refused as unknown anyway; refusing the DTD itself says what is wrong.
  parser.on('doctype', () => {
    throw declaresDtd();
  });

  /** Open elements (not counting self-closing ones), to bound saxes's stack and tell text inside the root from whitespace around it. */
  let depth = 0;
  /** How deep inside an element 'skip' was asked for; 0 when reporting. */
  let skipDepth = 0;
  const scanned = (tag: SaxesTagNS): ScannedElement => ({
    ns: tag.uri || null,
    localName: tag.local,
    attr(ns, localName) {
      // xmlns declarations have the xmlns namespace, so they never match a null or real one.
      for (const name in tag.attributes) {
        const attribute = tag.attributes[name]!;
        if (attribute.local === localName && (attribute.uri || null) === ns) return attribute.value;
      }
      return null;
    },
  });
  // saxes reports a self-closing element as an open and a close, both with isSelfClosing set.
  parser.on('opentag', (tag) => {
    if (!tag.isSelfClosing) {
      if (depth >= MAX_XML_DEPTH)
        throw new JfpError('invalid_input', `The part ${partName} nests elements more than ${MAX_XML_DEPTH} deep, which Word documents never do; the file was not read.`);
      depth++;
    }
    if (skipDepth > 0) {
      if (!tag.isSelfClosing) skipDepth++;
      return;
    }
    if (handlers.open(scanned(tag)) === 'skip' && !tag.isSelfClosing) skipDepth = 1;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth--;
    if (skipDepth > 0) {
      // The skipped element's own close is not reported either.
      if (!tag.isSelfClosing) skipDepth--;
      return;
    }
    handlers.close(tag.uri || null, tag.local);
  });
  const text = (data: string) => {
    if (depth > 0 && skipDepth === 0) handlers.text(data);
  };
  parser.on('text', text);
  parser.on('cdata', text);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (slice?: Uint8Array): string => {
    try {
      return slice ? decoder.decode(slice, { stream: true }) : decoder.decode();
    } catch {
      throw notWellFormed('it is not UTF-8');
    }
  };
  const feed = (slice: string) => {
    if (!slice) return;
    previousStart += previous.length;
    previous = current;
    current = slice;
    parser.write(slice);
  };
  for (let at = 0; at < bytes.byteLength; at += SLICE_BYTES) feed(decode(bytes.subarray(at, at + SLICE_BYTES)));
  feed(decode());
  // The final checks: a root was seen and every element was closed.
  parser.close();
}
