// #13 point 6: a review copy is read-only where it matters. Every change a
// reviewer's copy must not take is refused in the services (not only hidden in
// the window), with a sentence, leaving the copy's database as it was; the
// reviewer's own comments and replies still go in, and only as the reviewer.
// The pack carries each section's status, owner and guidance for them to read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { METHOD_ACCESS } from '../../electron/services/method-access';
import {
  CHECKED_BY_HANDLER,
  contentWithoutMarks,
  guardedMethod,
  NO_PLAN_WRITES,
  PLAN_KEYS,
  REVIEW_COPY_CONTENT_REFUSAL,
  REVIEWER_WRITES,
  reviewCopyRefusal,
} from '../../electron/services/review/review-copy-guard';
import {
  buildCommentsFile,
  buildReviewPack,
  commentsFileSchema,
  importCommentsFile,
  openReviewPack,
  parseReviewFile,
  reviewPackSchema,
} from '../../electron/services/review/review-pack';
import { api, type MethodInput, type MethodName } from '../../shared/contract';
import type { Plan } from '../../shared/domain';
import { contentFromParagraphs, type SerializedState } from '../../shared/lexical-json';
import { callOk, refusalOf } from '../support/call-ok';
import { databaseRows } from '../support/db-snapshot';

let dir: string;
let author: AppServices;
let reviewer: AppServices;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-copy-'));
  author = startServices(path.join(dir, 'author.db'));
  reviewer = startServices(path.join(dir, 'reviewer.db'));
});
afterEach(() => {
  author.close();
  reviewer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The author's plan (with the full template's guidance), a status and owner set, one thread, sent to Asha; opened in Asha's app. */
async function reviewCopy() {
  const plan = await callOk(author, 'createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp', places: ['Fellside'] });
  const sections = await callOk(author, 'listSections', { planId: plan.id });
  const withGuidance = await Promise.all(sections.map((s) => callOk(author, 'getSection', { sectionId: s.id })));
  const guided = withGuidance.find((s) => s.guidance && s.expectedContent.length > 0)!;
  await callOk(author, 'saveSectionContent', {
    sectionId: guided.id,
    revision: guided.revision,
    content: contentFromParagraphs(['We will improve school readiness in every place by 2028.']),
  });
  await callOk(author, 'updateSectionMeta', { sectionId: guided.id, status: 'drafting', owner: 'Jo Bloggs, Director of Strategy' });
  const approved = sections.find((s) => s.id !== guided.id)!;
  await callOk(author, 'updateSectionMeta', { sectionId: approved.id, status: 'approved' });
  const asha = await callOk(author, 'addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
  const sam = await callOk(author, 'addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
  await callOk(author, 'createThread', { planId: plan.id, sectionId: guided.id, stakeholderId: sam.id, body: 'Is 2028 realistic?', quote: '' });
  const pack = parseReviewFile(bytes(buildReviewPack(author.store, plan.id, asha.id)), reviewPackSchema, 'review pack');
  const copy = openReviewPack(reviewer.store, pack);
  return { plan, copy, guided, approved, pack };
}

/** One call of each kind a review copy must refuse, against the copy's own rows. */
async function refusedCalls(copy: Plan): Promise<Array<{ [M in MethodName]: [M, MethodInput<M>] }[MethodName]>> {
  const sections = await callOk(reviewer, 'listSections', { planId: copy.id });
  const [first, second] = sections as [(typeof sections)[number], (typeof sections)[number]];
  const threads = await callOk(reviewer, 'listThreads', { planId: copy.id });
  const thread = threads[0]!;
  const people = await callOk(reviewer, 'listStakeholders', { planId: copy.id });
  const person = people[0]!;
  return [
    ['updatePlan', { planId: copy.id, revision: copy.revision, title: 'Renamed by the reviewer' }],
    ['updatePlan', { planId: copy.id, revision: copy.revision, icbName: 'Another ICB', places: ['Elsewhere'] }],
    ['addSection', { planId: copy.id, parentId: null, title: 'A reviewer’s section' }],
    ['renameSection', { sectionId: first.id, title: 'Mine now' }],
    ['moveSection', { sectionId: second.id, parentId: null, index: 0 }],
    ['deleteSection', { sectionId: first.id }],
    ['restoreSection', { sectionId: first.id }],
    ['updateSectionMeta', { sectionId: first.id, status: 'approved' }],
    ['updateSectionMeta', { sectionId: first.id, owner: 'The reviewer' }],
    ['setThreadStatus', { threadId: thread.id, status: 'resolved' }],
    ['respondToThread', { threadId: thread.id, response: 'We changed the date.' }],
    ['placeThread', { threadId: thread.id, sectionId: second.id, quote: 'school' }],
    ['addStakeholder', { planId: copy.id, name: 'Someone else', organisation: 'Council', orgType: 'local_authority', email: '' }],
    ['updateStakeholder', { stakeholderId: person.id, name: 'Renamed', organisation: 'X', orgType: 'other', email: '' }],
    ['removeStakeholder', { stakeholderId: person.id }],
    ['addCommitment', { planId: copy.id }],
    ['addPriority', { planId: copy.id, title: 'A reviewer’s priority' }],
    ['saveExportSettings', { planId: copy.id, houseStyle: {} }],
    ['saveVersion', { planId: copy.id, label: 'Reviewer version' }],
    ['startNextYearPlan', { planId: copy.id }],
    ['saveHwbBoard', { planId: copy.id, name: 'A board', places: [], draftSentOn: null, sharedWithNhseOn: null, finalSentOn: null }],
    ['savePublication', { planId: copy.id, publishedOn: null, webAddress: '', sentToIcpOn: null, sentToNhseOn: null }],
    ['addTemplateSection', { planId: copy.id, key: 'anything' }],
    ['importComments', { planId: copy.id }],
  ] as never;
}

describe('a review copy refuses every change the author alone makes (#13 point 6)', () => {
  it('refuses metadata, outline, statuses, owners, resolutions, responses, the register and the plan’s records, changing nothing', async () => {
    const { copy } = await reviewCopy();
    const before = databaseRows(reviewer.store.file);
    for (const [method, input] of await refusedCalls(copy)) {
      const outcome = await reviewer.dispatch(method, input);
      expect({ method, outcome }).toEqual({ method, outcome: { ok: false, error: { code: 'invalid_input', message: reviewCopyRefusal(method) } } });
    }
    expect(databaseRows(reviewer.store.file)).toEqual(before);
    expect(reviewCopyRefusal('updatePlan')).toBe(
      'This is a review copy: only the plan’s author can change the plan’s title and details. Add a comment instead, then use “Return comments”.',
    );
    // The returned comments file still names the plan the author sent.
    expect(buildCommentsFile(reviewer.store, copy.id).planTitle).toBe('Joint Forward Plan');
  });

  it('refuses a save that changes formatting, not only words, and takes one that only adds a comment mark', async () => {
    const { copy } = await reviewCopy();
    const sections = await callOk(reviewer, 'listSections', { planId: copy.id });
    const withText = (await Promise.all(sections.map((s) => callOk(reviewer, 'getSection', { sectionId: s.id })))).find((s) => s.content.includes('school readiness'))!;
    const parsed = JSON.parse(withText.content) as SerializedState;
    const paragraph = parsed.root.children!.find((n) => n.children?.some((c) => typeof c.text === 'string' && c.text.includes('school readiness')))!;
    const textNode = paragraph.children!.find((c) => typeof c.text === 'string')!;
    const changed = (edit: (state: SerializedState) => void) => {
      const copyOf = structuredClone(parsed);
      edit(copyOf);
      return JSON.stringify(copyOf);
    };
    const at = parsed.root.children!.indexOf(paragraph);
    const nodeAt = paragraph.children!.indexOf(textNode);
    const edits: Record<string, string> = {
      bold: changed((s) => (s.root.children![at]!.children![nodeAt]!.format = 1)),
      'a heading': changed((s) => (s.root.children![at] = { ...s.root.children![at]!, type: 'heading', tag: 'h2' })),
      'centred text': changed((s) => (s.root.children![at]!.format = 'center')),
      'a colour': changed((s) => (s.root.children![at]!.children![nodeAt]!.style = 'color: red')),
    };
    const before = databaseRows(reviewer.store.file);
    for (const [what, content] of Object.entries(edits)) {
      const outcome = await reviewer.dispatch('saveSectionContent', { sectionId: withText.id, revision: withText.revision, content });
      expect({ what, outcome }).toEqual({ what, outcome: { ok: false, error: { code: 'invalid_input', message: REVIEW_COPY_CONTENT_REFUSAL } } });
    }
    expect(databaseRows(reviewer.store.file)).toEqual(before);
    // A comment mark around some of the words (the text node split in three) is still taken.
    const text = String(textNode.text);
    const from = text.indexOf('school readiness');
    const marked = changed((s) => {
      s.root.children![at]!.children!.splice(
        nodeAt,
        1,
        { ...textNode, text: text.slice(0, from) },
        { type: 'mark', version: 1, ids: ['reviewer-thread'], direction: null, format: '', indent: 0, children: [{ ...textNode, text: 'school readiness' }] },
        { ...textNode, text: text.slice(from + 'school readiness'.length) },
      );
    });
    await callOk(reviewer, 'saveSectionContent', { sectionId: withText.id, revision: withText.revision, content: marked });
    expect(contentWithoutMarks(marked)).toBe(contentWithoutMarks(withText.content));
  });

  it('still takes the reviewer’s comments and replies, credited to the reviewer, and refuses them in anyone else’s name', async () => {
    const { copy, guided } = await reviewCopy();
    const me = copy.reviewCopy!.localStakeholderId;
    const sectionId = (await callOk(reviewer, 'listSections', { planId: copy.id })).find((s) => s.title === guided.title)!.id;
    // No stakeholder named: the comment is the reviewer's (not the app user's profile, which a reviewer's app may not have).
    const thread = await callOk(reviewer, 'createThread', { planId: copy.id, sectionId, body: 'Please say which places.', quote: '' });
    expect(thread.comments[0]).toMatchObject({ stakeholderId: me, authorName: 'Asha Patel', organisation: 'Healthwatch Test' });
    const existing = (await callOk(reviewer, 'listThreads', { planId: copy.id })).find((t) => t.id !== thread.id)!;
    const reply = await callOk(reviewer, 'replyToThread', { threadId: existing.id, body: 'Only with more health visitors.' });
    expect(reply.comments.at(-1)).toMatchObject({ stakeholderId: me, authorName: 'Asha Patel' });

    const someoneElse = (await callOk(reviewer, 'listStakeholders', { planId: copy.id })).find((p) => p.id !== me && p.name === 'Sam Jones');
    const other =
      someoneElse?.id ?? reviewer.store.review.addStakeholder({ planId: copy.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' }).id;
    const rows = databaseRows(reviewer.store.file, ['comments']);
    expect(await refusalOf(reviewer, 'createThread', { planId: copy.id, sectionId, stakeholderId: other, body: 'As Sam.', quote: '' })).toBe(
      'In a review copy, comments and replies are Asha Patel’s: they are the ones returned to the plan’s author.',
    );
    expect(await refusalOf(reviewer, 'replyToThread', { threadId: existing.id, stakeholderId: other, body: 'As Sam.' })).toMatch(/^In a review copy/);
    expect(databaseRows(reviewer.store.file, ['comments'])).toEqual(rows);
    expect(
      buildCommentsFile(reviewer.store, copy.id)
        .comments.map((c) => c.body)
        .sort(),
    ).toEqual(['Only with more health visitors.', 'Please say which places.']);
  });

  it('leaves the author’s own plan open to every one of those changes', async () => {
    const { plan } = await reviewCopy();
    const latest = await callOk(author, 'getPlan', { planId: plan.id });
    expect((await callOk(author, 'updatePlan', { planId: plan.id, revision: latest.revision, title: 'Renamed by the author' })).title).toBe('Renamed by the author');
    const thread = (await callOk(author, 'listThreads', { planId: plan.id }))[0]!;
    expect((await callOk(author, 'setThreadStatus', { threadId: thread.id, status: 'resolved' })).status).toBe('resolved');
  });

  it('guards every writing method that names a plan, and lets through only the reviewer’s own writes', () => {
    const writes = (Object.keys(METHOD_ACCESS) as MethodName[]).filter((m) => METHOD_ACCESS[m] !== 'read');
    for (const allowed of [...REVIEWER_WRITES, ...CHECKED_BY_HANDLER, ...NO_PLAN_WRITES]) expect(writes).toContain(allowed);
    expect([...REVIEWER_WRITES].sort()).toEqual(['createThread', 'deletePlan', 'replyToThread']);
    for (const method of writes.filter(guardedMethod)) {
      const input = api[method].input as unknown as { shape?: Record<string, unknown> };
      const keys = Object.keys(input.shape ?? {});
      // A guarded write whose input names no plan could not be checked: it must name one, or be listed as harmless.
      expect({ method, names: keys.some((k) => (PLAN_KEYS as readonly string[]).includes(k)) }).toEqual({ method, names: true });
    }
  });
});

describe('a review pack carries what the reviewer reads beside the text (#13 point 6)', () => {
  it('carries each section’s status, owner and guidance, and the copy shows them', async () => {
    const { guided, approved, pack, copy } = await reviewCopy();
    const packed = pack.sections.find((s) => s.id === guided.id)!;
    expect(packed).toMatchObject({ status: 'drafting', owner: 'Jo Bloggs, Director of Strategy', guidance: guided.guidance, expectedContent: guided.expectedContent });
    expect(guided.guidance.length).toBeGreaterThan(20);

    const inCopy = await callOk(reviewer, 'listSections', { planId: copy.id });
    const byTitle = new Map(inCopy.map((s) => [s.title, s]));
    expect(byTitle.get(guided.title)).toMatchObject({ status: 'drafting', owner: 'Jo Bloggs, Director of Strategy' });
    expect(byTitle.get(approved.title)).toMatchObject({ status: 'approved' });
    const shown = await callOk(reviewer, 'getSection', { sectionId: byTitle.get(guided.title)!.id });
    expect(shown).toMatchObject({ guidance: guided.guidance, expectedContent: guided.expectedContent });
    // The copy's counts by status are the author's (it used to show every section “Not started”).
    const byStatus = async (app: AppServices, planId: string) =>
      (await callOk(app, 'listSections', { planId })).reduce<Record<string, number>>((n, s) => ({ ...n, [s.status]: (n[s.status] ?? 0) + 1 }), {});
    expect(await byStatus(reviewer, copy.id)).toEqual(await byStatus(author, guided.planId));
    expect((await byStatus(reviewer, copy.id)).approved).toBe(1);
  });

  it('opens a pack written before statuses and guidance were carried, every section “Not started”', async () => {
    const { pack } = await reviewCopy();
    const old = { ...pack, packId: 'older-pack', sections: pack.sections.map(({ status: _s, owner: _o, guidance: _g, expectedContent: _e, ...rest }) => rest) };
    const copy = openReviewPack(reviewer.store, parseReviewFile(bytes(old), reviewPackSchema, 'review pack'));
    const sections = await callOk(reviewer, 'listSections', { planId: copy.id });
    expect(new Set(sections.map((s) => s.status))).toEqual(new Set(['not_started']));
  });

  it('refuses a pack whose status is not one the app knows, or whose guidance is over the limit, opening nothing', async () => {
    const { pack } = await reviewCopy();
    const plans = (await callOk(reviewer, 'listPlans', {})).length;
    const badStatus = { ...pack, packId: 'bad-status', sections: pack.sections.map((s, i) => (i === 0 ? { ...s, status: 'signed_off' } : s)) };
    expect(() => parseReviewFile(bytes(badStatus), reviewPackSchema, 'review pack')).toThrow(/^That file is not a review pack this version of JFP Studio can read/);
    const longGuidance = { ...pack, packId: 'long-guidance', sections: pack.sections.map((s, i) => (i === 0 ? { ...s, guidance: 'x'.repeat(60_000) } : s)) };
    expect(() => parseReviewFile(bytes(longGuidance), reviewPackSchema, 'review pack')).toThrow(/^That file is not a review pack this version of JFP Studio can read/);
    expect((await callOk(reviewer, 'listPlans', {})).length).toBe(plans);
  });
});

describe('two plans with one title (#13 point 8)', () => {
  it('names the plan a comments file is for by date and id, not by the title both share, importing nothing', async () => {
    const { plan, copy } = await reviewCopy();
    await callOk(reviewer, 'createThread', { planId: copy.id, sectionId: null, body: 'A comment on the whole plan.', quote: '' });
    const file = parseReviewFile(bytes(buildCommentsFile(reviewer.store, copy.id)), commentsFileSchema, 'comments file');
    const twin = await callOk(author, 'createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2027, templateId: 'blank' });
    const rows = databaseRows(author.store.file);
    const day = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
    const message = (() => {
      try {
        importCommentsFile(author.store, twin.id, file);
        return 'imported';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toBe(
      `This comments file is for the other plan called “Joint Forward Plan” (created ${day(plan.createdAt)}, id ${plan.id.slice(0, 8)}), ` +
        `not the one open (created ${day(twin.createdAt)}, id ${twin.id.slice(0, 8)}). Open that plan and import the file there. Nothing was imported.`,
    );
    expect(message).not.toMatch(/another plan \(“Joint Forward Plan”\), not “Joint Forward Plan”/);
    expect(databaseRows(author.store.file)).toEqual(rows);

    // The author's plan deleted: the file's plan is named by its id.
    await callOk(author, 'deletePlan', { planId: plan.id });
    expect(() => importCommentsFile(author.store, twin.id, file)).toThrow(
      `This comments file is for another plan also called “Joint Forward Plan” (id ${plan.id.slice(0, 8)}), not the one open (created ${day(twin.createdAt)}, id ${twin.id.slice(0, 8)}). Nothing was imported.`,
    );
  });
});
