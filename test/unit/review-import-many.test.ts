// #13: a reviewer's copy of the exported plan with 5,000 comments spread over
// its sections comes back in one transaction: every comment on the plan's words
// is marked where the words are (each section written once, not once per
// comment), and a second import adds nothing. (The same file without the
// plan's section bookmarks is timed by `npm run bench -- review`; the quote
// index it uses is tested in review-anchors.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { importWordComments } from '../../electron/services/review/word-import';
import { markIds, parseContent, plainText } from '../../shared/lexical-json';
import type { Plan, SectionSummary } from '../../shared/domain';
import { callOk } from '../support/call-ok';
import { addManyReviewerComments, exportedDocx } from '../support/commented-docx';

const COUNT = 5_000;
let dir: string;
let services: AppServices;
let plan: Plan;
let sections: SectionSummary[];
let reviewed: Uint8Array;
let quotes: string[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-review-many-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await callOk(services, 'createSamplePlan', {});
  sections = await callOk(services, 'listSections', { planId: plan.id });
  const reviewer = await callOk(services, 'addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch', orgType: 'healthwatch', email: '' });
  // A thread with a reply, so the export writes Word's thread links (commentsExtended) that the review adds to.
  const thread = await callOk(services, 'createThread', { planId: plan.id, sectionId: sections[0]!.id, stakeholderId: reviewer.id, body: 'Exported thread.', quote: '' });
  await callOk(services, 'replyToThread', { threadId: thread.id, stakeholderId: reviewer.id, body: 'Exported reply.' });
  ({ bytes: reviewed, quotes } = addManyReviewerComments(await exportedDocx(services.store, plan.id), { count: COUNT, after: 'w:name="jfp_', words: 3 }));
}, 60_000);
afterAll(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sectionStates() {
  return Promise.all(
    sections.map(async (s) => {
      const section = await callOk(services, 'getSection', { sectionId: s.id });
      const parsed = parseContent(section.content);
      return { id: s.id, revision: section.revision, marks: parsed.ok ? markIds(parsed.state) : [], text: parsed.ok ? plainText(parsed.state) : '' };
    }),
  );
}

it('imports 5,000 Word comments in one transaction, marking each section once, and a second import adds nothing', async () => {
  const before = await sectionStates();
  const write = services.store.write.bind(services.store);
  let writes = 0;
  services.store.write = ((task: () => unknown) => {
    writes++;
    return write(task);
  }) as typeof services.store.write;
  const summary = importWordComments(services.store, plan.id, reviewed);
  services.store.write = write;
  expect(writes).toBe(1);
  // Every tenth comment answers the one before it.
  expect(summary.newReplies).toBe(COUNT / 10);
  expect(summary.newThreads).toBe(COUNT - COUNT / 10);
  const threads = await callOk(services, 'listThreads', { planId: plan.id });
  expect(threads).toHaveLength(COUNT - COUNT / 10 + 1);
  const after = await sectionStates();
  const marked = new Set(after.flatMap((s) => s.marks));
  const placed = threads.filter((t) => t.quote && !t.unplacedReason);
  // Comments on the plan's own words are marked there; the rest (headings, the delivery table) are kept with a reason.
  expect(placed.length).toBeGreaterThan((COUNT - COUNT / 10) * 0.8);
  for (const thread of placed) expect(marked.has(thread.id)).toBe(true);
  for (const thread of threads.filter((t) => t.unplacedReason)) expect(thread.unplacedReason).toMatch(/place it by hand|could not be found/);
  expect(placed.map((t) => t.quote)).toEqual(expect.arrayContaining(quotes.slice(0, 50).filter((q) => placed.some((t) => t.quote === q))));
  // Marks change no word, and each section is written once however many comments land in it.
  after.forEach((section, i) => {
    expect(section.text).toBe(before[i]!.text);
    expect(section.revision - before[i]!.revision).toBeLessThanOrEqual(1);
  });
  const again = importWordComments(services.store, plan.id, reviewed);
  expect(again).toMatchObject({ newThreads: 0, newReplies: 0 });
  // The review's comments and the thread (and reply) the plan was exported with.
  expect(again.alreadyImported).toBe(COUNT + 2);
  expect(await callOk(services, 'listThreads', { planId: plan.id })).toHaveLength(COUNT - COUNT / 10 + 1);
}, 60_000);
