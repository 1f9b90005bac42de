// #13: any .docx's comments are kept. A Word document this plan did not export
// (written here as raw XML, the way Word saves one), its OOXML Strict copy and a
// LibreOffice-authored review: each comment is placed by its words across the
// plan (the heading it was under first), re-attached when the words changed a
// little ("text changed"), or kept unplaced with the reason, reviewer and quote.
// A thread marked done in Word on this plan's own export is resolved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { importWordComments } from '../../electron/services/review/word-import';
import type { MethodInput, MethodName } from '../../shared/contract';
import { contentFromParagraphs, markIds, parseContent } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { addReviewerComment, editParts, exportedDocx, flatOdt, libreOfficeDocx, minimalDocx } from '../support/commented-docx';
import { needsLibreOffice } from '../support/libreoffice';

let dir: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-any-docx-'));
  services = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function planWithText() {
  const plan = await ok('createPlan', { title: 'Fellside plan', icbName: 'NHS Fellside ICB', startYear: 2026, templateId: 'blank' });
  const intro = await ok('addSection', { planId: plan.id, parentId: null, title: 'Introduction' });
  const care = await ok('addSection', { planId: plan.id, parentId: null, title: 'Planned care' });
  const { store } = services;
  store.sections.saveContent(intro.id, store.sections.get(intro.id).revision, contentFromParagraphs(['This plan sets out what we will do.']));
  store.sections.saveContent(
    care.id,
    store.sections.get(care.id).revision,
    // The author has since changed 18 weeks to 16: the reviewer quoted the older words.
    contentFromParagraphs(['We will cut the wait for hip operations to 16 weeks by March 2028.', 'Clinics will open on Saturdays.']),
  );
  return { planId: plan.id, intro, care };
}

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const commented = (id: number, text: string) =>
  `<w:commentRangeStart w:id="${id}"/>${run(text)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`;
const comment = (id: number, author: string, body: string) =>
  `<w:comment w:id="${id}" w:author="${author}" w:date="2026-04-01T10:00:00Z" w:initials="X"><w:p>${run(body)}</w:p></w:comment>`;

/** A council's own document: the plan's words pasted under its own headings, two comments, and Word's people part. */
function councilDocument(): Uint8Array {
  const bytes = minimalDocx({
    body: [
      `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run('Planned care')}</w:p>`,
      `<w:p>${run('We will ')}${commented(1, 'cut the wait for hip operations to 18 weeks')}${run(' by March 2028.')}</w:p>`,
      `<w:p>${run('Our own note: ')}${commented(2, 'the council will fund transport to clinics')}</w:p>`,
    ].join(''),
    comments: comment(1, 'Jo Field', 'Is 18 weeks realistic?') + comment(2, 'Jo Field', 'Please add this to the plan.'),
  });
  return editParts(bytes, {
    'word/people.xml': () =>
      `<?xml version="1.0" encoding="UTF-8"?><w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author="Jo Field"><w15:presenceInfo w15:providerId="AD" w15:userId="jo.field@fellside.gov.uk"/></w15:person></w15:people>`,
  });
}

/** The same document saved as Strict Open XML: other namespaces and relationship types for the same parts. */
function strict(bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(bytes);
  for (const name of Object.keys(entries)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    entries[name] = strToU8(
      strFromU8(entries[name]!)
        .split('http://schemas.openxmlformats.org/wordprocessingml/2006/main')
        .join('http://purl.oclc.org/ooxml/wordprocessingml/main')
        .split('http://schemas.openxmlformats.org/officeDocument/2006/relationships')
        .join('http://purl.oclc.org/ooxml/officeDocument/relationships'),
    );
  }
  return zipSync(entries);
}

async function expectCouncilCommentsKept(bytes: Uint8Array) {
  const { planId, care } = await planWithText();
  const summary = importWordComments(services.store, planId, bytes);
  expect(summary).toMatchObject({ newThreads: 2, textChanged: 1 });
  expect(summary.notPlaced).toEqual([
    expect.objectContaining({
      reviewer: 'Jo Field',
      quote: 'the council will fund transport to clinics',
      reason: expect.stringContaining('not in any section of this plan'),
    }),
  ]);
  const threads = await ok('listThreads', { planId });
  const moved = threads.find((t) => t.comments[0]!.body === 'Is 18 weeks realistic?')!;
  // Re-attached to the edited sentence under the heading it was under, keeping the quote the reviewer saw.
  expect(moved).toMatchObject({ sectionId: care.id, anchor: 'text_changed', quote: 'cut the wait for hip operations to 18 weeks' });
  const content = parseContent((await ok('getSection', { sectionId: care.id })).content);
  expect(content.ok && markIds(content.state)).toEqual([moved.id]);
  const kept = threads.find((t) => t.comments[0]!.body === 'Please add this to the plan.')!;
  expect(kept).toMatchObject({ sectionId: null, anchor: 'unplaced', unplacedReason: expect.stringContaining('place it by hand') });
  // The author is a reviewer with the e-mail Word's people part gives.
  expect(await ok('listStakeholders', { planId })).toEqual([expect.objectContaining({ name: 'Jo Field', email: 'jo.field@fellside.gov.uk' })]);

  // Placed by hand on words the author selects.
  const placed = await ok('placeThread', { threadId: kept.id, sectionId: care.id, quote: 'Clinics will open on Saturdays.' });
  expect(placed).toMatchObject({ sectionId: care.id, unplacedReason: '', quote: 'Clinics will open on Saturdays.' });

  // Importing the same file again adds nothing.
  const again = importWordComments(services.store, planId, bytes);
  expect(again).toMatchObject({ newThreads: 0, newReplies: 0, alreadyImported: 2 });
  expect(await ok('listThreads', { planId })).toHaveLength(2);
  return planId;
}

it('keeps the comments of a Word document this plan did not export: placed by their words, or kept unplaced with the reason', async () => {
  const planId = await expectCouncilCommentsKept(councilDocument());
  const events = await ok('listPlanEvents', { planId });
  expect(events.map((e) => e.summary)).toContainEqual(expect.stringContaining('Comments imported from a Word document this plan did not export: 2 new'));
});

it('reads an OOXML Strict copy of the same document', async () => {
  await expectCouncilCommentsKept(strict(councilDocument()));
});

it('offers the organisation a known stakeholder with the same e-mail domain has, without setting it', async () => {
  const { planId } = await planWithText();
  const other = await ok('createPlan', { title: 'Last year', icbName: 'NHS Fellside ICB', startYear: 2025, templateId: 'blank' });
  await ok('addStakeholder', { planId: other.id, name: 'Kim Lowe', organisation: 'Fellside Council', orgType: 'local_authority', email: 'kim.lowe@fellside.gov.uk' });
  const summary = importWordComments(services.store, planId, councilDocument());
  expect(summary.offers).toEqual([expect.objectContaining({ name: 'Jo Field', organisation: 'Fellside Council', from: 'email' })]);
  expect((await ok('listStakeholders', { planId }))[0]!.organisation).toBe('');
});

it('resolves a thread marked done in Word on this plan’s own export, credited to who saved the file, with the date', async () => {
  const { planId, care } = await planWithText();
  const asha = await ok('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Fellside', orgType: 'healthwatch', email: '' });
  const thread = await ok('createThread', { planId, sectionId: care.id, stakeholderId: asha.id, body: 'Who runs the Saturday clinics?', quote: '' });
  const exported = await exportedDocx(services.store, planId);
  // Word adds the thread's done flag to commentsExtended.xml (writing the part when the export had none).
  const paraId = /w16cid:paraId="([0-9A-F]+)"/.exec(strFromU8(unzipSync(exported)['word/commentsIds.xml']!))![1]!;
  const done = editParts(exported, {
    'word/commentsExtended.xml': (xml) =>
      xml
        ? xml.replace(/w15:done="0"/, 'w15:done="1"')
        : `<?xml version="1.0" encoding="UTF-8"?><w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="${paraId}" w15:done="1"/></w15:commentsEx>`,
    'docProps/core.xml': (xml) =>
      xml
        .replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/, '')
        .replace(/<dcterms:modified[^>]*>[^<]*<\/dcterms:modified>/, '')
        .replace(
          '</cp:coreProperties>',
          '<cp:lastModifiedBy>Asha Patel</cp:lastModifiedBy><dcterms:modified xsi:type="dcterms:W3CDTF">2026-05-02T09:30:00Z</dcterms:modified></cp:coreProperties>',
        ),
  });
  const summary = importWordComments(services.store, planId, done);
  expect(summary).toMatchObject({ newThreads: 0, resolved: 1 });
  expect((await ok('listThreads', { planId })).find((t) => t.id === thread.id)).toMatchObject({
    status: 'resolved',
    resolvedBy: 'Asha Patel (in Word)',
    resolvedAt: '2026-05-02T09:30:00.000Z',
  });
});

it('keeps the comments of a LibreOffice-authored review of text pasted from the plan', async (context) => {
  needsLibreOffice(context);
  const { planId, care } = await planWithText();
  const fodt = flatOdt([
    { heading: 'Our response', bookmark: 'ours' },
    {
      paragraph: [
        'As the plan says, ',
        { quote: 'Clinics will open on Saturdays', annotation: { author: 'Lee Moss', date: '2026-04-02T10:00:00', body: ['And Sundays?'], resolved: true } },
        '.',
      ],
    },
    { paragraph: [{ quote: 'Transport is our main worry', annotation: { author: 'Lee Moss', date: '2026-04-02T10:05:00', body: ['Say how people get there.'] } }] },
    { paragraph: [{ quote: 'We will cut the wait', annotation: { author: 'Lee Moss', date: '2026-04-02T10:06:00', body: ['Good.'] } }] },
  ]);
  const summary = importWordComments(services.store, planId, libreOfficeDocx(fodt, 'fodt'));
  expect(summary.newThreads).toBe(3);
  const threads = await ok('listThreads', { planId });
  expect(threads.find((t) => t.comments[0]!.body === 'And Sundays?')).toMatchObject({ sectionId: care.id, anchor: 'text', status: 'resolved' });
  expect(threads.find((t) => t.comments[0]!.body === 'Say how people get there.')).toMatchObject({ anchor: 'unplaced' });
});

it('re-attaches a Word 365 comment on this plan’s own export after the author edited the commented sentence by a few characters, marked text changed', async () => {
  const plan = await ok('createPlan', { title: 'Fellside plan', icbName: 'NHS Fellside ICB', startYear: 2026, templateId: 'blank' });
  const care = await ok('addSection', { planId: plan.id, parentId: null, title: 'Planned care' });
  const { store } = services;
  const sentence = 'We will cut the wait for hip operations to 18 weeks by March 2028.';
  store.sections.saveContent(care.id, store.sections.get(care.id).revision, contentFromParagraphs([sentence, 'Clinics will open on Saturdays.']));
  // The export carries one thread of the app's, so its comment parts exist as Word 365 would keep them.
  const asha = await ok('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Fellside', orgType: 'healthwatch', email: '' });
  const asked = await ok('createThread', { planId: plan.id, sectionId: care.id, stakeholderId: asha.id, body: 'Who runs the Saturday clinics?', quote: '' });
  await ok('replyToThread', { threadId: asked.id, stakeholderId: asha.id, body: 'The hospital trust.' });
  // The reviewer comments in Word (comments, commentsExtended, commentsIds as Word 365 writes them) on the export.
  const reviewed = addReviewerComment(await exportedDocx(store, plan.id), {
    id: 900,
    author: 'Dr Rowan Hale',
    date: '2026-03-02T09:15:00Z',
    body: ['Is 18 weeks realistic?'],
    quote: 'cut the wait for hip operations to 18 weeks',
    after: 'Planned care</w:t>',
    paraId: '7A000001',
    durableId: '1A2B3C4D',
  });
  // Meanwhile the author changes 18 to 16 in the plan.
  store.sections.saveContent(
    care.id,
    store.sections.get(care.id).revision,
    contentFromParagraphs([sentence.replace('18 weeks', '16 weeks'), 'Clinics will open on Saturdays.']),
  );
  const summary = importWordComments(store, plan.id, reviewed);
  expect(summary).toMatchObject({ newThreads: 1, textChanged: 1 });
  expect(summary.notPlaced).toEqual([]);
  const thread = (await ok('listThreads', { planId: plan.id })).find((t) => t.comments[0]!.body === 'Is 18 weeks realistic?');
  // On the edited sentence of its own section, shown as "text changed" with the words the reviewer saw.
  expect(thread).toMatchObject({ sectionId: care.id, anchor: 'text_changed', quote: 'cut the wait for hip operations to 18 weeks' });
  const content = parseContent((await ok('getSection', { sectionId: care.id })).content);
  expect(content.ok && markIds(content.state)).toEqual([thread!.id]);
  expect(content.ok && JSON.stringify(content.state)).toContain('16 weeks');
});
