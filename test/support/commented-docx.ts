// Word documents with reviewers' comments, made in the tests rather than
// committed: this project's export edited the way Word saves a reviewer's
// comments (new comment, reply, done flag, durable id), and documents that
// LibreOffice writes from a flat ODT with annotations.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { exportDocument } from '../../electron/services/export';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import type { Store } from '../../electron/services/store';
import { convertAll, SOFFICE } from './libreoffice';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plan exported to Word with its comment threads, as a reviewer receives it. */
export async function exportedDocx(store: Store, planId: string): Promise<Uint8Array> {
  const result = await exportDocument({ data: loadPlanExport(store, planId), options: { includeComments: true } });
  return new Uint8Array(result.content as Buffer);
}

/** Rewrites parts of a .docx (a missing part is given as ''), re-zipped as Word would. */
export function editParts(bytes: Uint8Array, edits: Record<string, (xml: string) => string>): Uint8Array {
  const entries = unzipSync(bytes);
  for (const [name, edit] of Object.entries(edits)) entries[name] = strToU8(edit(entries[name] ? strFromU8(entries[name]) : ''));
  return zipSync(entries);
}

export interface ReviewerComment {
  /** w:id, unique in the file. */
  id: number;
  author: string;
  date: string;
  body: string[];
  /** Words the comment is anchored on; they must lie in one w:t of the document. */
  quote: string;
  /** Look for the words only after this text of document.xml (the contents page repeats the headings). */
  after?: string;
  paraId: string;
  durableId: string;
  parentParaId?: string;
  done?: boolean;
}

/**
 * Adds a comment the way Word saves one: the comment in comments.xml, its
 * thread link and done flag in commentsExtended.xml, its durable id in
 * commentsIds.xml, and its range around the quoted words in document.xml.
 */
export function addReviewerComment(bytes: Uint8Array, comment: ReviewerComment): Uint8Array {
  const paragraphs = comment.body
    .map((line, i) => `<w:p${i === comment.body.length - 1 ? ` w14:paraId="${comment.paraId}"` : ''}><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('');
  return editParts(bytes, {
    'word/comments.xml': (xml) =>
      xml.replace(
        '</w:comments>',
        `<w:comment w:id="${comment.id}" w:author="${escapeXml(comment.author)}" w:date="${comment.date}" w:initials="R">${paragraphs}</w:comment></w:comments>`,
      ),
    'word/commentsExtended.xml': (xml) =>
      xml.replace(
        '</w15:commentsEx>',
        `<w15:commentEx w15:paraId="${comment.paraId}"${comment.parentParaId ? ` w15:paraIdParent="${comment.parentParaId}"` : ''} w15:done="${comment.done ? 1 : 0}"/></w15:commentsEx>`,
      ),
    'word/commentsIds.xml': (xml) =>
      xml.replace('</w16cid:commentsIds>', `<w16cid:commentId w16cid:paraId="${comment.paraId}" w16cid:durableId="${comment.durableId}"/></w16cid:commentsIds>`),
    'word/document.xml': (xml) => {
      const quote = escapeXml(comment.quote);
      const from = comment.after ? xml.indexOf(comment.after) : 0;
      const found = from < 0 ? -1 : xml.slice(from).search(new RegExp(`<w:t(?: [^>]*)?>[^<]*${quote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const at = found < 0 ? -1 : from + found;
      if (at < 0) throw new Error(`The words "${comment.quote}" are not in one run of the document.`);
      const start = xml.indexOf(quote, at);
      const end = start + quote.length;
      const split = '</w:t></w:r>';
      const reopen = '<w:r><w:t xml:space="preserve">';
      return (
        xml.slice(0, start) +
        `${split}<w:commentRangeStart w:id="${comment.id}"/>${reopen}${quote}${split}<w:commentRangeEnd w:id="${comment.id}"/><w:r><w:commentReference w:id="${comment.id}"/></w:r>${reopen}` +
        xml.slice(end)
      );
    },
  });
}

// ------------------------------------------------------------------ LibreOffice

export interface OdtAnnotation {
  author: string;
  date: string;
  body: string[];
  resolved?: boolean;
  /** LibreOffice's replies: annotations on the same words, saved after the one they answer. */
  replies?: OdtAnnotation[];
}

export type OdtInline = string | { annotation: OdtAnnotation; quote: string } | { pointAnnotation: OdtAnnotation };
export type OdtBlock = { heading: string; bookmark: string } | { paragraph: OdtInline[] };

function annotationXml(annotation: OdtAnnotation, name: string | null): string {
  const body = annotation.body.map((line) => `<text:p>${escapeXml(line)}</text:p>`).join('');
  return `<office:annotation${name ? ` office:name="${name}"` : ''}${annotation.resolved ? ' loext:resolved="true"' : ''}><dc:creator>${escapeXml(annotation.author)}</dc:creator><dc:date>${annotation.date}</dc:date>${body}</office:annotation>`;
}

/** A flat ODT text document: headings with bookmarks, paragraphs with annotations. */
export function flatOdt(blocks: OdtBlock[]): string {
  let next = 0;
  const inline = (part: OdtInline): string => {
    if (typeof part === 'string') return escapeXml(part);
    if ('pointAnnotation' in part) return annotationXml(part.pointAnnotation, null);
    const all = [part.annotation, ...(part.annotation.replies ?? [])];
    const names = all.map(() => `annotation${++next}`);
    return `${all.map((a, i) => annotationXml(a, names[i]!)).join('')}${escapeXml(part.quote)}${names.map((n) => `<office:annotation-end office:name="${n}"/>`).join('')}`;
  };
  const body = blocks
    .map((block) =>
      'heading' in block
        ? `<text:h text:outline-level="1"><text:bookmark-start text:name="${block.bookmark}"/>${escapeXml(block.heading)}<text:bookmark-end text:name="${block.bookmark}"/></text:h>`
        : `<text:p>${block.paragraph.map(inline).join('')}</text:p>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
${body}
</office:text></office:body></office:document>`;
}

/**
 * Saves flat ODTs, or re-saves .docx files, as .docx with LibreOffice, all in one start of it (a start costs
 * seconds), in a profile of its own; the .docx files in the order given.
 */
export function libreOfficeDocxAll(documents: ReadonlyArray<{ content: string | Uint8Array; ext: 'fodt' | 'docx' }>): Uint8Array[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-lo-'));
  try {
    const inputs = documents.map(({ content, ext }, i) => {
      const input = path.join(dir, `reviewed-${i}.${ext}`);
      fs.writeFileSync(input, content);
      return input;
    });
    return convertAll(SOFFICE ?? 'soffice', inputs, 'docx', path.join(dir, 'out')).map((out) => new Uint8Array(fs.readFileSync(out)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Saves a flat ODT, or re-saves a .docx, as .docx with LibreOffice, in a profile of its own. */
export function libreOfficeDocx(content: string | Uint8Array, ext: 'fodt' | 'docx'): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-lo-'));
  try {
    fs.writeFileSync(path.join(dir, `reviewed.${ext}`), content);
    const run = spawnSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/lo-${randomUUID()}`,
        '--convert-to',
        'docx',
        '--outdir',
        path.join(dir, 'out'),
        path.join(dir, `reviewed.${ext}`),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const out = path.join(dir, 'out', 'reviewed.docx');
    if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert the document: ${run.stderr || run.stdout}`);
    return new Uint8Array(fs.readFileSync(out));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------ hand-made parts

const W_NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"';

/**
 * The smallest .docx Word opens with comments: the body's and the comments'
 * inner XML as given, found through relationships; commentsExtended and
 * commentsIds only when given.
 */
export function minimalDocx(parts: { body: string; comments: string; commentsExtended?: string; commentsIds?: string }): Uint8Array {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  const documentRels = [
    rel('rId1', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments', 'comments.xml'),
    parts.commentsExtended !== undefined ? rel('rId2', 'http://schemas.microsoft.com/office/2011/relationships/commentsExtended', 'commentsExtended.xml') : '',
    parts.commentsIds !== undefined ? rel('rId3', 'http://schemas.microsoft.com/office/2016/09/relationships/commentsIds', 'commentsIds.xml') : '',
  ].join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument', 'word/document.xml')}</Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${documentRels}</Relationships>`,
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NAMESPACES}><w:body>${parts.body}</w:body></w:document>`),
    'word/comments.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:comments ${W_NAMESPACES}>${parts.comments}</w:comments>`),
  };
  if (parts.commentsExtended !== undefined)
    files['word/commentsExtended.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w15:commentsEx ${W_NAMESPACES}>${parts.commentsExtended}</w15:commentsEx>`);
  if (parts.commentsIds !== undefined)
    files['word/commentsIds.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w16cid:commentsIds ${W_NAMESPACES}>${parts.commentsIds}</w16cid:commentsIds>`);
  return zipSync(files);
}

// ------------------------------------------------------------- many comments

/** Above the ids the export gives its own comments. */
const FIRST_ID = 100_000;

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export interface ManyComments {
  /** How many comments to add (every tenth answers the one before; every seventh first comment is done). */
  count: number;
  /** Look for words only after this text of document.xml (the contents page repeats the headings). */
  after?: string;
  /** Words per comment: each run of text is cut into pieces this long, one comment on each. */
  words?: number;
}

/**
 * #13: a review with thousands of comments, as Word saves it, added in one
 * pass (addReviewerComment re-zips per comment): the runs of text after
 * `after` are cut into pieces of a few words, spread evenly over the plan, and
 * each piece gets a comment range; the exported comments part must exist
 * (export a plan with at least one thread). Returns the file and the quotes in order.
 */
export function addManyReviewerComments(bytes: Uint8Array, options: ManyComments): { bytes: Uint8Array; quotes: string[] } {
  const entries = unzipSync(bytes);
  const xml = strFromU8(entries['word/document.xml']!);
  const from = options.after ? Math.max(0, xml.indexOf(options.after)) : 0;
  const wordsEach = options.words ?? 4;
  const run = /<w:t(?: [^>]*)?>([^<]{20,})<\/w:t>/g;
  run.lastIndex = from;
  // Every piece of every long run, then an even spread of `count` of them.
  const pieces: Array<{ at: number; length: number; parts: string[]; index: number }> = [];
  for (let m = run.exec(xml); m; m = run.exec(xml)) {
    const words = unescapeXml(m[1]!).split(/(?<= )/);
    const parts: string[] = [];
    for (let i = 0; i < words.length; i += wordsEach) parts.push(words.slice(i, i + wordsEach).join(''));
    const at = m.index + m[0].indexOf('>') + 1;
    parts.forEach((_, index) => pieces.push({ at, length: m![1]!.length, parts, index }));
  }
  if (!pieces.length) throw new Error('The document has no run of text long enough to comment on.');
  // More comments than pieces: some pieces hold several comments on the same words, as a busy review does.
  const chosen = new Map<number, { length: number; parts: string[]; ids: Map<number, number[]> }>();
  const quotes: string[] = [];
  for (let n = 0; n < options.count; n++) {
    const piece = pieces[Math.floor((n * pieces.length) / options.count)]!;
    const run = chosen.get(piece.at) ?? { length: piece.length, parts: piece.parts, ids: new Map() };
    run.ids.set(piece.index, [...(run.ids.get(piece.index) ?? []), FIRST_ID + n]);
    chosen.set(piece.at, run);
    quotes.push(piece.parts[piece.index]!.trim());
  }
  let out = '';
  let last = 0;
  const split = '</w:t></w:r>';
  const reopen = '<w:r><w:t xml:space="preserve">';
  for (const at of [...chosen.keys()].sort((a, b) => a - b)) {
    const { length, parts, ids } = chosen.get(at)!;
    out += xml.slice(last, at);
    out += parts
      .map((part, index) => {
        const on = ids.get(index);
        return on === undefined
          ? escapeXml(part)
          : `${split}${on.map((id) => `<w:commentRangeStart w:id="${id}"/>`).join('')}${reopen}${escapeXml(part)}${split}${on.map((id) => `<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`).join('')}${reopen}`;
      })
      .join('');
    last = at + length;
  }
  out += xml.slice(last);
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  let comments = '';
  let extended = '';
  let ids = '';
  for (let n = 1; n <= options.count; n++) {
    const paraId = hex(0x10000000 + n);
    const reply = n % 10 === 0;
    const done = !reply && n % 7 === 0;
    comments += `<w:comment w:id="${FIRST_ID + n - 1}" w:author="Reviewer ${n % 40}" w:date="2026-03-01T10:${String(n % 60).padStart(2, '0')}:00Z" w:initials="R"><w:p w14:paraId="${paraId}"><w:r><w:t xml:space="preserve">Comment ${n}: please give the evidence for this.</w:t></w:r></w:p></w:comment>`;
    extended += `<w15:commentEx w15:paraId="${paraId}"${reply ? ` w15:paraIdParent="${hex(0x10000000 + n - 1)}"` : ''} w15:done="${done ? 1 : 0}"/>`;
    ids += `<w16cid:commentId w16cid:paraId="${paraId}" w16cid:durableId="${hex(0x20000000 + n)}"/>`;
  }
  entries['word/document.xml'] = strToU8(out);
  const add = (name: string, close: string, added: string) => {
    // The export writes commentsExtended only when a thread has replies; the reader finds it by its usual name.
    const text = entries[name] ? strFromU8(entries[name]) : `<?xml version="1.0" encoding="UTF-8"?>${close.replace('</', '<').replace('>', ` ${W_NAMESPACES}>`)}${close}`;
    entries[name] = strToU8(text.replace(close, `${added}${close}`));
  };
  add('word/comments.xml', '</w:comments>', comments);
  add('word/commentsExtended.xml', '</w15:commentsEx>', extended);
  add('word/commentsIds.xml', '</w16cid:commentsIds>', ids);
  return { bytes: zipSync(entries), quotes };
}
