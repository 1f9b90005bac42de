// #13 bad input for comments brought in from Word: many comments (500; 5,000 is slow, see below), comments on
// words in a table or a text box, comments whose words are not in the body (a
// footnote's or a header's: Word keeps their ranges in those parts), a range
// that crosses two sections, a comment of 100,000 characters, and hostile
// author names. Each is placed, or kept unplaced with a reason; a second
// import adds nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { buildReviewPack, parseReviewFile, reviewPackSchema } from '../../electron/services/review/review-pack';
import { importWordComments } from '../../electron/services/review/word-import';
import { MAX_COMMENT_CHARS } from '../../shared/limits';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { databaseRows } from '../support/db-snapshot';
import { minimalDocx } from '../support/commented-docx';

let dir: string;
let services: AppServices;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-word-bad-'));
  services = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const start = (id: number) => `<w:commentRangeStart w:id="${id}"/>`;
const end = (id: number) => `<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`;
const commented = (id: number, text: string) => `${start(id)}${run(text)}${end(id)}`;
const heading = (text: string) => `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(text)}</w:p>`;
const comment = (id: number, author: string, body: string) =>
  `<w:comment w:id="${id}" w:author="${author}" w:date="2026-04-01T10:00:00Z" w:initials="X"><w:p>${run(body)}</w:p></w:comment>`;

async function plan() {
  const created = await callOk(services, 'createPlan', { title: 'Fellside plan', icbName: 'NHS Fellside ICB', startYear: 2026, templateId: 'blank' });
  const intro = await callOk(services, 'addSection', { planId: created.id, parentId: null, title: 'Introduction' });
  const care = await callOk(services, 'addSection', { planId: created.id, parentId: null, title: 'Planned care' });
  const { store } = services;
  store.sections.saveContent(intro.id, store.sections.get(intro.id).revision, contentFromParagraphs(['This plan sets out what we will do.']));
  store.sections.saveContent(care.id, store.sections.get(care.id).revision, contentFromParagraphs(['Clinics will open on Saturdays.', 'Waits will fall to 16 weeks.']));
  return { planId: created.id, intro, care };
}

it('places or keeps, with a reason, comments in tables, text boxes, footnotes and across sections, long ones and hostile names; once', async () => {
  const { planId, care } = await plan();
  const hostile = ['&lt;script&gt;alert(1)&lt;/script&gt;', 'Jo\u202eFIELD', 'x'.repeat(5000), '   '];
  const body = [
    heading('Introduction'),
    `<w:p>${run('This plan ')}${start(1)}${run('sets out what')}</w:p>`,
    heading('Planned care'),
    `<w:p>${run('Clinics')}${end(1)}${run(' will open on Saturdays.')}</w:p>`,
    // A table cell.
    `<w:tbl><w:tr><w:tc><w:p>${commented(2, 'Clinics will open on Saturdays.')}</w:p></w:tc></w:tr></w:tbl>`,
    // A text box.
    `<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p>${commented(3, 'Waits will fall to 16 weeks.')}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`,
    `<w:p>${commented(5, 'Waits will fall')}</w:p>`,
    `<w:p>${commented(6, 'This plan sets out')}</w:p>`,
    `<w:p>${commented(7, 'Clinics will open')}</w:p>`,
    `<w:p>${commented(8, 'Waits will')}</w:p>`,
  ].join('');
  const comments = [
    comment(1, 'Dr Lee Wong', 'This runs across two sections.'),
    comment(2, 'Asha Patel', 'In a table.'),
    comment(3, 'Asha Patel', 'In a text box.'),
    // Its words are in a footnote (no range in the body).
    comment(4, 'Asha Patel', 'On a footnote.'),
    comment(5, 'Asha Patel', 'y'.repeat(100_000)),
    ...hostile.map((name, i) => comment(6 + i, name, `Hostile name ${i}.`)),
  ].join('');
  const bytes = minimalDocx({ body, comments });
  const summary = importWordComments(services.store, planId, bytes);
  const threads = await callOk(services, 'listThreads', { planId });
  expect(summary.newThreads).toBe(9);
  expect(threads).toHaveLength(9);
  for (const thread of threads) {
    // Placed on its words, or kept on the plan with a reason a person can act on.
    if (thread.anchor === 'unplaced') expect(thread.unplacedReason).toMatch(/\.$/);
    else expect(['text', 'text_changed', 'section']).toContain(thread.anchor);
  }
  const by = (body: string) => threads.find((t) => t.comments[0]!.body.startsWith(body))!;
  expect(by('In a table.')).toMatchObject({ sectionId: care.id, anchor: 'text', quote: 'Clinics will open on Saturdays.' });
  expect(by('In a text box.')).toMatchObject({ sectionId: care.id, quote: 'Waits will fall to 16 weeks.' });
  expect(by('On a footnote.')).toMatchObject({ anchor: 'unplaced' });
  expect(by('This runs across').anchor === 'unplaced' || by('This runs across').sectionId !== null).toBe(true);
  // The long comment is kept, shortened to the app's limit with its note inside it, so a review pack of the plan still opens.
  expect(by('yyy').comments[0]!.body).toHaveLength(MAX_COMMENT_CHARS);
  const asha = (await callOk(services, 'listStakeholders', { planId })).find((p) => p.name === 'Asha Patel')!;
  expect(() =>
    parseReviewFile(new TextEncoder().encode(JSON.stringify(buildReviewPack(services.store, planId, asha.id))), reviewPackSchema, 'review pack'),
  ).not.toThrow();
  // Hostile names are kept as plain text, bounded; an empty name is not an author.
  const names = (await callOk(services, 'listStakeholders', { planId })).map((p) => p.name);
  expect(names).toContain('<script>alert(1)</script>');
  for (const name of names) expect(name.length).toBeLessThanOrEqual(200);
  expect(names).not.toContain('');
  expect(names).not.toContain('   ');

  const rows = databaseRows(services.store.file);
  expect(importWordComments(services.store, planId, bytes)).toMatchObject({ newThreads: 0, newReplies: 0, alreadyImported: 9 });
  const again = databaseRows(services.store.file);
  expect(again.comments).toEqual(rows.comments);
  expect(again.stakeholders).toEqual(rows.stakeholders);
});

it('keeps 5,000 comments from one document, in one import, and a second import adds nothing', async () => {
  const { planId } = await plan();
  const count = 5_000;
  const body = [heading('Planned care'), ...Array.from({ length: count }, (_, i) => `<w:p>${commented(i + 1, 'Clinics will open on Saturdays.')}</w:p>`)].join('');
  const comments = Array.from({ length: count }, (_, i) => comment(i + 1, `Reviewer ${i % 7}`, `Comment number ${i + 1}.`)).join('');
  const bytes = minimalDocx({ body, comments });
  const summary = importWordComments(services.store, planId, bytes);
  expect(summary.newThreads + summary.notPlaced.length).toBeGreaterThanOrEqual(count);
  expect(await callOk(services, 'listThreads', { planId })).toHaveLength(count);
  expect(importWordComments(services.store, planId, bytes)).toMatchObject({ newThreads: 0, alreadyImported: count });
  expect(await callOk(services, 'listThreads', { planId })).toHaveLength(count);
});
