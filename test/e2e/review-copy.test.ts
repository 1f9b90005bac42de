// #13 point 6 in Chromium: what a reviewer sees in a review copy, and a
// keyboard-only reviewer commenting on words they selected with Shift+arrows
// and Ctrl+Alt+M. The author's plan and the reviewer's copy are in separate
// databases (two apps), as on two machines.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildReviewPack, openReviewPack, parseReviewFile, reviewPackSchema } from '../../electron/services/review/review-pack';
import type { Section } from '../../shared/domain';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';

let author: RunningApp;
let reviewer: RunningApp;
let copyId: string;
let copySectionId: string;
let guided: Section;
const TEXT = 'We will improve school readiness in every place by 2028.';

beforeAll(async () => {
  author = await launchApp();
  reviewer = await launchApp();
  const plan = await author.call('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp', places: ['Fellside'] });
  const sections = await author.call('listSections', { planId: plan.id });
  const full = await Promise.all(sections.map((s) => author.call('getSection', { sectionId: s.id })));
  guided = full.find((s) => s.guidance.length > 20 && s.expectedContent.length > 0)!;
  await author.call('saveSectionContent', { sectionId: guided.id, revision: guided.revision, content: contentFromParagraphs([TEXT]) });
  await author.call('updateSectionMeta', { sectionId: guided.id, status: 'drafting', owner: 'Jo Bloggs' });
  const asha = await author.call('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
  const sam = await author.call('addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
  await author.call('createThread', { planId: plan.id, sectionId: guided.id, stakeholderId: sam.id, body: 'Is 2028 realistic?', quote: '' });
  const pack = buildReviewPack(author.services.store, plan.id, asha.id);
  const copy = openReviewPack(reviewer.services.store, parseReviewFile(new TextEncoder().encode(JSON.stringify(pack)), reviewPackSchema, 'review pack'));
  copyId = copy.id;
  copySectionId = (await reviewer.call('listSections', { planId: copyId })).find((s) => s.title === guided.title)!.id;
});
afterAll(async () => {
  await author?.close();
  await reviewer?.close();
});

const storedText = () => {
  const db = new Database(reviewer.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT plain_text FROM sections WHERE id = ?').pluck().get(copySectionId);
  } finally {
    db.close();
  }
};

it('shows the reviewer the author’s statuses, owners and guidance, and none of the author’s controls', async () => {
  const { page } = reviewer;
  await reviewer.open(`#/plan/${copyId}/section/${copySectionId}`);
  await page.getByRole('region', { name: 'Review copy' }).waitFor();
  await page.locator('[data-lexical-editor]').waitFor();
  // Statuses and owners as the author set them, read-only.
  const details = page.getByRole('region', { name: 'Section details' });
  await expect.poll(() => details.getByLabel('Status').inputValue()).toBe('drafting');
  expect(await details.getByLabel('Status').isDisabled()).toBe(true);
  expect(await details.getByLabel('Owner').inputValue()).toBe('Jo Bloggs');
  expect(await details.getByLabel('Owner').getAttribute('readonly')).not.toBeNull();
  // The plan's guidance for the section.
  expect(await details.getByRole('heading', { name: 'Guidance' }).isVisible()).toBe(true);
  expect(await details.textContent()).toContain(guided.guidance);
  expect(await details.textContent()).toContain(guided.expectedContent[0]!);
  // The outline shows the author's status too.
  expect(await page.locator('.workspace').textContent()).toContain('Drafting');

  // No way to rename the plan, resolve a thread or write the plan's response.
  expect(await page.getByRole('button', { name: 'Plan details' }).count()).toBe(0);
  if ((await page.getByRole('list', { name: 'Comment threads' }).count()) === 0) await page.getByRole('button', { name: /^Comments/ }).click();
  const thread = page.getByRole('list', { name: 'Comment threads' }).getByRole('listitem').first();
  await thread.getByText('Is 2028 realistic?').waitFor();
  await thread.locator('.thread-open').click(); // the reply box is on the open thread only
  await expect.poll(() => thread.getByLabel('Reply').isVisible()).toBe(true);
  // Not shown, so neither seen nor reached by Tab (nor in the accessibility tree).
  expect(await thread.getByLabel('You said, we did').isVisible()).toBe(false);
  expect(await thread.getByRole('textbox', { name: 'You said, we did' }).count()).toBe(0);
  expect(await thread.getByRole('button', { name: 'Save response' }).count()).toBe(0);
  expect(await thread.getByRole('button', { name: /^(Resolve|Reopen)$/ }).count()).toBe(0);
  expect(await reviewer.checkA11y()).toEqual([]);
});

it('lets a keyboard-only reviewer select words with Shift+arrows and comment with Ctrl+Alt+M, and change no word', async () => {
  const { page } = reviewer;
  await reviewer.open(`#/plan/${copyId}/section/${copySectionId}`);
  const text = page.getByRole('textbox', { name: `Text of ${guided.title}` });
  await text.waitFor();
  // In the Tab order, read-only to assistive technology, with a caret.
  expect(await text.getAttribute('tabindex')).toBe('0');
  expect(await text.getAttribute('aria-readonly')).toBe('true');
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Tab'); // Skip to outline
  await page.keyboard.press('Tab'); // Skip to editor
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toBe(`Text of ${guided.title}`);

  // Keys that would change the words change nothing.
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('xyz');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Backspace');
  expect(await text.textContent()).toBe(TEXT);

  // The caret moves, and Shift+arrows select "school readiness".
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < TEXT.indexOf('school'); i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 'school readiness'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('school readiness');
  await page.keyboard.press('Control+Alt+m');
  await expect.poll(() => page.locator('.new-comment .quote').textContent()).toBe('“school readiness”');
  const box = page.getByLabel('Comment', { exact: true });
  if (!(await box.evaluate((el) => el === document.activeElement))) await box.focus();
  await page.keyboard.type('Which measure of school readiness?');
  // To the button by keyboard.
  for (let i = 0; i < 5 && !(await page.getByRole('button', { name: 'Add comment' }).evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('[data-lexical-editor] mark').allTextContents()).toEqual(['school readiness']);
  await page.locator('[data-save-state="saved"]').waitFor();

  expect(await text.textContent()).toBe(TEXT);
  expect(storedText()).toBe(TEXT);
  const mine = (await reviewer.call('listThreads', { planId: copyId })).find((t) => t.quote === 'school readiness');
  expect(mine).toMatchObject({ anchor: 'text', comments: [{ authorName: 'Asha Patel', body: 'Which measure of school readiness?' }] });
  expect(reviewer.pageErrors).toEqual([]);
});

it('blocks text from an input method before it reaches the page, and keeps the caret', async () => {
  const { page } = reviewer;
  await reviewer.open(`#/plan/${copyId}/section/${copySectionId}`);
  const text = page.getByRole('textbox', { name: `Text of ${guided.title}` });
  await text.waitFor();
  await text.focus();
  await page.keyboard.press('Control+Home');
  // Every change to the text on the page is recorded, so one put back afterwards is seen too.
  await text.evaluate((root) => {
    const seen: string[] = [];
    (window as unknown as { imeSeen: string[] }).imeSeen = seen;
    new MutationObserver((records) => {
      for (const record of records) seen.push(record.type === 'characterData' ? (record.target.textContent ?? '') : (root.textContent ?? ''));
    }).observe(root, { subtree: true, characterData: true, childList: true });
  });
  const cdp = await page.context().newCDPSession(page);
  // Composing (as a Japanese or Chinese input method does), then committing the words.
  await cdp.send('Input.imeSetComposition', { text: 'にほん', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.imeSetComposition', { text: '日本語', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: '日本語' });
  // Text inserted by an input method or dictation without a composition.
  await page.keyboard.insertText('dictated words');
  await cdp.detach();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  const seen = await page.evaluate(() => (window as unknown as { imeSeen: string[] }).imeSeen);
  expect(seen.filter((t) => /[にほん日本語]|dictated/.test(t))).toEqual([]);
  expect(await text.textContent()).toBe(TEXT);
  expect(storedText()).toBe(TEXT);
  // Still a caret to move and extend.
  await text.focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 'We will'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('We will');
  expect(reviewer.pageErrors).toEqual([]);
});
