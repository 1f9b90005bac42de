// #13 in Chromium: the user sets their profile from the library, comments and
// replies as themselves ("You (Name)"), and places by hand a comment a Word
// document brought in that could not be placed on any words.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importWordComments } from '../../electron/services/review/word-import';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { minimalDocx } from '../support/commented-docx';
import { launchApp, type RunningApp } from './harness';
import { selectWords } from './selection';

let app: RunningApp;
let planId: string;
let sectionId: string;

const threads = () => app.page.getByRole('list', { name: 'Comment threads' }).getByRole('listitem');

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Identity plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  sectionId = (await app.call('addSection', { planId, parentId: null, title: 'Start well' })).id;
  await app.call('saveSectionContent', {
    sectionId,
    revision: 1,
    content: contentFromParagraphs(['We will improve school readiness by 2028.', 'Family hubs open in every place.']),
  });
});
afterAll(async () => {
  await app?.close();
});

it('sets the profile, comments and replies as yourself, and places a kept comment by hand', async () => {
  const { page } = app;
  await app.open('#/');
  await page.getByRole('button', { name: 'Your profile' }).click();
  const screen = page.locator('.profile-screen');
  await screen.getByLabel('Your name', { exact: true }).fill('Priya Shah');
  await screen.getByLabel('Your role', { exact: true }).fill('Head of Strategy');
  await screen.getByLabel('Your organisation', { exact: true }).fill('NHS Test ICB');
  await screen.getByRole('button', { name: 'Save profile' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Your profile (Priya Shah)' }).count()).toBe(1);

  await app.open(`#/plan/${planId}/section/${sectionId}`);
  await page.getByRole('button', { name: /^Comments/ }).click();
  await expect.poll(() => page.getByLabel('Commenting as').locator('option:checked').textContent()).toBe('Yourself (Priya Shah)');
  await selectWords(page, 'school readiness');
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Comment' }).click();
  await page.getByLabel('Comment', { exact: true }).fill('Which measure is this?');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect.poll(() => threads().count()).toBe(1);
  const thread = threads().first();
  // A new thread's words are marked: it does not say "Text removed".
  await expect.poll(() => thread.locator('.thread-anchor').textContent()).not.toContain('Text removed');
  await thread.getByLabel('Reply').fill('The good level of development.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect.poll(() => thread.locator('.comment-meta strong').allTextContents()).toEqual(['You (Priya Shah)', 'You (Priya Shah)']);
  await thread.getByLabel('You said, we did').fill('Named the measure.');
  await thread.getByRole('button', { name: 'Save response' }).click();
  await expect.poll(() => thread.getByRole('status').textContent()).toBe('Response saved by Priya Shah (Head of Strategy, NHS Test ICB).');
  await page.locator('[data-save-state="saved"]').waitFor();

  // A council's own document: its comment's words are not in the plan, so it is kept unplaced.
  const body = `<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>our own wording of the hubs</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>`;
  const comments = `<w:comment w:id="1" w:author="Jo Field" w:date="2026-04-01T10:00:00Z"><w:p><w:r><w:t>Say when they open.</w:t></w:r></w:p></w:comment>`;
  importWordComments(app.services.store, planId, minimalDocx({ body, comments }));
  await app.open('#/');
  await app.open(`#/plan/${planId}/section/${sectionId}`);
  await page.locator('[data-lexical-editor]').waitFor();
  if ((await page.getByRole('list', { name: 'Comment threads' }).count()) === 0) await page.getByRole('button', { name: /^Comments/ }).click();
  await expect.poll(() => page.locator('.thread-anchor', { hasText: 'Not placed' }).count()).toBe(1);
  await selectWords(page, 'Family hubs open');
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Comment' }).click();
  await page.getByLabel('Or place a kept comment on these words').selectOption({ label: 'Jo Field: Say when they open.' });
  await page.getByRole('button', { name: 'Place this comment' }).click();
  await expect.poll(() => page.locator('[data-lexical-editor] mark').allTextContents()).toEqual(['school readiness', 'Family hubs open']);
  await page.locator('[data-save-state="saved"]').waitFor();

  const db = new Database(app.dbPath, { readonly: true });
  const placed = db.prepare("SELECT c.section_id, c.unplaced_reason, c.quote FROM comments c WHERE c.body = 'Say when they open.'").get();
  const marked = db.prepare('SELECT count(*) FROM section_marks WHERE section_id = ?').pluck().get(sectionId);
  db.close();
  expect(placed).toEqual({ section_id: sectionId, unplaced_reason: '', quote: 'Family hubs open' });
  expect(marked).toBe(2);
});
