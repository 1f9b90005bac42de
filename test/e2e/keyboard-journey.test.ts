// #12 a keyboard-only journey, with no mouse event (page.keyboard only) and axe
// on each screen: create a plan, write in a section, set its status and owner,
// and reach the commitments and export screens.
// Written against the current editor, grid and export panel (being rebuilt in
// parallel); adding a commitment, a comment, the heading/list/table/link and the
// board-paper export by keyboard are still to be added to this journey.
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
    const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null);
    return `${el.tagName}|${label ?? ''}|${(el.textContent ?? '').trim().slice(0, 60)}`;
  });

/** Presses Tab until what has focus matches, failing after `limit` presses; returns how many it took. */
async function tabTo(match: RegExp, limit = 40): Promise<number> {
  for (let presses = 0; presses <= limit; presses++) {
    if (match.test(await focusedText())) return presses;
    await app.page.keyboard.press('Tab');
  }
  throw new Error(`${match} not reached in ${limit} Tabs (focus: ${await focusedText()})`);
}

const noA11yProblems = async () => expect(await app.checkA11y()).toEqual([]);

it('creates a plan, writes a section and sets its status and owner, with the keyboard only', async () => {
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
  await page.locator('[data-save-state="saved"]').waitFor();

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

  // The commitments and export screens, through the plan's tabs.
  await tabTo(/^A\|\|Delivery commitments$/, 80);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Delivery commitments' }).waitFor();
  await noA11yProblems();
  await page.keyboard.press('Shift+Tab');
  await tabTo(/^A\|\|Export$/, 80);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.url()).toMatch(/\/export$/);
  await noA11yProblems();

  expect(mouseEvents).toBe(0);
});
