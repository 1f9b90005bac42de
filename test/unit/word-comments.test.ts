// Reviewers who only have Word send back the exported plan with their comments
// in it: the comments come into the plan as threads, replies join their
// thread, done comments are resolved, anchored words are marked in the
// section, and the threads we exported are not added again. Files made by this
// project's exporter (edited as Word saves them) and by LibreOffice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { sectionBookmarkName } from '../../electron/services/export/docx-sections';
import { readWordComments } from '../../electron/services/review/word-comments';
import { importWordComments, MAX_COMMENT_CHARS, MAX_WORD_IMPORT_BYTES, readWordFile, SHORTENED_NOTE } from '../../electron/services/review/word-import';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { databaseRows } from '../support/db-snapshot';
import type { CommentThread, Plan, SectionSummary } from '../../shared/domain';
import { markIds, parseContent, type SerializedNode } from '../../shared/lexical-json';
import { addReviewerComment, editParts, exportedDocx, flatOdt, libreOfficeDocxAll, minimalDocx } from '../support/commented-docx';
import { needsLibreOffice } from '../support/libreoffice';

let dir: string;
let services: AppServices;
let plan: Plan;
let sections: SectionSummary[];

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-word-comments-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await ok('createSamplePlan', {});
  sections = await ok('listSections', { planId: plan.id });
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One test's database: what beforeEach makes. */
interface Database {
  dir: string;
  services: AppServices;
  plan: Plan;
  sections: SectionSummary[];
}

/** Runs `make` on a database of its own, made as beforeEach makes one and kept open for a test to take over. */
async function inNewDatabase<T>(make: () => Promise<T>): Promise<{ database: Database; made: T }> {
  const current: Database = { dir, services, plan, sections };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-word-comments-'));
  services = startServices(path.join(dir, 'jfp.db'));
  try {
    plan = await ok('createSamplePlan', {});
    sections = await ok('listSections', { planId: plan.id });
    return { database: { dir, services, plan, sections }, made: await make() };
  } finally {
    ({ dir, services, plan, sections } = current);
  }
}

/** The test goes on with `database` instead of its own (afterEach then closes and removes it). */
function useDatabase(database: Database): void {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
  ({ dir, services, plan, sections } = database);
}

const textNodes = (node: SerializedNode): string[] => [
  ...(node.type === 'text' && typeof node.text === 'string' ? [node.text] : []),
  ...(node.children ?? []).flatMap(textNodes),
];

/** A section with plain words in one text node, and 30 characters of them to comment on. */
async function quotable(skip: string[] = []): Promise<{ section: SectionSummary; quote: string }> {
  for (const section of sections) {
    if (skip.includes(section.id)) continue;
    const parsed = parseContent((await ok('getSection', { sectionId: section.id })).content);
    if (!parsed.ok) continue;
    const text = textNodes(parsed.state.root).find((t) => /^[A-Za-z ,]{50,}/.test(t));
    if (text) return { section, quote: text.slice(10, 40).trim() };
  }
  throw new Error('The sample plan has no plain paragraph to comment on.');
}

async function marksIn(sectionId: string): Promise<string[]> {
  const parsed = parseContent((await ok('getSection', { sectionId })).content);
  return parsed.ok ? markIds(parsed.state) : [];
}

/** Everything an import could change, to show a refused import changed nothing. */
const snapshot = () => databaseRows(services.store.db);

const threadWith = (threads: CommentThread[], body: string) => threads.find((t) => t.comments[0]?.body === body);

/** Two threads made in the app (one with a reply), exported to Word with comments. */
async function reviewedExport() {
  const { section, quote } = await quotable();
  const other = sections.find((s) => s.id !== section.id && s.depth === 1)!;
  const asha = await ok('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Fellside', orgType: 'healthwatch', email: '' });
  const lead = await ok('addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS ICB', orgType: 'icb', email: '' });
  const first = await ok('createThread', { planId: plan.id, sectionId: section.id, stakeholderId: asha.id, body: 'Where is the baseline for this?', quote: '' });
  await ok('replyToThread', { threadId: first.id, stakeholderId: lead.id, body: 'It is in the appendix.' });
  await ok('createThread', { planId: plan.id, sectionId: other.id, stakeholderId: asha.id, body: 'Please say who leads this.', quote: '' });
  const exported = await exportedDocx(services.store, plan.id);
  return { section, quote, other, exported };
}

let libreOfficeMade:
  | Promise<{
      resaved: { database: Database; made: { resaved: Uint8Array } };
      written: { database: Database; made: { section: SectionSummary; quote: string; other: SectionSummary; docx: Uint8Array } };
    }>
  | undefined;
/**
 * The two LibreOffice tests' files, each made on a database of its own (their tests then take it over) and saved
 * by LibreOffice in one start (a start costs seconds), when the first of them runs: this plan's export with a
 * reviewer's comment, re-saved; and a document written in LibreOffice (a flat ODT) with annotations.
 */
function libreOfficeCopies() {
  libreOfficeMade ??= (async () => {
    const toResave = await inNewDatabase(async () => {
      const { quote, exported } = await reviewedExport();
      const reviewed = addReviewerComment(exported, {
        id: 900,
        author: 'Dr Rowan Hale',
        date: '2026-03-02T09:15:00Z',
        body: ['This target needs a date.'],
        quote,
        paraId: '7A000001',
        durableId: '1A2B3C4D',
      });
      return reviewed;
    });
    const toWrite = await inNewDatabase(async () => {
      const { section, quote } = await quotable();
      const other = sections.find((s) => s.id !== section.id)!;
      const fodt = flatOdt([
        { heading: 'Our plan', bookmark: 'jfp_not_a_section' },
        { heading: section.title, bookmark: sectionBookmarkName(section.id) },
        {
          paragraph: [
            'Before. ',
            {
              quote,
              annotation: {
                author: 'Dr Rowan Hale',
                date: '2026-03-02T09:15:00',
                body: ['This target needs a date.'],
                replies: [{ author: 'Bo Tran', date: '2026-03-03T11:00:00', body: ['Agreed.', 'By March 2027.'] }],
              },
            },
            ' After.',
          ],
        },
        { heading: other.title, bookmark: sectionBookmarkName(other.id) },
        { paragraph: ['Whole section. ', { pointAnnotation: { author: 'Cy Marsh', date: '2026-03-04T08:00:00', body: ['Looks fine now.'], resolved: true } }] },
        {
          paragraph: [
            {
              quote: 'words the team has since removed',
              annotation: {
                author: 'Cy Marsh',
                date: '2026-03-04T08:05:00',
                body: ['Why this?'],
                resolved: true,
                replies: [{ author: 'Bo Tran', date: '2026-03-04T09:00:00', body: ['Removed now.'] }],
              },
            },
          ],
        },
      ]);

      return { section, quote, other, fodt };
    });
    const [resaved, docx] = libreOfficeDocxAll([
      { content: toResave.made, ext: 'docx' },
      { content: toWrite.made.fodt, ext: 'fodt' },
    ]);
    const { section, quote, other } = toWrite.made;
    return {
      resaved: { database: toResave.database, made: { resaved: resaved! } },
      written: { database: toWrite.database, made: { section, quote, other, docx: docx! } },
    };
  })();
  return libreOfficeMade;
}

/** A database made for a LibreOffice test that did not run to take it over (a failure first) is closed here. */
afterAll(async () => {
  const made = await libreOfficeMade?.catch(() => undefined);
  for (const { database } of made ? [made.resaved, made.written] : []) {
    try {
      database.services.close();
    } catch {
      // Already closed by the test that took it over.
    }
    fs.rmSync(database.dir, { recursive: true, force: true });
  }
});

describe('a reviewed copy of this plan’s Word export', () => {
  it('brings back new comments, replies and done flags, and not the threads it was exported with', async () => {
    const { section, quote, other, exported } = await reviewedExport();
    const read = readWordComments(exported);
    expect(read.bookmarks).toEqual(sections.map((s) => sectionBookmarkName(s.id)));
    const inFile = read.comments;
    expect(inFile.map((c) => [c.author, c.body, c.bookmark])).toEqual(
      expect.arrayContaining([
        ['Asha Patel (Healthwatch Fellside)', 'Where is the baseline for this?', sectionBookmarkName(section.id)],
        ['Sam Jones (NHS ICB)', 'It is in the appendix.', sectionBookmarkName(section.id)],
      ]),
    );
    const exportedFirst = inFile.find((c) => c.body === 'Where is the baseline for this?')!;
    expect(inFile.find((c) => c.body === 'It is in the appendix.')!.parentKey).toBe(exportedFirst.key);

    let reviewed = addReviewerComment(exported, {
      id: 900,
      author: 'Dr Rowan Hale',
      date: '2026-03-02T09:15:00Z',
      body: ['This target needs a date.', 'And an owner.'],
      quote,
      paraId: '7A000001',
      durableId: '1A2B3C4D',
      done: true,
    });
    reviewed = addReviewerComment(reviewed, {
      id: 901,
      author: 'Asha Patel',
      date: '2026-03-03T10:00:00Z',
      body: ['Agreed, by March 2027.'],
      quote,
      paraId: '7A000002',
      durableId: '1A2B3C4E',
      parentParaId: '7A000001',
    });
    reviewed = addReviewerComment(reviewed, {
      id: 902,
      author: 'Dr Rowan Hale',
      date: '2026-03-02T09:20:00Z',
      body: ['Also covered in the foreword?'],
      quote: section.title,
      after: `w:name="${sectionBookmarkName(section.id)}"`,
      paraId: '7A000003',
      durableId: '1A2B3C4F',
      parentParaId: exportedFirst.paraId!,
    });
    // A comment on the heading: the words are not in the section's text.
    reviewed = addReviewerComment(reviewed, {
      id: 903,
      author: 'Dr Rowan Hale',
      date: '2026-03-02T09:30:00Z',
      body: ['Rename this chapter.'],
      quote: other.title,
      after: `w:name="${sectionBookmarkName(other.id)}"`,
      paraId: '7A000004',
      durableId: '1A2B3C50',
    });

    const summary = importWordComments(services.store, plan.id, reviewed);
    expect(summary).toEqual({
      newThreads: 2,
      newReplies: 2,
      alreadyImported: 3,
      notPlaced: [expect.objectContaining({ comment: 'Rename this chapter.', reason: expect.stringContaining('are not in any section of this plan') })],
    });

    const threads = await ok('listThreads', { planId: plan.id });
    expect(threads).toHaveLength(4);
    const target = threadWith(threads, 'This target needs a date.\nAnd an owner.')!;
    expect(target).toMatchObject({ sectionId: section.id, quote, status: 'resolved', source: 'word' });
    expect(target.comments.map((c) => `${c.authorName}: ${c.body}`)).toEqual([
      'Dr Rowan Hale: This target needs a date.\nAnd an owner.',
      'Asha Patel: Agreed, by March 2027.',
    ]);
    expect(await marksIn(section.id)).toContain(target.id);
    // The reply to an exported thread joins that thread, after its comments though Word dates it earlier.
    expect(threadWith(threads, 'Where is the baseline for this?')!.comments.map((c) => c.body)).toEqual([
      'Where is the baseline for this?',
      'It is in the appendix.',
      'Also covered in the foreword?',
    ]);
    expect(threadWith(threads, 'Rename this chapter.')).toMatchObject({ sectionId: other.id, status: 'open' });

    const people = await ok('listStakeholders', { planId: plan.id });
    expect(people.filter((p) => p.name === 'Asha Patel')).toHaveLength(1);
    expect(people.find((p) => p.name === 'Dr Rowan Hale')).toMatchObject({ organisation: '', orgType: 'other' });

    const before = snapshot();
    expect(importWordComments(services.store, plan.id, reviewed)).toEqual({ newThreads: 0, newReplies: 0, alreadyImported: 7, notPlaced: [] });
    expect(snapshot()).toEqual(before);
  });

  it('keeps a very long comment with markup in it as plain text, shortened', async () => {
    const { quote, exported } = await reviewedExport();
    const long = `<script>alert("x")</script><b>bold</b> ${'a'.repeat(100_000)}`;
    const reviewed = addReviewerComment(exported, {
      id: 950,
      author: 'Mal <Ory>',
      date: '2026-03-02T09:15:00Z',
      body: [long],
      quote,
      paraId: '7B000001',
      durableId: '2A2B3C4D',
    });
    const summary = importWordComments(services.store, plan.id, reviewed);
    expect(summary).toMatchObject({ newThreads: 1, newReplies: 0 });
    const thread = (await ok('listThreads', { planId: plan.id })).find((t) => t.comments[0]?.authorName === 'Mal <Ory>')!;
    const body = thread.comments[0]!.body;
    expect(body.startsWith('<script>alert("x")</script><b>bold</b> aaa')).toBe(true);
    expect(body.endsWith(SHORTENED_NOTE)).toBe(true);
    expect(body).toHaveLength(MAX_COMMENT_CHARS);
  });

  it('brings back the comments of a copy LibreOffice re-saved, without the exported threads', async (context) => {
    needsLibreOffice(context);
    const { database, made } = (await libreOfficeCopies()).resaved;
    useDatabase(database);
    const { resaved } = made;
    const summary = importWordComments(services.store, plan.id, resaved);
    expect(summary).toMatchObject({ newThreads: 1, newReplies: 0, alreadyImported: 3 });
    expect(importWordComments(services.store, plan.id, resaved)).toMatchObject({ newThreads: 0, newReplies: 0, alreadyImported: 4 });
  }, 120_000);
});

describe('a document written in LibreOffice', () => {
  it('brings back its annotations, replies and resolved state', async (context) => {
    needsLibreOffice(context);
    const { database, made } = (await libreOfficeCopies()).written;
    useDatabase(database);
    const { section, quote, other, docx } = made;

    const summary = importWordComments(services.store, plan.id, docx);
    expect(summary).toEqual({
      newThreads: 3,
      newReplies: 2,
      alreadyImported: 0,
      notPlaced: [
        {
          comment: 'Why this?',
          reviewer: 'Cy Marsh',
          quote: 'words the team has since removed',
          reason: expect.stringContaining('“words the team has since removed” are not in any section'),
        },
      ],
    });
    const threads = await ok('listThreads', { planId: plan.id });
    const target = threadWith(threads, 'This target needs a date.')!;
    expect(target).toMatchObject({ sectionId: section.id, quote, status: 'open' });
    expect(target.comments.map((c) => `${c.authorName}: ${c.body}`)).toEqual(['Dr Rowan Hale: This target needs a date.', 'Bo Tran: Agreed.\nBy March 2027.']);
    expect(await marksIn(section.id)).toEqual([target.id]);
    expect(threadWith(threads, 'Looks fine now.')).toMatchObject({ sectionId: other.id, quote: '', status: 'resolved' });
    expect(threadWith(threads, 'Why this?')).toMatchObject({ sectionId: other.id, status: 'resolved', comments: [{ body: 'Why this?' }, { body: 'Removed now.' }] });

    const before = snapshot();
    expect(importWordComments(services.store, plan.id, docx)).toEqual({ newThreads: 0, newReplies: 0, alreadyImported: 5, notPlaced: [] });
    expect(snapshot()).toEqual(before);
  }, 120_000);
});

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const comment = (id: number, author: string, date: string, lines: string[], paraId?: string) =>
  `<w:comment w:id="${id}" w:author="${author}" w:date="${date}" w:initials="X">${lines
    .map((line, i) => `<w:p${paraId && i === lines.length - 1 ? ` w14:paraId="${paraId}"` : ''}><w:r><w:annotationRef/></w:r>${run(line)}</w:p>`)
    .join('')}</w:comment>`;

describe('reading comments from a Word file', () => {
  const body = (ids: [number, number]) =>
    `<w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:bookmarkStart w:id="1" w:name="jfp_s1"/>${run('Start well')}<w:bookmarkEnd w:id="1"/><w:bookmarkEnd w:id="0"/></w:p>` +
    `<w:p>${run('We will ')}<w:commentRangeStart w:id="${ids[0]}"/>${run('improve ')}<w:r><w:rPr><w:b/></w:rPr><w:t>school</w:t></w:r></w:p>` +
    `<w:p>${run('readiness')}<w:commentRangeEnd w:id="${ids[0]}"/><w:r><w:commentReference w:id="${ids[0]}"/></w:r>${run(' by 2028.')}</w:p>` +
    `<w:p><w:bookmarkStart w:id="2" w:name="jfp_s2"/>${run('Age well')}<w:bookmarkEnd w:id="2"/></w:p>` +
    `<w:p>${run('Falls.')}<w:r><w:commentReference w:id="${ids[1]}"/></w:r></w:p>`;

  it('gives each comment its words across runs and paragraphs, its section bookmark, its text and a key that survives renumbering', () => {
    const file = (ids: [number, number]) =>
      minimalDocx({
        body: body(ids),
        comments:
          comment(ids[0], 'Asha Patel', '2026-03-02T09:15:00Z', ['Which schools?', '&lt;b&gt;All&lt;/b&gt; of them?']) +
          comment(ids[1], 'Bo Tran', '2026-03-03T09:00:00Z', ['Whole section.']),
      });
    const first = readWordComments(file([0, 1]));
    expect(first.bookmarks).toEqual(['jfp_s1', 'jfp_s2']);
    expect(
      first.comments.map(({ author, initials, date, body, quote, bookmark, parentKey, done }) => ({ author, initials, date, body, quote, bookmark, parentKey, done })),
    ).toEqual([
      {
        author: 'Asha Patel',
        initials: 'X',
        date: '2026-03-02T09:15:00Z',
        body: 'Which schools?\n<b>All</b> of them?',
        quote: 'improve school\nreadiness',
        bookmark: 'jfp_s1',
        parentKey: null,
        done: false,
      },
      { author: 'Bo Tran', initials: 'X', date: '2026-03-03T09:00:00Z', body: 'Whole section.', quote: '', bookmark: 'jfp_s2', parentKey: null, done: false },
    ]);
    const renumbered = readWordComments(file([7, 3]));
    expect(renumbered.comments.map((c) => c.key)).toEqual(first.comments.map((c) => c.key));
    expect(new Set(first.comments.map((c) => c.key)).size).toBe(2);
  });

  it('threads Word’s replies to the first comment, with the done flag and durable ids', () => {
    const docx = minimalDocx({
      body: body([0, 1]),
      comments:
        comment(0, 'Asha Patel', '2026-03-02T09:15:00Z', ['Which schools?'], '0000000A') +
        comment(1, 'Bo Tran', '2026-03-02T10:00:00Z', ['All of them.'], '0000000B') +
        comment(2, 'Asha Patel', '2026-03-02T11:00:00Z', ['Thanks.'], '0000000C'),
      commentsExtended:
        '<w15:commentEx w15:paraId="0000000A" w15:done="1"/><w15:commentEx w15:paraId="0000000B" w15:paraIdParent="0000000A" w15:done="1"/><w15:commentEx w15:paraId="0000000C" w15:paraIdParent="0000000B" w15:done="0"/>',
      commentsIds: '<w16cid:commentId w16cid:paraId="0000000A" w16cid:durableId="1A2B3C4D"/><w16cid:commentId w16cid:paraId="0000000B" w16cid:durableId="1A2B3C4E"/>',
    });
    const [first, reply, replyToReply] = readWordComments(docx).comments;
    expect(first).toMatchObject({ key: 'word-durable:1A2B3C4D', parentKey: null, done: true, durableId: '1A2B3C4D' });
    expect(reply).toMatchObject({ key: 'word-durable:1A2B3C4E', parentKey: first!.key });
    expect(replyToReply).toMatchObject({ durableId: null, parentKey: first!.key });
    expect(replyToReply!.key).toMatch(/^word:[0-9a-f]{32}$/);
  });

  it('keeps two comments on the same words as two when Word links its comments', () => {
    const docx = minimalDocx({
      body: body([0, 1])
        .replace(`<w:commentRangeStart w:id="0"/>`, `<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="2"/>`)
        .replace(`<w:commentRangeEnd w:id="0"/>`, `<w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="2"/>`),
      comments:
        comment(0, 'Asha Patel', '2026-03-02T09:15:00Z', ['One.'], '0000000A') +
        comment(1, 'Bo Tran', '2026-03-02T09:15:00Z', ['x'], '0000000B') +
        comment(2, 'Cy Marsh', '2026-03-02T10:00:00Z', ['Two.'], '0000000C'),
      commentsExtended:
        '<w15:commentEx w15:paraId="0000000A" w15:done="0"/><w15:commentEx w15:paraId="0000000B" w15:done="0"/><w15:commentEx w15:paraId="0000000C" w15:done="0"/>',
    });
    const comments = readWordComments(docx).comments;
    expect(comments.map((c) => [c.body, c.quote, c.parentKey])).toEqual([
      ['One.', 'improve school\nreadiness', null],
      ['x', '', null],
      ['Two.', 'improve school\nreadiness', null],
    ]);
  });
});

/** A zip whose one entry says it inflates to about 4 GB. */
function zipBomb(): Uint8Array {
  const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
  }
  return zip;
}

describe('files that are refused, changing nothing', () => {
  const refusals: Array<[string, () => Promise<Uint8Array>, RegExp]> = [
    ['a file that is not a zip', async () => strToU8('Dear team, my comments are below.'), /not a zip package/],
    ['a zip bomb', async () => zipBomb(), /^The part word\/document\.xml says it is 4096 MB uncompressed, over the 64 MB limit; the file was not read\.$/],
    [
      'XML with an external entity',
      async () => {
        const { exported } = await reviewedExport();
        return editParts(exported, {
          'word/comments.xml': (xml) =>
            xml.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '').replace(/^/, '<!DOCTYPE w:comments [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        });
      },
      /declares a DTD/,
    ],
    ['a file over 50 MB', async () => new Uint8Array(MAX_WORD_IMPORT_BYTES + 1), /over the 50 MB that can be imported/],
  ];
  for (const [what, make, message] of refusals) {
    it(`refuses ${what} with one sentence`, async () => {
      const bytes = await make();
      const before = snapshot();
      expect(() => importWordComments(services.store, plan.id, bytes)).toThrow(message);
      try {
        importWordComments(services.store, plan.id, bytes);
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid_input' });
      }
      expect(snapshot()).toEqual(before);
    });
  }

  it('refuses a file over 50 MB on disk before reading it', () => {
    const big = path.join(dir, 'huge.docx');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_WORD_IMPORT_BYTES + 1);
    expect(() => readWordFile(big)).toThrow(/over the 50 MB that can be imported; it was not read/);
  });
});
