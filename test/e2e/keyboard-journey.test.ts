// #12 a keyboard-only journey, with no mouse event (page.keyboard only, and a capture
// listener counting any mouse event with a click count) and axe on each screen: create a
// plan; write a section with a heading and a list (Markdown shortcuts), a link (Ctrl+K) and
// a table (toolbar by keyboard); set its status and owner; add a reviewer and comment on a
// keyboard selection (Ctrl+Alt+M); add a commitment in the grid; export a board paper.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

/** A short description of what has focus: its tag, label or text. */
const focusedText = () =>
  app.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'BODY';
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
      el.closest('label')?.textContent?.trim();
    return `${el.tagName}|${label ?? ''}|${(el.textContent ?? '').trim().slice(0, 60)}`;
  });

const readDb = <T>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};
const inEditor = () => app.page.evaluate(() => !!document.activeElement?.closest('.editor-content'));

/** Presses Tab until what has focus matches, failing after `limit` presses; returns how many it took. */
async function tabTo(match: RegExp, limit = 40): Promise<number> {
  for (let presses = 0; presses <= limit; presses++) {
    if (match.test(await focusedText())) return presses;
    await app.page.keyboard.press('Tab');
  }
  throw new Error(`${match} not reached in ${limit} Tabs (focus: ${await focusedText()})`);
}

const noA11yProblems = async () => expect(await app.checkA11y()).toEqual([]);

it('creates a plan, writes a section with a heading, list, link and table, sets status and owner, comments, adds a commitment and exports a board paper, with the keyboard only', async () => {
  const { page } = app;
  let mouseEvents = 0;
  await page.exposeFunction('__countMouse', () => void mouseEvents++);
  await page.evaluate(() => {
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown'])
      window.addEventListener(type, (e) => (e as MouseEvent).detail > 0 && (window as unknown as { __countMouse(): void }).__countMouse(), true);
  });

  // The library: New plan.
  await noA11yProblems();
  await tabTo(/^BUTTON\|\|New plan$/);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'New plan' }).waitFor();
  await noA11yProblems();
  await tabTo(/Integrated Care Board/);
  await page.keyboard.type('NHS Keyboard Valley Integrated Care Board');
  await tabTo(/Plan title/);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Keyboard plan');
  await tabTo(/^BUTTON\|\|Create plan$/);
  await page.keyboard.press('Enter');

  // The new plan: its title has focus, one Tab reaches the skip links.
  await page.getByRole('heading', { level: 1, name: 'Keyboard plan' }).waitFor();
  await expect.poll(focusedText).toMatch(/^H1\|/);
  await page.locator('.editor-pane [contenteditable="true"]').waitFor();
  await noA11yProblems();
  expect(await tabTo(/Skip to editor/)).toBeLessThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expect.poll(focusedText).toMatch(/^DIV\|/);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Our plan for the people of Keyboard Valley.');
  // A heading and a list by Markdown shortcuts.
  await page.keyboard.press('Enter');
  await page.keyboard.type('## Our priorities');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- Faster diagnosis');
  await page.keyboard.press('Enter');
  await page.keyboard.type('More care at home');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  // A link with Ctrl+K on words selected with the keyboard.
  await page.keyboard.type('Read the planning guidance');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  // The word is selected on the page, and the editor has had a frame to take the selection in, before Ctrl+K
  // (on a loaded machine Ctrl+K could otherwise arrive first and find nothing selected).
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('guidance');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await page.keyboard.press('Control+k');
  await expect.poll(focusedText).toMatch(/^INPUT\|Link address/);
  await page.keyboard.type('https://www.england.nhs.uk/planning/');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.editor-content a').allTextContents()).toEqual(['guidance']);
  // Back in the text on the linked words (the editor puts the selection back after focus).
  await expect.poll(inEditor).toBe(true);
  await expect.poll(() => page.evaluate(() => window.getSelection()!.toString().trim())).toBe('guidance');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  // A table from the toolbar: Esc reaches it, the arrows move to Table.
  await page.keyboard.press('Escape');
  for (let i = 0; i < 25 && !/^BUTTON\|Table\|/.test(await focusedText()); i++) await page.keyboard.press('ArrowRight');
  expect(await focusedText()).toMatch(/^BUTTON\|Table\|/);
  await page.keyboard.press('Enter');
  if (!(await inEditor())) await page.keyboard.press('Escape');
  await expect.poll(inEditor).toBe(true);
  await page.keyboard.type('Aim');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Measure');
  await page.locator('[data-save-state="saved"]').waitFor();
  await noA11yProblems();
  await expect.poll(() => readDb<{ content: string }>("SELECT content FROM sections WHERE content LIKE '%Our priorities%'")[0]?.content ?? '').toContain('Measure');
  const content = readDb<{ content: string }>("SELECT content FROM sections WHERE content LIKE '%Our priorities%'")[0]!.content;
  type Node = { type: string; tag?: string; url?: string; listType?: string; text?: string; children?: Node[] };
  const all: Node[] = [];
  const walk = (n: Node) => (all.push(n), n.children?.forEach(walk));
  walk((JSON.parse(content) as { root: Node }).root);
  const text = (n: Node): string => (n.type === 'text' ? n.text! : (n.children ?? []).map(text).join(''));
  expect(all.filter((n) => n.type === 'heading').map((n) => [n.tag, text(n)])).toContainEqual(['h2', 'Our priorities']);
  expect(all.filter((n) => n.type === 'list').map((n) => [n.listType, text(n)])).toContainEqual(['bullet', 'Faster diagnosisMore care at home']);
  expect(
    all.filter((n) => n.type === 'link').map((n) => [n.url, text(n)]),
    JSON.stringify(all.map((n) => [n.type, n.text ?? n.url ?? ''])),
  ).toEqual([['https://www.england.nhs.uk/planning/', 'guidance']]);
  expect(all.filter((n) => n.type === 'table').map(text)).toEqual([expect.stringContaining('AimMeasure')]);

  // F6 to the side panel: status and owner.
  await page.keyboard.press('F6');
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('aside.side'))).toBe(true);
  await tabTo(/^SELECT\|Status/);
  await page.keyboard.press('ArrowDown');
  await tabTo(/^INPUT\|Owner/);
  await page.keyboard.type('Director of Strategy');
  await page.keyboard.press('Enter');
  await noA11yProblems();
  await expect
    .poll(() => {
      const db = new Database(app.dbPath, { readonly: true });
      try {
        return db.prepare("SELECT owner FROM sections WHERE owner <> '' LIMIT 1").pluck().get();
      } finally {
        db.close();
      }
    })
    .toBe('Director of Strategy');
  const db = new Database(app.dbPath, { readonly: true });
  const row = db.prepare("SELECT status, plain_text FROM sections WHERE owner = 'Director of Strategy'").get() as { status: string; plain_text: string };
  db.close();
  expect(row.status).not.toBe('not_started');
  expect(row.plain_text).toContain('Our plan for the people of Keyboard Valley.');

  // Comments in the side panel: add a reviewer, then comment on words selected in the text.
  await tabTo(/^BUTTON\|\|Comments/, 40);
  await page.keyboard.press('Enter');
  await tabTo(/^BUTTON\|\|Add a reviewer$/);
  await page.keyboard.press('Enter');
  await tabTo(/^INPUT\|Name/);
  await page.keyboard.type('Asha Patel');
  await tabTo(/^INPUT\|Organisation/);
  await page.keyboard.type('Healthwatch Keyboard Valley');
  await tabTo(/^SELECT\|Type of organisation/);
  await page.keyboard.press('ArrowDown');
  await tabTo(/^BUTTON\|\|Add reviewer$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByLabel('Commenting as').locator('option:checked').textContent()).toBe('Asha Patel, Healthwatch Keyboard Valley');
  // The form has gone: focus is on the reviewer choice, not lost to the page.
  await expect.poll(focusedText).toMatch(/^SELECT\|Commenting as/);
  await noA11yProblems();
  await page.keyboard.press('Shift+F6');
  await expect.poll(inEditor).toBe(true);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  const quote = (await page.evaluate(() => window.getSelection()!.toString())).trim();
  expect(quote.length).toBeGreaterThan(0);
  await page.keyboard.press('Control+Alt+m');
  await expect.poll(focusedText).toMatch(/^TEXTAREA\|Comment/);
  await page.keyboard.type('Please add the baseline.');
  await tabTo(/^BUTTON\|\|Add comment$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => readDb<{ body: string; quote: string }>('SELECT body, quote FROM comments')).toEqual([{ body: 'Please add the baseline.', quote }]);
  await noA11yProblems();

  // The commitments screen, through the plan's tabs: add a commitment in the grid.
  await tabTo(/^A\|\|Delivery commitments$/, 80);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Delivery commitments' }).waitFor();
  await noA11yProblems();
  await tabTo(/^BUTTON\|\|Add commitment$/, 40);
  await page.keyboard.press('Enter');
  await expect.poll(focusedText).toMatch(/^INPUT\|/);
  await page.keyboard.type('Start well');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Healthy weight programme for children');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => readDb<{ priority: string; commitment: string }>('SELECT priority, commitment FROM commitments'))
    .toEqual([{ priority: 'Start well', commitment: 'Healthy weight programme for children' }]);
  await noA11yProblems();

  // The export screen: a board paper, saved after confirming the incomplete cover sheet.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add commitment' }).focus();
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 80 && !/^A\|\|Export$/.test(await focusedText()); i++) await page.keyboard.press('Shift+Tab');
  expect(await focusedText()).toMatch(/^A\|\|Export$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.url()).toMatch(/\/export$/);
  await noA11yProblems();
  await tabTo(/^INPUT\|The plan document/);
  await page.keyboard.press('ArrowDown');
  await expect.poll(focusedText).toMatch(/^INPUT\|A board paper/);
  await tabTo(/^INPUT\|Date of meeting/);
  await page.keyboard.type('04/03/2027');
  await noA11yProblems();
  await tabTo(/^BUTTON\|\|Export$/, 80);
  app.answerSaveDialog(path.join(app.exportDir, 'keyboard-board-paper.docx'));
  await page.keyboard.press('Enter');
  await page.getByRole('alertdialog', { name: 'The cover sheet is not complete' }).waitFor();
  await tabTo(/^BUTTON\|\|Export anyway$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.export-result strong').textContent(), { timeout: 60_000 }).toBe('Saved keyboard-board-paper.docx.');
  expect(fs.existsSync(path.join(app.exportDir, 'keyboard-board-paper.docx'))).toBe(true);
  await noA11yProblems();

  expect(mouseEvents).toBe(0);
});
