// Reading reviewers' comments out of a Word document (.docx), as Word and
// LibreOffice write them: who wrote each comment and when, its text, the words
// it is anchored on, the section bookmark it sits under, which comment it
// answers and whether it is marked done. Pure: bytes in, comments out; the
// package is opened with docx-package.ts's limits (zip bombs, DTDs refused).
import { createHash } from 'node:crypto';
import { JfpError } from '../../../shared/errors';
import { childElements, DocxPackage, NS, parseXml, REL_TYPE, wAttr, type PackageLimits } from '../export/docx-package';
import { scanXml } from '../export/xml-scan';

const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
const W16CID = 'http://schemas.microsoft.com/office/word/2016/wordml/cid';
const REL_COMMENTS_EXTENDED = 'http://schemas.microsoft.com/office/2011/relationships/commentsExtended';
const REL_COMMENTS_IDS = 'http://schemas.microsoft.com/office/2016/09/relationships/commentsIds';

/** Bookmarks our exporter puts on section headings start with this (see docx-sections.ts). */
export const SECTION_BOOKMARK_PREFIX = 'jfp_';

export interface WordComment {
  /** Stable across re-saves: the durable id when Word wrote one, else a hash of what the comment says and where. */
  key: string;
  /** The key of the comment this one answers, or null for the first comment of a thread. */
  parentKey: string | null;
  /** w:id: only meaningful within this one file (Word renumbers on save). */
  wordId: string;
  author: string;
  initials: string;
  /** As written in the file (Word's are local times marked Z); '' when absent. */
  date: string;
  body: string;
  /** The words between the comment's range start and end; '' for a comment on a point. */
  quote: string;
  /** The name of the section bookmark that most recently precedes the comment; null when none does. */
  bookmark: string | null;
  done: boolean;
  paraId: string | null;
  durableId: string | null;
  /** #13: up to CONTEXT characters of the document's text before and after the quote. */
  prefix: string;
  suffix: string;
  /** #13: the text of the last heading before the comment (Heading n or Title style), '' when none. */
  heading: string;
  /** #13: the author's e-mail, from Word's people part (its provider's user id), '' when not known. */
  email: string;
}

export interface WordCommentsFile {
  comments: WordComment[];
  /** Every section bookmark in the document, in order. */
  bookmarks: string[];
  /** #13: who saved the document last and when (docProps/core.xml), '' when not said. */
  lastModifiedBy: string;
  modified: string;
}

/** #13: characters of context kept either side of a quote. */
const CONTEXT = 32;

interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
  heading: string;
  bookmark: string | null;
  /** Text offsets of the range (or of the reference, for a comment without a range). */
  start: number;
  end: number;
  ranged: boolean;
}

const attr = (element: Element, ns: string, name: string, prefix: string): string | null =>
  element.getAttributeNS(ns, name) || element.getAttribute(`${prefix}:${name}`) || null;

function elementsIn(root: Element | Document, ns: string, localName: string): Element[] {
  const list = root.getElementsByTagNameNS(ns, localName);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

/** A paragraph's visible text (w:t, tabs and breaks), leaving out deleted text and Word's fallback copies. */
function runText(element: Element): string {
  let text = '';
  const stack: Node[] = [element];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.namespaceURI === NS.mc && el.localName === 'Fallback') continue;
    if (el.namespaceURI === NS.w) {
      if (el.localName === 't') {
        text += el.textContent ?? '';
        continue;
      }
      if (el.localName === 'tab') text += '\t';
      else if (el.localName === 'br' || el.localName === 'cr') text += '\n';
    }
    for (let child = el.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return text;
}

/**
 * Scans the main document once, in document order, collecting for each
 * comment id the text between its range start and end, the last section
 * bookmark before it, and its text offsets (used to spot LibreOffice's
 * replies). A scan, not a DOM: a large plan's document.xml would cost many
 * times its size as a DOM.
 */
function readAnchors(bytes: Uint8Array, partName: string): { anchors: Map<string, Anchor>; bookmarks: string[] } {
  const anchors = new Map<string, Anchor>();
  const open = new Map<string, Anchor>();
  const bookmarks: string[] = [];
  let bookmark: string | null = null;
  let offset = 0;
  /** Inside a w:t, whose text is the document's text. */
  let inText = 0;
  // #13: the text just before (a quote's prefix), the anchors still collecting a suffix, and headings
  let recent = '';
  const wantSuffix = new Set<Anchor>();
  let heading = '';
  let paragraphText = '';
  let paragraphIsHeading = false;
  const append = (text: string) => {
    if (!text) return;
    for (const anchor of open.values()) anchor.quote += text;
    for (const anchor of wantSuffix) {
      anchor.suffix += text;
      if (anchor.suffix.length >= CONTEXT) {
        anchor.suffix = anchor.suffix.slice(0, CONTEXT);
        wantSuffix.delete(anchor);
      }
    }
    recent = (recent + text).slice(-CONTEXT);
    paragraphText += text;
    offset += text.length;
  };
  const newAnchor = (ranged: boolean): Anchor => ({ quote: '', prefix: recent, suffix: '', heading, bookmark, start: offset, end: offset, ranged });
  scanXml(bytes, partName, {
    open(el) {
      if (el.ns === NS.mc && el.localName === 'Fallback') return 'skip';
      if (el.ns !== NS.w) return;
      const id = el.attr(NS.w, 'id') || null;
      switch (el.localName) {
        case 'p':
          paragraphText = '';
          paragraphIsHeading = false;
          return;
        case 'pStyle': {
          const style = el.attr(NS.w, 'val') ?? '';
          if (/^(heading\s*\d|title)$/i.test(style)) paragraphIsHeading = true;
          return;
        }
        case 'outlineLvl':
          paragraphIsHeading = true;
          return;
        case 't':
          inText++;
          return;
        case 'tab':
          append('\t');
          return;
        case 'br':
        case 'cr':
          append('\n');
          return;
        case 'bookmarkStart': {
          const name = el.attr(NS.w, 'name') || null;
          if (name?.startsWith(SECTION_BOOKMARK_PREFIX)) {
            bookmark = name;
            bookmarks.push(name);
          }
          return;
        }
        case 'commentRangeStart':
          if (id !== null && !anchors.has(id)) {
            const anchor = newAnchor(true);
            anchors.set(id, anchor);
            open.set(id, anchor);
          }
          return;
        case 'commentRangeEnd':
          if (id !== null && open.has(id)) {
            open.get(id)!.end = offset;
            wantSuffix.add(open.get(id)!);
            open.delete(id);
          }
          return;
        case 'commentReference':
          if (id !== null && !anchors.has(id)) anchors.set(id, newAnchor(false));
          return;
      }
    },
    close(ns, localName) {
      if (ns !== NS.w) return;
      if (localName === 't') inText--;
      else if (localName === 'p') {
        if (paragraphIsHeading && paragraphText.trim()) heading = paragraphText.trim();
        append('\n');
      }
    },
    text(text) {
      if (inText > 0) append(text);
    },
  });
  // A range never closed runs to the end of the document.
  for (const anchor of open.values()) anchor.end = offset;
  for (const anchor of anchors.values()) anchor.quote = anchor.quote.replace(/\n+$/, '').trim();
  for (const anchor of anchors.values()) anchor.suffix = anchor.suffix.slice(0, CONTEXT);
  return { anchors, bookmarks };
}

// #13: OOXML Strict (ISO 29500 Strict, "Strict Open XML Document" in Word's Save As) names the
// same elements with other namespaces and relationship types; they are mapped to the
// transitional ones as the parts are read. Word's own extensions (w14, w15, w16cid) are the same in both.
const STRICT_TO_TRANSITIONAL: Array<[string, string]> = [
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', NS.w],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', NS.r],
];
const CORE_PROPERTIES = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';
const REL_PEOPLE = 'http://schemas.microsoft.com/office/2011/relationships/people';

/** The parts of a package as read for comments, with Strict mapped to transitional. */
interface PartReader {
  bytes(name: string): Uint8Array;
  xml(name: string): Document;
  related(source: string, type: string): string | null;
  has(name: string): boolean;
}

function partReader(pkg: DocxPackage, limits: PackageLimits | undefined): PartReader {
  // Word writes Strict's own relationship type for the main document; only then are the parts mapped.
  if (pkg.related('', REL_TYPE.strictOfficeDocument) === null) return pkg;
  const map = (text: string) => STRICT_TO_TRANSITIONAL.reduce((out, [from, to]) => out.split(from).join(to), text);
  let elements = 0;
  const cache = new Map<string, Document>();
  return {
    has: (name) => pkg.has(name),
    bytes: (name) => new TextEncoder().encode(map(pkg.text(name))),
    xml(name) {
      let doc = cache.get(name);
      if (!doc) {
        const text = map(pkg.text(name));
        elements += text.split('<').length - 1;
        if (limits?.maxXmlElements !== undefined && elements > limits.maxXmlElements) {
          throw new JfpError('invalid_input', `The file holds more XML than a Word document this app imports (reached in ${name}); it was not read.`);
        }
        doc = parseXml(text, name);
        cache.set(name, doc);
      }
      return doc;
    },
    related: (source, type) => {
      const found = pkg.relationships(source).find((r) => !r.external && pkg.has(r.target) && map(r.type) === type);
      return found ? found.target : null;
    },
  };
}

function partFor(pkg: PartReader, main: string, type: string, usual: string): string | null {
  return pkg.related(main, type) ?? (pkg.has(usual) ? usual : null);
}

/** #13: each author's e-mail from Word's people part (w15:presenceInfo's userId when it is one). */
function readPeople(pkg: PartReader, main: string): Map<string, string> {
  const emails = new Map<string, string>();
  const part = partFor(pkg, main, REL_PEOPLE, 'word/people.xml');
  if (!part) return emails;
  for (const person of elementsIn(pkg.xml(part), W15, 'person')) {
    const author = attr(person, W15, 'author', 'w15');
    const presence = elementsIn(person, W15, 'presenceInfo')[0];
    const userId = presence ? (attr(presence, W15, 'userId', 'w15') ?? '') : '';
    const email = userId.replace(/^(SMTP|mailto):/i, '').trim();
    if (author && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254) emails.set(author, email.toLowerCase());
  }
  return emails;
}

/** #13: who saved the document last, and when (for a thread marked done in Word). */
function readCore(pkg: PartReader): { lastModifiedBy: string; modified: string } {
  const part = pkg.related('', CORE_PROPERTIES);
  if (!part) return { lastModifiedBy: '', modified: '' };
  const doc = pkg.xml(part);
  return {
    lastModifiedBy: (elementsIn(doc, NS.cp, 'lastModifiedBy')[0]?.textContent ?? '').trim().slice(0, 200),
    modified: (elementsIn(doc, NS.dcterms, 'modified')[0]?.textContent ?? '').trim().slice(0, 40),
  };
}

function hashKey(parts: readonly string[]): string {
  return `word:${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;
}

/** The comments of an opened Word package, in the order comments.xml lists them. */
export function readCommentsFromPackage(opened: DocxPackage, limits?: PackageLimits): WordCommentsFile {
  const pkg = partReader(opened, limits);
  const main = opened.mainDocument();
  const { anchors, bookmarks } = readAnchors(pkg.bytes(main), main);
  const core = readCore(pkg);
  const commentsPart = partFor(pkg, main, REL_TYPE.comments, 'word/comments.xml');
  if (!commentsPart) return { comments: [], bookmarks, ...core };
  const emails = readPeople(pkg, main);

  const extended = new Map<string, { parent: string | null; done: boolean }>();
  const extendedPart = partFor(pkg, main, REL_COMMENTS_EXTENDED, 'word/commentsExtended.xml');
  if (extendedPart) {
    for (const entry of elementsIn(pkg.xml(extendedPart), W15, 'commentEx')) {
      const paraId = attr(entry, W15, 'paraId', 'w15');
      if (!paraId) continue;
      const done = attr(entry, W15, 'done', 'w15');
      extended.set(paraId.toUpperCase(), { parent: attr(entry, W15, 'paraIdParent', 'w15')?.toUpperCase() ?? null, done: done === '1' || done === 'true' });
    }
  }
  const durable = new Map<string, string>();
  const idsPart = partFor(pkg, main, REL_COMMENTS_IDS, 'word/commentsIds.xml');
  if (idsPart) {
    for (const entry of elementsIn(pkg.xml(idsPart), W16CID, 'commentId')) {
      const paraId = attr(entry, W16CID, 'paraId', 'w16cid');
      const durableId = attr(entry, W16CID, 'durableId', 'w16cid');
      if (paraId && durableId) durable.set(paraId.toUpperCase(), durableId.toUpperCase());
    }
  }

  const root = pkg.xml(commentsPart).documentElement;
  const comments: WordComment[] = [];
  const byParaId = new Map<string, WordComment>();
  const parentParaId = new Map<WordComment, string>();
  const seenKeys = new Map<string, number>();
  /** Where each comment is (by text offsets and section), to spot LibreOffice's replies. */
  const places: Array<string | null> = [];
  let linked = true;
  for (const element of childElements(root, NS.w, 'comment')) {
    const wordId = wAttr(element, 'id') ?? '';
    const paragraphs = childElements(element, NS.w, 'p');
    const body = paragraphs
      .map(runText)
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    const last = paragraphs[paragraphs.length - 1];
    const paraId = last ? (attr(last, W14, 'paraId', 'w14')?.toUpperCase() ?? null) : null;
    const anchor = anchors.get(wordId) ?? { quote: '', prefix: '', suffix: '', heading: '', bookmark: null, start: -1, end: -1, ranged: false };
    const ext = paraId ? extended.get(paraId) : undefined;
    const durableId = paraId ? (durable.get(paraId) ?? null) : null;
    const author = wAttr(element, 'author') ?? '';
    const date = wAttr(element, 'date') ?? '';
    let key = durableId ? `word-durable:${durableId}` : hashKey([author, date, body, anchor.quote, anchor.bookmark ?? '']);
    // Two identical comments in one file (same words, author, time and place) stay two.
    const seen = seenKeys.get(key) ?? 0;
    seenKeys.set(key, seen + 1);
    if (seen) key = `${key}#${seen + 1}`;
    const comment: WordComment = {
      key,
      parentKey: null,
      wordId,
      author,
      initials: wAttr(element, 'initials') ?? '',
      date,
      body,
      quote: anchor.quote,
      bookmark: anchor.bookmark,
      done: ext?.done ?? false,
      paraId,
      durableId,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      heading: anchor.heading,
      email: emails.get(author) ?? '',
    };
    comments.push(comment);
    if (paraId) byParaId.set(paraId, comment);
    if (ext?.parent) parentParaId.set(comment, ext.parent);
    if (!ext) linked = false;
    places.push(anchor.start >= 0 ? `${anchor.start}:${anchor.end}:${anchor.ranged}:${anchor.bookmark ?? ''}` : null);
  }
  if (!linked) {
    // LibreOffice (before 7.5) writes thread links for no comment, or only for
    // those marked done: its reply is a comment on exactly the same place as the
    // comment it answers, saved after it. Word links every comment, so this
    // never runs on Word's files, where two comments on the same words stay two.
    const firstAt = new Map<string, WordComment>();
    comments.forEach((comment, i) => {
      const place = places[i];
      if (!place || parentParaId.has(comment)) return;
      const parent = firstAt.get(place);
      if (parent) comment.parentKey = parent.key;
      else firstAt.set(place, comment);
    });
  }
  for (const [comment, parent] of parentParaId) {
    const found = byParaId.get(parent);
    if (found && found !== comment) comment.parentKey = found.key;
  }
  // Threads are one level deep: a reply to a reply joins the first comment's thread.
  const byKey = new Map(comments.map((c) => [c.key, c]));
  for (const comment of comments) {
    let root = comment;
    const visited = new Set<WordComment>([comment]);
    while (root.parentKey) {
      const next = byKey.get(root.parentKey);
      if (!next || visited.has(next)) break;
      visited.add(next);
      root = next;
    }
    if (root !== comment) comment.parentKey = root.key;
  }
  // A reply is done when its thread is: Word marks the thread, LibreOffice each comment.
  for (const comment of comments) if (comment.parentKey && comment.done) byKey.get(comment.parentKey)!.done = true;
  return { comments, bookmarks, ...core };
}

/**
 * What reading a reviewer's .docx may cost: a 300,000-word plan's
 * document.xml is well under the per-part budget, and the parts read as a DOM
 * (comments, their threads and ids, relationships) are small in real files.
 * A DOM costs about 500 bytes an element, so 100,000 (some 4,000 comments)
 * keep the largest file these budgets accept (with the 50 MB file limit)
 * under the 300 MB an import may take: test/unit/hostile-files.test.ts
 * measures it.
 */
export const WORD_IMPORT_LIMITS: PackageLimits = {
  maxEntries: 5_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 80 * 1024 * 1024,
  maxXmlElements: 100_000,
};

/** Reads a .docx's comments; throws JfpError('invalid_input') for a file that is not a safe, readable .docx. */
export function readWordComments(bytes: Uint8Array, limits: PackageLimits = WORD_IMPORT_LIMITS): WordCommentsFile {
  return readCommentsFromPackage(DocxPackage.open(bytes, limits), limits);
}
