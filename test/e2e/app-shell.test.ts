// #12 the app shell: the first-run welcome, application-menu commands reaching
// the page, focus after Create plan, skip links and F6 between the regions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;

/** What has focus, as "TAG:text" or "item:title" for an outline item. */
const focused = () =>
  app.page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    if (el.getAttribute('role') === 'treeitem') return `item:${el.querySelector('.tree-title')?.textContent}`;
    if (el.getAttribute('contenteditable') === 'true') return 'EDITOR';
    return `${el.tagName}:${(el.textContent ?? '').trim().slice(0, 40)}`;
  });
const inRegion = () => app.page.evaluate(() => (document.activeElement?.closest('nav.outline, .editor-pane, aside.side') as HTMLElement | null)?.className ?? 'none');

beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the app shell', () => {
  it('welcomes a first run: the template, the sample plan, and where the plans are kept', async () => {
    const { page } = app;
    const welcome = page.getByRole('region', { name: 'Welcome to JFP Studio' });
    await welcome.waitFor();
    await expect(welcome.getByRole('button', { name: 'New plan from the JFP template' }).isVisible()).resolves.toBe(true);
    await expect(welcome.getByRole('button', { name: 'Open the sample plan' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => welcome.locator('.data-path').textContent()).toBe(app.dbPath);
    await expect(welcome.textContent()).resolves.toContain('To keep a copy, close JFP Studio and copy that file');
    expect(await app.checkA11y()).toEqual([]);
    // "Import a Word plan…" goes where File > Import from Word goes (#16's screen).
    await welcome.getByRole('button', { name: 'Import a Word plan…' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/import-word');
    await app.open('#/');
  });

  it('File > New plan opens the dialog, and Create plan puts focus on the new plan, not the page', async () => {
    const { page } = app;
    await app.sendEvent('menuCommand', { command: 'newPlan' });
    const dialog = page.getByRole('dialog', { name: 'New plan' });
    await dialog.waitFor();
    await dialog.getByLabel('Integrated Care Board').fill('NHS Test Valley Integrated Care Board');
    await dialog.getByLabel('Plan title').fill('Shell plan');
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shell plan' }).waitFor();
    await expect.poll(focused).toBe('H1:Shell plan');
    // The full title is there for a title cut short on a narrow window.
    await expect(page.getByRole('heading', { level: 1 }).getAttribute('title')).resolves.toBe('Shell plan');
  });

  it('skip links reach the outline and the editor: one Tab from the title, two from the top of the page', async () => {
    const { page } = app;
    await page.locator('[role="treeitem"]').first().waitFor();
    await page.locator('.editor-pane [contenteditable="true"]').waitFor();
    // Opening the plan again: the title has focus, and the next Tab is the skip link.
    await app.reload();
    await expect.poll(focused).toBe('H1:Shell plan');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('BUTTON:Skip to outline');
    await expect(page.getByRole('button', { name: 'Skip to outline' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^item:/);

    // From the first control on the page.
    await page.getByRole('button', { name: '← All plans' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('BUTTON:Skip to editor');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('EDITOR');
    expect(await app.checkA11y()).toEqual([]);
  });

  it('F6 and Shift+F6 cycle the outline, the editor and the side panel', async () => {
    const { page } = app;
    await page.locator('[role="treeitem"]').first().focus();
    await page.keyboard.press('F6');
    await expect.poll(focused).toBe('EDITOR');
    await page.keyboard.press('F6');
    await expect.poll(inRegion).toBe('side');
    await page.keyboard.press('F6');
    await expect.poll(focused).toMatch(/^item:/);
    await page.keyboard.press('Shift+F6');
    await expect.poll(inRegion).toBe('side');
    await page.keyboard.press('Shift+F6');
    await expect.poll(focused).toBe('EDITOR');
  });

  it('acts on the other menu commands: Find in plan, Export, Keyboard shortcuts, Theme, Open recent', async () => {
    const { page } = app;
    const planId = decodeURIComponent(/#\/plan\/([^/]+)/.exec(page.url())![1]!);
    await app.sendEvent('menuCommand', { command: 'findInPlan' });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');

    await app.sendEvent('menuCommand', { command: 'exportPlan' });
    await expect.poll(() => page.url()).toContain(`#/plan/${planId}/export`);

    await app.sendEvent('menuCommand', { command: 'showShortcuts' });
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.waitFor();
    await expect(shortcuts.textContent()).resolves.toContain('Move between the outline, the editor and the side panel');
    expect(await app.checkA11y()).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => shortcuts.count()).toBe(0);

    await app.sendEvent('menuCommand', { command: 'setTheme', theme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await app.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await app.sendEvent('menuCommand', { command: 'setTheme', theme: 'system' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'none')).toBe('none');

    await app.open('#/');
    await app.sendEvent('menuCommand', { command: 'openPlan', planId });
    await page.getByRole('heading', { level: 1, name: 'Shell plan' }).waitFor();
    // A command that needs an open plan says so in the library.
    await app.open('#/');
    await app.sendEvent('menuCommand', { command: 'print' });
    await expect.poll(() => page.locator('#jfp-live').textContent()).toBe('Open a plan first, then export or print it.');
  });

  it("File > Import from Word, Backups and Save version (#16's screens) go to their routes and tell the page", async () => {
    const { page } = app;
    const planId = (await app.call('listPlans', {}))[0]!.id;
    // Each command also raises a DOM event `jfp-menu-<command>`, counted here.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      for (const c of ['importWord', 'showBackups', 'saveVersion']) window.addEventListener(`jfp-menu-${c}`, () => seen.push(c));
    });
    const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen.join(','));
    await app.sendEvent('menuCommand', { command: 'importWord' });
    await expect.poll(() => new URL(page.url()).hash).toBe('#/import-word');
    await app.sendEvent('menuCommand', { command: 'showBackups' });
    await expect.poll(() => new URL(page.url()).hash).toBe('#/backups');
    // Save version needs an open plan.
    await app.sendEvent('menuCommand', { command: 'saveVersion' });
    await expect.poll(() => page.locator('#jfp-live').textContent()).toBe('Open a plan first, then save a version of it.');
    await page.evaluate((id) => (window.location.hash = `#/plan/${id}`), planId);
    await page.getByRole('heading', { level: 1, name: 'Shell plan' }).waitFor();
    await app.sendEvent('menuCommand', { command: 'saveVersion' });
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/plan/${planId}/versions?new=1`);
    await expect.poll(seen).toBe('importWord,showBackups,saveVersion');
  });
});
