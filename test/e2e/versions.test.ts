// #16 in Chromium, as a planner uses it: save a version (Ctrl/Cmd+S's route opens
// the form focused), edit the text, compare with the current draft (<ins>/<del>
// with a text legend), and restore after a confirmation that names the safety
// version; then the editor shows the restored text.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;
let sectionId: string;

function plainText(): string {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT plain_text FROM sections WHERE id = ?').pluck().get(sectionId) as string;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Versions plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  const section = await app.call('addSection', { planId, parentId: null, title: 'Urgent care' });
  sectionId = section.id;
  await app.call('saveSectionContent', { sectionId, revision: section.revision, content: contentFromParagraphs(['Forty beds by March.']) });
});
afterAll(async () => {
  await app?.close();
});

it('saves a version, edits, compares and restores', async () => {
  const { page } = app;
  // Save version: the form opens with its label focused.
  await app.open(`#/plan/${planId}/versions?new=1`);
  const label = page.getByLabel('Label', { exact: true });
  await expect.poll(() => label.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type('HWB draft');
  await page.getByLabel('Note (optional)').fill('For the HWB round');
  await page.getByRole('button', { name: 'Save version', exact: true }).last().click();
  await page.getByRole('status').filter({ hasText: 'Saved the version “HWB draft”.' }).waitFor();
  await page.getByRole('rowheader', { name: 'HWB draft' }).waitFor();
  expect(await page.getByRole('row', { name: /HWB draft/ }).textContent()).toContain('For the HWB round');

  // Edit the section in the editor.
  await app.open(`#/plan/${planId}/section/${sectionId}`);
  const editor = page.getByRole('textbox', { name: 'Text of Urgent care' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Sixty more in June.');
  await page.locator('[data-save-state="saved"]').waitFor();
  await expect.poll(plainText).toBe('Forty beds by March. Sixty more in June.');

  // Compare the version with the current draft.
  await page.getByRole('navigation', { name: 'Plan views' }).getByRole('link', { name: 'Versions' }).click();
  const compare = page.getByRole('button', { name: /^Compare with current draft/ });
  await compare.click();
  const comparison = page.getByRole('region', { name: 'What changed since HWB draft' });
  await comparison.waitFor();
  await expect.poll(() => comparison.getByRole('article', { name: 'Urgent care' }).locator('ins').textContent()).toBe('Added: Sixty more in June.');
  expect(await comparison.textContent()).toContain('Legend: added words are underlined and removed words are struck through.');
  expect(await comparison.getByRole('article', { name: 'Urgent care' }).textContent()).toContain('Text changed: 4 words added, 0 removed.');
  expect(await app.checkA11y()).toEqual([]);

  // Restore, after the confirmation naming the safety version.
  await page.getByRole('button', { name: 'Restore HWB draft' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Restore “HWB draft”?' });
  expect(await dialog.textContent()).toContain('saved as a version called “Before restoring HWB draft”');
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await page.getByRole('status').filter({ hasText: 'Restored “HWB draft”.' }).waitFor();
  expect(plainText()).toBe('Forty beds by March.');
  await page.getByRole('rowheader', { name: 'Before restoring HWB draft' }).waitFor();

  // The Compare form: from the safety version to the current draft, chosen in its two labelled lists.
  await page.getByRole('combobox', { name: 'From' }).selectOption({ index: 0 });
  await page.getByRole('combobox', { name: 'to', exact: true }).selectOption('current');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const undone = page.getByRole('region', { name: 'What changed since Before restoring HWB draft' });
  await expect.poll(() => undone.getByRole('article', { name: 'Urgent care' }).locator('del').textContent()).toContain('Sixty more in June.');

  // The editor shows the restored text.
  await app.open(`#/plan/${planId}/section/${sectionId}`);
  await expect.poll(() => page.getByRole('textbox', { name: 'Text of Urgent care' }).textContent()).toBe('Forty beds by March.');
});
