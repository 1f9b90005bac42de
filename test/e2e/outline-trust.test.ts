// #12 "an outline you can trust": focus never drops to <body> when a section
// goes, every change is announced and can be undone (Ctrl+Z in the outline or
// the undo offer), a drag shows and announces where it would drop, a refused
// drop says why, and deleted sections can be restored after a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;
let dir: string;
const ids: Record<string, string> = {};

const tree = () => app.page.getByRole('tree', { name: 'Sections' });
const item = (title: string) =>
  tree()
    .locator('[role="treeitem"]')
    .filter({ has: app.page.locator('.tree-title', { hasText: new RegExp(`^${title}$`) }) });
const outline = async () =>
  tree()
    .getByRole('treeitem')
    .evaluateAll((items) => items.map((el) => `${el.getAttribute('aria-level')}:${el.querySelector('.tree-title')?.textContent}`));
/** What has focus: the outline item's title, or the element's tag. */
const focused = () =>
  app.page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return el.getAttribute('role') === 'treeitem' ? `item:${el.querySelector('.tree-title')?.textContent}` : `${el.tagName}:${el.textContent?.trim()}`;
  });
const spoken = () => app.page.locator('#jfp-live').textContent();

const START = ['1:Priorities', '2:Start well', '3:Maternity', '4:Neonatal', '2:Live well', '1:Enablers'];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-outline-trust-'));
  app = await launchApp({ dbPath: path.join(dir, 'jfp.db') });
  planId = (await app.call('createPlan', { title: 'Trust plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  for (const [title, parent] of [
    ['Priorities', null],
    ['Start well', 'Priorities'],
    ['Maternity', 'Start well'],
    ['Neonatal', 'Maternity'],
    ['Live well', 'Priorities'],
    ['Enablers', null],
  ] as const) {
    ids[title] = (await app.call('addSection', { planId, parentId: parent ? ids[parent]! : null, title })).id;
  }
  await app.open(`#/plan/${planId}/section/${ids.Enablers}`);
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the outline you can trust', () => {
  it('keyboard Delete moves focus to the nearest section, announces it, and Ctrl+Z / Ctrl+Y undo and redo it', async () => {
    expect(await outline()).toEqual(START);
    await item('Live well').focus();
    await app.page.keyboard.press('Delete');
    await expect.poll(outline).toEqual(['1:Priorities', '2:Start well', '3:Maternity', '4:Neonatal', '1:Enablers']);
    // Live well was the last child: focus goes to the sibling before it, not to <body>.
    await expect.poll(focused).toBe('item:Start well');
    await expect.poll(spoken).toContain('Deleted “Live well”.');
    await expect(app.page.locator('.undo-offer').textContent()).resolves.toContain('Deleted “Live well”.');

    await app.page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);
    await expect.poll(focused).toBe('item:Live well');
    await expect.poll(spoken).toContain('restored “Live well”');

    await app.page.keyboard.press('Control+y');
    await expect.poll(outline).not.toContain('2:Live well');
    await expect.poll(focused).not.toBe('BODY');
    await app.page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);
    await app.page.keyboard.press('Control+Shift+z');
    await expect.poll(outline).not.toContain('2:Live well');
    await app.page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);
  });

  it('undoes a move and a rename with Ctrl+Z while the outline has focus', async () => {
    await item('Enablers').focus();
    await app.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(outline).toEqual(['1:Enablers', '1:Priorities', '2:Start well', '3:Maternity', '4:Neonatal', '2:Live well']);
    await expect.poll(spoken).toContain('Moved “Enablers” to level 1, position 1 of 2.');
    await app.page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);
    await expect.poll(focused).toBe('item:Enablers');

    await app.page.keyboard.press('F2');
    await app.page.getByLabel('Section title').fill('Enablers and finance');
    await app.page.keyboard.press('Enter');
    await expect.poll(outline).toContain('1:Enablers and finance');
    await expect.poll(focused).toBe('item:Enablers and finance');
    await expect(app.page.locator('.undo-offer').textContent()).resolves.toContain('Renamed “Enablers” to “Enablers and finance”.');
    await app.page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);
  });

  it('withdraws the undo offer when you open another section, and the button puts focus on what it restored', async () => {
    await item('Live well').focus();
    await app.page.keyboard.press('Delete');
    await app.page.locator('.undo-offer').waitFor();
    await item('Enablers').click();
    await expect.poll(() => app.page.locator('.undo-offer').count()).toBe(0);
    // Still undoable: Ctrl+Z in the outline.
    await item('Enablers').focus();
    await app.page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);

    await item('Live well').focus();
    await app.page.keyboard.press('Delete');
    await app.page.getByRole('button', { name: 'Undo delete' }).click();
    await expect.poll(outline).toEqual(START);
    await expect.poll(focused).toBe('item:Live well');
  });

  it('shows and announces the drop position while dragging, and says why a drop is refused', async () => {
    const page = app.page;
    const box = async (title: string) => (await item(title).boundingBox())!;
    const from = await box('Enablers');
    await page.mouse.move(from.x + 30, from.y + from.height / 2);
    await page.mouse.down();
    const onto = await box('Live well');
    await page.mouse.move(onto.x + 30, onto.y + onto.height / 2, { steps: 5 });
    await expect.poll(() => item('Live well').getAttribute('class')).toContain('drop-inside');
    await expect.poll(spoken).toBe('Drop inside “Live well”.');
    await page.mouse.move(onto.x + 30, onto.y + 2, { steps: 3 });
    await expect.poll(() => item('Live well').getAttribute('class')).toContain('drop-before');
    await page.mouse.up();
    await expect.poll(outline).toEqual(['1:Priorities', '2:Start well', '3:Maternity', '4:Neonatal', '2:Enablers', '2:Live well']);
    await page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);

    // A parent onto its own subsection, then (the same drag) too deep, then a place it may go.
    const parent = await box('Start well');
    await page.mouse.move(parent.x + 30, parent.y + parent.height / 2);
    await page.mouse.down();
    const child = await box('Maternity');
    await page.mouse.move(child.x + 30, child.y + child.height / 2, { steps: 5 });
    await expect.poll(() => page.getByTestId('outline-refused').textContent()).toBe('A section cannot go inside itself or one of its own subsections.');
    expect(await item('Maternity').getAttribute('class')).not.toContain('drop-');
    const live = await box('Live well');
    await page.mouse.move(live.x + 30, live.y + live.height / 2, { steps: 5 });
    await expect.poll(() => page.getByTestId('outline-refused').textContent()).toBe('Sections can be nested at most 4 levels deep, so it cannot go there.');
    await expect.poll(spoken).toBe('Sections can be nested at most 4 levels deep, so it cannot go there.');
    const enablers = await box('Enablers');
    await page.mouse.move(enablers.x + 30, enablers.y + enablers.height / 2, { steps: 5 });
    await expect.poll(() => item('Enablers').getAttribute('class')).toContain('drop-inside');
    await page.mouse.up();
    await expect.poll(outline).toEqual(['1:Priorities', '2:Live well', '1:Enablers', '2:Start well', '3:Maternity', '4:Neonatal']);
    await page.keyboard.press('Control+z');
    await expect.poll(outline).toEqual(START);

    // The keyboard says so too.
    await item('Neonatal').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => page.getByTestId('outline-refused').textContent()).toBe('There is no section above it at the same level to indent it under.');
    expect(await app.checkA11y()).toEqual([]);
  });

  it('keeps deleted sections in "Recently deleted", restorable after a restart', async () => {
    await item('Start well').focus();
    await app.page.keyboard.press('Delete');
    await expect.poll(outline).toEqual(['1:Priorities', '2:Live well', '1:Enablers']);
    await expect.poll(focused).toBe('item:Live well');
    const dbPath = app.dbPath;
    await app.close();

    app = await launchApp({ dbPath, route: `#/plan/${planId}` });
    await app.page.getByText('Recently deleted (1)').click();
    const list = app.page.getByRole('list', { name: 'Recently deleted sections' });
    await expect(list.textContent()).resolves.toContain('with 2 subsections');
    expect(await app.checkA11y()).toEqual([]);
    await list.getByRole('button', { name: 'Restore “Start well”' }).click();
    await expect.poll(outline).toEqual(START);
    await expect.poll(focused).toBe('item:Start well');
    await expect.poll(spoken).toBe('Restored “Start well”.');
    await expect.poll(() => app.page.getByText(/Recently deleted/).count()).toBe(0);
  });
});
