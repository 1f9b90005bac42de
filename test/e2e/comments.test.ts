// Reviewers' comments in the app: anchored to words in the text, threaded with
// replies, answered with a response, resolved, filtered, and kept when the
// words they were about are edited or removed.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';
import { selectWords } from './selection';

let app: RunningApp;
let planId: string;
let sectionId: string;

const threads = () => app.page.getByRole('list', { name: 'Comment threads' }).getByRole('listitem');

beforeAll(async () => {
  app = await launchApp();
  // #13: replies are the user's own, credited to their profile.
  await app.call('saveProfile', { name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Test ICB', email: '' });
  planId = (await app.call('createPlan', { title: 'Review plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  const section = await app.call('addSection', { planId, parentId: null, title: 'Start well' });
  sectionId = section.id;
  await app.call('saveSectionContent', {
    sectionId,
    revision: 1,
    content: contentFromParagraphs(['We will improve school readiness in every place by 2028.', 'Second paragraph.']),
  });
  await app.open(`#/plan/${planId}/section/${sectionId}`);
});
afterAll(async () => {
  await app?.close();
});

describe('commenting in the app', () => {
  it('adds a reviewer and comments on selected words, marking them in the text', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Comments/ }).click();
    await page.getByRole('button', { name: 'Add a reviewer' }).click();
    await page.getByLabel('Name').fill('Asha Patel');
    await page.getByLabel('Organisation', { exact: true }).fill('Healthwatch Test');
    await page.getByLabel('Type of organisation').selectOption({ label: 'Healthwatch' });
    await page.getByRole('button', { name: 'Add reviewer' }).click();
    await expect.poll(() => page.getByLabel('Commenting as').locator('option:checked').textContent()).toBe('Asha Patel, Healthwatch Test');

    await selectWords(page, 'school readiness');
    await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Comment' }).click();
    await expect(page.locator('.new-comment .quote').textContent()).resolves.toBe('“school readiness”');
    await page.getByLabel('Comment', { exact: true }).fill('How will you measure this? Please add the baseline.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => threads().count()).toBe(1);
    await expect(page.locator('[data-lexical-editor] mark').textContent()).resolves.toBe('school readiness');
    await page.locator('[data-save-state="saved"]').waitFor();
    expect(await app.checkA11y()).toEqual([]);

    const db = new Database(app.dbPath, { readonly: true });
    const row = db.prepare('SELECT body, quote, section_id, status FROM comments').get();
    const marks = db.prepare('SELECT thread_id FROM section_marks WHERE section_id = ?').pluck().all(sectionId);
    db.close();
    expect(row).toEqual({ body: 'How will you measure this? Please add the baseline.', quote: 'school readiness', section_id: sectionId, status: 'open' });
    expect(marks).toHaveLength(1);
  });

  it('replies as yourself, records a response, resolves and reopens', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add a reviewer' }).click();
    await page.getByLabel('Name').fill('Sam Jones');
    await page.getByLabel('Organisation', { exact: true }).fill('NHS Test ICB');
    await page.getByLabel('Type of organisation').selectOption({ label: 'ICB' });
    await page.getByRole('button', { name: 'Add reviewer' }).click();
    await expect.poll(() => page.getByLabel('Commenting as').locator('option:checked').textContent()).toBe('Sam Jones, NHS Test ICB');
    const thread = threads().first();
    await thread.getByLabel('Reply').fill('We will use the good level of development measure.');
    await thread.getByRole('button', { name: 'Reply' }).click();
    await expect.poll(() => thread.locator('.comment').count()).toBe(2);
    await thread.getByLabel('You said, we did').fill('Added the measure and its 2024/25 baseline.');
    await thread.getByRole('button', { name: 'Save response' }).click();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => thread.locator('.thread-status').textContent()).toBe('Resolved');
    await expect(thread.locator('.comment-meta strong').allTextContents()).resolves.toEqual(['Asha Patel', 'You (Priya Shah)']);

    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT status, response FROM comments WHERE parent_id IS NULL').get()).toEqual({
      status: 'resolved',
      response: 'Added the measure and its 2024/25 baseline.',
    });
    db.close();
    await thread.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => thread.locator('.thread-status').textContent()).toBe('Open');
  });

  it('filters threads by status, stakeholder and organisation type', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Comment on the whole section' }).click();
    await page.getByLabel('Comment', { exact: true }).fill('The section needs a summary.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => threads().count()).toBe(2);
    await page.getByText('Filter comments').click();
    await page.getByLabel('Organisation type').selectOption({ label: 'Healthwatch (1)' }); // #13: each type with its count
    await expect.poll(() => threads().count()).toBe(1);
    await page.getByLabel('Organisation type').selectOption('');
    await page.getByLabel('Stakeholder').selectOption({ label: 'Sam Jones, NHS Test ICB' });
    await expect.poll(() => threads().count()).toBe(1);
    await page.getByLabel('Stakeholder').selectOption('');
    await threads().filter({ hasText: 'Whole section' }).getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('Status').last().selectOption('open');
    await expect.poll(() => threads().count()).toBe(1);
    await page.getByLabel('Status').last().selectOption('resolved');
    await expect(threads().first().textContent()).resolves.toContain('The section needs a summary.');
    await page.getByLabel('Status').last().selectOption('');
    expect(await app.checkA11y()).toEqual([]);
  });

  it('opens a thread from its highlight in the text, and the reverse', async () => {
    await app.page.locator('[data-lexical-editor] mark').click();
    await expect.poll(() => app.page.locator('.thread-active').textContent()).toContain('How will you measure this?');
    await app.page.evaluate(() => window.getSelection()?.removeAllRanges());
    await threads().filter({ hasText: 'How will you measure this?' }).locator('.thread-open').click();
    await expect.poll(() => app.page.evaluate(() => window.getSelection()?.toString())).toBe('school readiness');
    await expect(app.page.locator('[data-lexical-editor] mark.ed-mark-active').count()).resolves.toBe(1);
  });

  it('keeps the thread attached when the marked words are edited, and shows "text removed" when they are deleted', async () => {
    const { page } = app;
    await selectWords(page, 'readiness');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('early ');
    await page.locator('[data-save-state="saved"]').waitFor();
    await app.reload();
    await page.getByRole('button', { name: /^Comments/ }).click();
    const anchored = threads().filter({ hasText: 'How will you measure this?' });
    await expect(anchored.locator('.thread-anchor').textContent()).resolves.toBe('Start well · school readiness');
    await expect(page.locator('[data-lexical-editor] mark').textContent()).resolves.toBe('school early readiness');

    await selectWords(page, 'school early readiness');
    await page.keyboard.press('Backspace');
    await page.locator('[data-save-state="saved"]').waitFor();
    await app.reload();
    await page.getByRole('button', { name: /^Comments/ }).click();
    await expect(threads().filter({ hasText: 'How will you measure this?' }).locator('.thread-anchor').textContent()).resolves.toBe(
      'Start well · Text removed: school readiness',
    );
  });
});
