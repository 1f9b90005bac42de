// Comment threads in the store: anchored to marks in a section's text, they
// follow the text between sections and survive its deletion as "text removed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/services/store';
import { createReviewRepository } from '../../electron/services/store/review';
import { contentFromParagraphs } from '../../shared/lexical-json';

let dir: string;
let store: Store;

function contentWithMark(before: string, marked: string, after: string, threadId: string): string {
  const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0, style: '', mode: 'normal', detail: 0 });
  return JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      children: [{ type: 'paragraph', version: 1, children: [text(before), { type: 'mark', version: 1, ids: [threadId], children: [text(marked)] }, text(after)] }],
    },
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-review-'));
  store = openStore(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const review = createReviewRepository(store.db);
  const planId = store.plans.insert({ title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const a = store.sections.add(planId, null, 'Start well', null);
  const b = store.sections.add(planId, null, 'Age well', null);
  const reviewer = review.addStakeholder({ planId, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
  const lead = review.addStakeholder({ planId, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
  return { review, planId, a, b, reviewer, lead };
}

describe('comment threads', () => {
  it('keeps a thread with its replies, response and resolved state', () => {
    const { review, planId, a, reviewer, lead } = setUp();
    const thread = review.createThread({ planId, sectionId: a.id, stakeholderId: reviewer.id, body: 'Where is the baseline?', quote: '' });
    review.reply({ threadId: thread.id, stakeholderId: lead.id, body: 'Added in the table.' });
    review.respond(thread.id, 'We added the 2024/25 baseline.');
    const resolved = review.setStatus(thread.id, 'resolved');
    expect(resolved).toMatchObject({ status: 'resolved', response: 'We added the 2024/25 baseline.', anchor: 'section', sectionTitle: 'Start well' });
    expect(resolved.comments.map((c) => `${c.authorName} (${c.organisation}): ${c.body}`)).toEqual([
      'Asha Patel (Healthwatch Test): Where is the baseline?',
      'Sam Jones (NHS Test ICB): Added in the table.',
    ]);
    expect(review.threads(planId, { status: 'open' })).toEqual([]);
    expect(review.threads(planId, { orgType: 'healthwatch' })).toHaveLength(1);
    expect(review.threads(planId, { stakeholderId: lead.id })).toHaveLength(1);
  });

  it('keeps a reply dated before its thread (clocks differ between reviewers), after the first comment', () => {
    const { review, planId, a, reviewer, lead } = setUp();
    const thread = review.createThread({ planId, sectionId: a.id, stakeholderId: reviewer.id, body: 'First.', quote: '', createdAt: '2027-01-02T10:00:00.000Z' });
    review.reply({ threadId: thread.id, stakeholderId: lead.id, body: 'Reply from a slow clock.', createdAt: '2027-01-01T09:00:00.000Z' });
    expect(review.thread(thread.id).comments.map((c) => c.body)).toEqual(['First.', 'Reply from a slow clock.']);
    expect(review.threads(planId)[0]!.comments).toHaveLength(2);
  });

  it('follows its marked text into another section, and reports the text removed when it is deleted', () => {
    const { review, planId, a, b, reviewer } = setUp();
    const thread = review.createThread({ planId, sectionId: a.id, threadId: 'thread-1', stakeholderId: reviewer.id, body: 'Say more.', quote: 'school readiness' });
    store.sections.saveContent(a.id, 1, contentWithMark('Improve ', 'school readiness', ' by 2028.', thread.id));
    expect(review.thread(thread.id)).toMatchObject({ anchor: 'text', sectionId: a.id });

    // Edited inside and around the mark: still attached.
    store.sections.saveContent(a.id, 2, contentWithMark('We will improve ', 'early school readiness', ' across all places.', thread.id));
    expect(review.thread(thread.id).anchor).toBe('text');

    // Cut from one section and pasted into another.
    store.sections.saveContent(a.id, 3, contentFromParagraphs(['We will improve outcomes.']));
    expect(review.thread(thread.id).anchor).toBe('text_removed');
    store.sections.saveContent(b.id, 1, contentWithMark('Also: ', 'early school readiness', '.', thread.id));
    expect(review.thread(thread.id)).toMatchObject({ anchor: 'text', sectionId: b.id, sectionTitle: 'Age well' });

    // Deleted altogether: the thread stays, with its quote.
    store.sections.saveContent(b.id, 2, contentFromParagraphs(['Nothing here now.']));
    expect(review.thread(thread.id)).toMatchObject({ anchor: 'text_removed', quote: 'school readiness', comments: [{ body: 'Say more.' }] });
  });

  it('refuses a reviewer from another plan and a section from another plan', () => {
    const { review, planId, a, reviewer } = setUp();
    const other = store.plans.insert({ title: 'Other', icbName: 'NHS Other ICB', startYear: 2026, templateId: 'blank' });
    const stranger = review.addStakeholder({ planId: other, name: 'X', organisation: 'Y', orgType: 'public', email: '' });
    expect(() => review.createThread({ planId, sectionId: a.id, stakeholderId: stranger.id, body: 'Hi', quote: '' })).toThrow(/not in this plan’s stakeholder register/);
    const otherSection = store.sections.add(other, null, 'Elsewhere', null);
    expect(() => review.createThread({ planId, sectionId: otherSection.id, stakeholderId: reviewer.id, body: 'Hi', quote: '' })).toThrow(
      /could not be found in this plan/,
    );
    expect(review.threads(planId)).toEqual([]);
  });
});
