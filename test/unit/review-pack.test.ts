// Review by reviewers who have the app: the author sends a pack, each reviewer
// comments in a read-only copy in their own database and returns a comments
// file, and the author imports it: idempotent, anchored, replies interleaved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import {
  buildCommentsFile,
  buildReviewPack,
  commentsFileSchema,
  importCommentsFile,
  openReviewPack,
  parseReviewFile,
  reviewPackSchema,
} from '../../electron/services/review/review-pack';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import { contentFromParagraphs, markIds, parseContent } from '../../shared/lexical-json';

let dir: string;
let author: AppServices;
const reviewers: AppServices[] = [];

async function call<M extends MethodName>(app: AppServices, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const outcome = await app.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.value as MethodResult<M>;
}

function reviewerApp(name: string): AppServices {
  const app = startServices(path.join(dir, `${name}.db`));
  reviewers.push(app);
  return app;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function withMark(text: string, quote: string, threadId: string): string {
  const state = JSON.parse(contentFromParagraphs([text]));
  const [before, after] = text.split(quote) as [string, string];
  const t = (s: string) => ({ type: 'text', version: 1, text: s, format: 0, style: '', mode: 'normal', detail: 0 });
  state.root.children[0].children = [t(before), { type: 'mark', version: 1, ids: [threadId], children: [t(quote)] }, t(after)];
  return JSON.stringify(state);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-pack-'));
  author = startServices(path.join(dir, 'author.db'));
});
afterEach(() => {
  author.close();
  for (const app of reviewers.splice(0)) app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function authorPlan() {
  const plan = await call(author, 'createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const section = await call(author, 'addSection', { planId: plan.id, parentId: null, title: 'Start well' });
  const text = 'We will improve school readiness in every place by 2028.';
  await call(author, 'saveSectionContent', { sectionId: section.id, revision: 1, content: contentFromParagraphs([text]) });
  const sam = await call(author, 'addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
  const asha = await call(author, 'addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
  const ben = await call(author, 'addStakeholder', { planId: plan.id, name: 'Ben Ode', organisation: 'Test Community Trust', orgType: 'nhs_trust', email: '' });
  const opening = await call(author, 'createThread', { planId: plan.id, sectionId: section.id, stakeholderId: sam.id, body: 'Reviewers: is 2028 realistic?', quote: '' });
  return { plan, section, text, asha, ben, opening };
}

/** What a reviewer does in the app: open the pack, comment, reply, return the file. */
async function review(app: AppServices, packBytes: Uint8Array, sectionId: string, text: string, reply: string, quote?: string) {
  const copy = openReviewPack(app.store, parseReviewFile(packBytes, reviewPackSchema, 'review pack'));
  const me = copy.reviewCopy!.localStakeholderId;
  const threads = await call(app, 'listThreads', { planId: copy.id });
  await call(app, 'replyToThread', { threadId: threads[0]!.id, stakeholderId: me, body: reply });
  if (quote) {
    const thread = await call(app, 'createThread', {
      planId: copy.id,
      sectionId,
      threadId: `t-${quote.length}-${Date.now()}`,
      stakeholderId: me,
      body: `Please define “${quote}”.`,
      quote,
    });
    const current = await call(app, 'getSection', { sectionId });
    await call(app, 'saveSectionContent', { sectionId, revision: current.revision, content: withMark(text, quote, thread.id) });
  }
  return { copy, file: bytes(buildCommentsFile(app.store, copy.id)) };
}

describe('review packs', () => {
  it('opens as a read-only copy in the reviewer’s app, with the plan’s sections and threads', async () => {
    const { plan, section, asha } = await authorPlan();
    const reviewer = reviewerApp('asha');
    const copy = openReviewPack(reviewer.store, parseReviewFile(bytes(buildReviewPack(author.store, plan.id, asha.id)), reviewPackSchema, 'review pack'));
    expect(copy.reviewCopy).toMatchObject({ originPlanId: plan.id, reviewer: { name: 'Asha Patel', orgType: 'healthwatch' } });
    expect((await call(reviewer, 'listSections', { planId: copy.id })).map((s) => s.id)).toEqual([section.id]);
    expect((await call(reviewer, 'listThreads', { planId: copy.id })).map((t) => t.comments[0]!.body)).toEqual(['Reviewers: is 2028 realistic?']);

    const refused = await reviewer.dispatch('saveSectionContent', { sectionId: section.id, revision: 2, content: contentFromParagraphs(['Rewritten by the reviewer.']) });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^This is a review copy: only the plan’s author can change its text or formatting/) },
    });
    expect((await reviewer.dispatch('renameSection', { sectionId: section.id, title: 'Mine now' })).ok).toBe(false);
  });

  it('imports returned comments anchored to their words, once, with replies from several reviewers in time order', async () => {
    const { plan, section, text, asha, ben, opening } = await authorPlan();
    const asPack = (who: string) => bytes(buildReviewPack(author.store, plan.id, who));
    const fromAsha = await review(reviewerApp('asha'), asPack(asha.id), section.id, text, 'From Healthwatch: only with more health visitors.', 'school readiness');
    await new Promise((r) => setTimeout(r, 5));
    const fromBen = await review(reviewerApp('ben'), asPack(ben.id), section.id, text, 'From the trust: yes, with the new family hubs.');

    const first = importCommentsFile(author.store, plan.id, parseReviewFile(fromAsha.file, commentsFileSchema, 'comments file'));
    expect(first).toEqual({ newThreads: 1, newReplies: 1, alreadyImported: 0, notPlaced: [] });
    const again = importCommentsFile(author.store, plan.id, parseReviewFile(fromAsha.file, commentsFileSchema, 'comments file'));
    expect(again).toEqual({ newThreads: 0, newReplies: 0, alreadyImported: 2, notPlaced: [] });
    expect(importCommentsFile(author.store, plan.id, parseReviewFile(fromBen.file, commentsFileSchema, 'comments file'))).toMatchObject({ newReplies: 1, newThreads: 0 });

    const threads = await call(author, 'listThreads', { planId: plan.id });
    expect(threads).toHaveLength(2);
    const answered = threads.find((t) => t.id === opening.id)!;
    expect(answered.comments.map((c) => c.authorName)).toEqual(['Sam Jones', 'Asha Patel', 'Ben Ode']);
    const anchored = threads.find((t) => t.id !== opening.id)!;
    expect(anchored).toMatchObject({ quote: 'school readiness', anchor: 'text', comments: [{ authorName: 'Asha Patel', organisation: 'Healthwatch Test' }] });
    const content = parseContent((await call(author, 'getSection', { sectionId: section.id })).content);
    expect(content.ok && markIds(content.state)).toEqual([anchored.id]);
  });

  it('refuses a comments file for another plan, or a file that is not one, changing nothing', async () => {
    const { plan, section, text, asha } = await authorPlan();
    const other = await call(author, 'createPlan', { title: 'Another plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const { file } = await review(reviewerApp('asha'), bytes(buildReviewPack(author.store, plan.id, asha.id)), section.id, text, 'A reply.');
    const parsed = parseReviewFile(file, commentsFileSchema, 'comments file');
    expect(() => importCommentsFile(author.store, other.id, parsed)).toThrow(
      'This comments file is for another plan (“Joint Forward Plan 2026/27 to 2030/31”), not “Another plan”. Nothing was imported.',
    );
    expect(() => parseReviewFile(new TextEncoder().encode('PK\u0003\u0004 not json'), commentsFileSchema, 'comments file')).toThrow(
      'That file is not a comments file: it could not be read as one.',
    );
    const tampered = JSON.parse(new TextDecoder().decode(file));
    tampered.comments[0].body = 'x'.repeat(100_000);
    expect(() => parseReviewFile(bytes(tampered), commentsFileSchema, 'comments file')).toThrow(
      'That file is not a comments file this version of JFP Studio can read: a comment must be 20,000 characters or fewer. Nothing was changed.',
    );
    expect((await call(author, 'listThreads', { planId: plan.id }))[0]!.comments).toHaveLength(1);
  });
});

describe('review packs and comments files that break the outline’s rules', () => {
  type Pack = ReturnType<typeof buildReviewPack>;
  type PackSection = Pack['sections'][number];

  async function sentPack(): Promise<Pack> {
    const { plan, asha } = await authorPlan();
    return buildReviewPack(author.store, plan.id, asha.id);
  }

  const section = (id: string, parentId: string | null, title = `Section ${id}`): PackSection => ({ id, parentId, title, content: contentFromParagraphs([title]) });

  /** Opens the pack as the reviewer's app would, returning the refusal and the reviewer's plans after it. */
  async function refusalOf(pack: unknown): Promise<{ message: string; plans: number }> {
    const reviewer = reviewerApp(`reviewer-${reviewers.length}`);
    try {
      openReviewPack(reviewer.store, parseReviewFile(bytes(pack), reviewPackSchema, 'review pack'));
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_input' });
      return { message: (error as Error).message, plans: (await call(reviewer, 'listPlans', {})).length };
    }
    throw new Error('The pack was accepted.');
  }

  it('refuses an outline 1,000 sections deep, opening nothing', async () => {
    const pack = await sentPack();
    pack.sections = Array.from({ length: 1000 }, (_, i) => section(`deep-${i}`, i === 0 ? null : `deep-${i - 1}`));
    expect(await refusalOf(pack)).toEqual({
      message:
        'That file is not a review pack this version of JFP Studio can read: the section “Section deep-4” is nested more than 4 levels deep, deeper than JFP Studio allows. Nothing was changed.',
      plans: 0,
    });
  });

  it('accepts an outline exactly 4 levels deep', async () => {
    const pack = await sentPack();
    pack.comments = [];
    pack.sections = [section('l1', null), section('l2', 'l1'), section('l3', 'l2'), section('l4', 'l3')];
    const copy = openReviewPack(reviewerApp('four-levels').store, parseReviewFile(bytes(pack), reviewPackSchema, 'review pack'));
    expect((await call(reviewers.at(-1)!, 'listSections', { planId: copy.id })).map((s) => [s.title, s.depth])).toEqual([
      ['Section l1', 1],
      ['Section l2', 2],
      ['Section l3', 3],
      ['Section l4', 4],
    ]);
  });

  it('refuses sections whose parents go round in a circle', async () => {
    const pack = await sentPack();
    pack.comments = [];
    pack.sections = [section('top', null), section('a', 'c', 'Access'), section('b', 'a'), section('c', 'b')];
    expect(await refusalOf(pack)).toEqual({
      message:
        'That file is not a review pack this version of JFP Studio can read: the section “Access” is placed inside itself (its parents go round in a circle). Nothing was changed.',
      plans: 0,
    });
  });

  it('refuses a section under a parent that is not in the pack', async () => {
    const pack = await sentPack();
    pack.comments = [];
    pack.sections = [section('top', null), section('orphan', 'missing', 'Finance')];
    expect((await refusalOf(pack)).message).toBe(
      'That file is not a review pack this version of JFP Studio can read: the section “Finance” sits under a section that is not in the file. Nothing was changed.',
    );
  });

  it('refuses two sections with one id (which used to fail with an internal error)', async () => {
    const pack = await sentPack();
    pack.sections = [...pack.sections, { ...pack.sections[0]!, title: 'A copy' }];
    expect(await refusalOf(pack)).toEqual({
      message: `That file is not a review pack this version of JFP Studio can read: two sections have the same id (${pack.sections[0]!.id}). Nothing was changed.`,
      plans: 0,
    });
  });

  it('refuses two comments with one id, and a reply to a thread the pack does not have', async () => {
    const pack = await sentPack();
    const first = pack.comments[0]!;
    expect((await refusalOf({ ...pack, comments: [first, { ...first, body: 'Forged' }] })).message).toBe(
      `That file is not a review pack this version of JFP Studio can read: two comments have the same id (${first.id}). Nothing was changed.`,
    );
    expect((await refusalOf({ ...pack, comments: [first, { ...first, id: 'reply-1', threadId: 'elsewhere' }] })).message).toBe(
      'That file is not a review pack this version of JFP Studio can read: the comment reply-1 answers a thread that is not in the file. Nothing was changed.',
    );
  });

  it('imports a comments file whose ids are forged to be another plan’s comments as new threads, leaving that plan as it was', async () => {
    const { plan, section, text, asha } = await authorPlan();
    const other = await call(author, 'createPlan', { title: 'Another plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const sam = await call(author, 'addStakeholder', { planId: other.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
    const victim = await call(author, 'createThread', { planId: other.id, sectionId: null, stakeholderId: sam.id, body: 'A thread of the other plan.', quote: '' });
    const { file } = await review(reviewerApp('asha'), bytes(buildReviewPack(author.store, plan.id, asha.id)), section.id, text, 'A reply.');
    const forged = JSON.parse(new TextDecoder().decode(file));
    forged.comments = [{ ...forged.comments[0], id: victim.id, threadId: victim.id, body: 'Forged to be the other plan’s thread.' }];
    const otherBefore = await call(author, 'listThreads', { planId: other.id });
    const summary = importCommentsFile(author.store, plan.id, parseReviewFile(bytes(forged), commentsFileSchema, 'comments file'));
    expect(summary).toMatchObject({ newThreads: 1, newReplies: 0, alreadyImported: 0 });
    expect(await call(author, 'listThreads', { planId: other.id })).toEqual(otherBefore);
    const mine = (await call(author, 'listThreads', { planId: plan.id })).find((t) => t.comments[0]!.body === 'Forged to be the other plan’s thread.')!;
    expect(mine.id).not.toBe(victim.id);
  });

  it('refuses a comments file with two comments of one id, importing nothing', async () => {
    const { plan, section, text, asha } = await authorPlan();
    const { file } = await review(reviewerApp('asha'), bytes(buildReviewPack(author.store, plan.id, asha.id)), section.id, text, 'A reply.');
    const forged = JSON.parse(new TextDecoder().decode(file));
    forged.comments = [forged.comments[0], { ...forged.comments[0], body: 'A second comment with the same id.' }];
    const before = await call(author, 'listThreads', { planId: plan.id });
    expect(() => parseReviewFile(bytes(forged), commentsFileSchema, 'comments file')).toThrow(
      `That file is not a comments file this version of JFP Studio can read: two comments have the same id (${forged.comments[0].id}). Nothing was changed.`,
    );
    expect(await call(author, 'listThreads', { planId: plan.id })).toEqual(before);
  });
});
