// The first vertical slice, as a strategy lead would do it: create a plan, build
// its outline, write in a section, and find everything still there after a reload.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

describe('drafting a plan from an empty library', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows an empty library with New plan, and no serious accessibility problems', async () => {
    const { page } = app;
    await expect(page.getByRole('heading', { name: 'Your plans' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('No plans yet').isVisible()).resolves.toBe(true);
    expect(await app.checkA11y()).toEqual([]);
  });

  it('refuses a plan without an ICB name with a sentence, and creates one when complete', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New plan' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New plan' });
    await dialog.waitFor();
    expect(await app.checkA11y()).toEqual([]);
    await dialog.getByLabel('Template').selectOption('blank');
    await dialog.getByLabel('Plan title').fill('Joint Forward Plan 2027/28 to 2031/32');
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain("Enter the ICB's name.");

    await dialog.getByLabel('Integrated Care Board').fill('NHS Test Valley Integrated Care Board');
    await dialog.getByLabel('Five-year period').selectOption({ label: '2027/28 to 2031/32' });
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Joint Forward Plan 2027/28 to 2031/32' }).waitFor();
    await expect(page.getByText('NHS Test Valley Integrated Care Board · 2027/28 to 2031/32').isVisible()).resolves.toBe(true);

    const db = new Database(app.dbPath, { readonly: true });
    const plan = db.prepare('SELECT title, icb_name, start_year, end_year FROM plans').get();
    db.close();
    expect(plan).toEqual({ title: 'Joint Forward Plan 2027/28 to 2031/32', icb_name: 'NHS Test Valley Integrated Care Board', start_year: 2027, end_year: 2031 });
  });

  it('adds, renames, reorders and deletes sections from the outline', async () => {
    const { page } = app;
    const tree = page.getByRole('tree', { name: 'Sections' });
    const rename = async (title: string) => {
      await page.getByRole('button', { name: 'Rename' }).click();
      await page.getByLabel('Section title').fill(title);
      await page.getByRole('button', { name: 'Save title' }).click();
      await tree.getByRole('treeitem', { name: title }).waitFor();
    };
    const titles = () => tree.getByRole('treeitem').locator('.tree-title').allTextContents();

    const before = (await titles()).length;
    await page.getByRole('button', { name: 'Add section' }).click();
    await rename('Our population');
    await page.getByRole('button', { name: 'Add section' }).click();
    await rename('Our priorities');
    await page.getByRole('button', { name: 'Add subsection' }).click();
    await rename('Start well');
    // "Add section" adds a sibling of the selected section: here, a second subsection.
    await page.getByRole('button', { name: 'Add section' }).click();
    await rename('Temporary');
    expect((await titles()).slice(before)).toEqual(['Our population', 'Our priorities', 'Start well', 'Temporary']);
    await expect(tree.getByRole('treeitem', { name: 'Temporary' }).getAttribute('aria-level')).resolves.toBe('2');

    // Keyboard reorder: Alt+Up moves "Our priorities" (with its subsection) above "Our population".
    await tree.getByRole('treeitem', { name: 'Our priorities' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await titles()).slice(before)).toEqual(['Our priorities', 'Start well', 'Temporary', 'Our population']);
    await expect(tree.getByRole('treeitem', { name: 'Start well' }).getAttribute('aria-level')).resolves.toBe('2');

    // Delete with undo.
    await tree.getByRole('treeitem', { name: 'Temporary' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted “Temporary”.', { exact: true }).waitFor();
    expect(await titles()).not.toContain('Temporary');
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await tree.getByRole('treeitem', { name: 'Temporary' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted “Temporary”.', { exact: true }).waitFor();
    expect(await app.checkA11y()).toEqual([]);
  });

  it('saves what is typed into a section and shows it again after a reload', async () => {
    const { page } = app;
    await page.getByRole('tree', { name: 'Sections' }).getByRole('treeitem', { name: 'Our population' }).click();
    const editor = page.getByRole('textbox', { name: 'Text of Our population' });
    await editor.click();
    await page.keyboard.type('Our population of 1.2 million is growing and ageing.');
    await page.locator('[data-save-state="saved"]').waitFor();
    await expect(page.getByTestId('live-word-count').textContent()).resolves.toBe('9');
    expect(await app.checkA11y()).toEqual([]);

    const db = new Database(app.dbPath, { readonly: true });
    const row = db.prepare("SELECT plain_text, word_count, revision FROM sections WHERE title = 'Our population'").get() as {
      plain_text: string;
      word_count: number;
      revision: number;
    };
    db.close();
    expect(row.plain_text).toBe('Our population of 1.2 million is growing and ageing.');
    expect(row.word_count).toBe(9);
    expect(row.revision).toBeGreaterThan(1);

    await app.reload();
    await page.getByRole('textbox', { name: 'Text of Our population' }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Text of Our population' }).textContent()).resolves.toBe('Our population of 1.2 million is growing and ageing.');
    const titles = await page.getByRole('tree', { name: 'Sections' }).getByRole('treeitem').locator('.tree-title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Our priorities', 'Start well', 'Our population']));
    expect(titles).not.toContain('Temporary');
    expect(app.pageErrors).toEqual([]);
  });
});
