// A new user's first look: the sample plan opens filled in, with each section's
// guidance and statutory checklist beside the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;

beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the sample plan', () => {
  it('opens from the empty library as a filled plan with guidance beside the text', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the sample plan' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Joint Forward Plan 2026/27 to 2030/31' }).waitFor();
    await expect(page.locator('.plan-meta').textContent()).resolves.toContain('NHS Wessex Vale Integrated Care Board');
    const items = page.getByRole('tree', { name: 'Sections' }).getByRole('treeitem');
    expect(await items.count()).toBeGreaterThan(40);
    const levels = await items.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('aria-level')))]);
    expect(levels).toEqual(expect.arrayContaining(['1', '2', '3']));

    await page
      .getByRole('tree', { name: 'Sections' })
      .getByRole('treeitem', { name: /^Children and young people under 25/ })
      .click();
    const editor = page.getByRole('textbox', { name: 'Text of Children and young people under 25' });
    await editor.waitFor();
    expect((await editor.textContent())!.length).toBeGreaterThan(200);
    const details = page.getByRole('region', { name: 'Section details' });
    await expect(details.getByRole('heading', { name: 'Guidance' }).isVisible()).resolves.toBe(true);
    await expect(details.getByRole('heading', { name: 'Helps meet' }).isVisible()).resolves.toBe(true);
    await expect(details.locator('.checklist-refs').textContent()).resolves.toMatch(/14Z52/);
    expect(await app.checkA11y()).toEqual([]);
    // Opening a section is not an edit.
    await expect(page.locator('[data-save-state]').getAttribute('data-save-state')).resolves.toBe('saved');
  });

  it('shows the sample commitments and every HWB as a place', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Delivery commitments' }).click();
    await page.getByText(/Showing \d+ of \d+ commitments/).waitFor();
    // The delivery grid (#11) is virtualised: aria-rowcount counts every row and the header.
    expect(Number(await page.getByRole('grid', { name: 'Delivery commitments' }).getAttribute('aria-rowcount'))).toBeGreaterThan(16);
    expect(await app.checkA11y()).toEqual([]);
    await page.getByRole('link', { name: 'HWB opinions' }).click();
    await page.getByText(/boards have given their opinion/).waitFor();
    expect(await app.checkA11y()).toEqual([]);
  });
});
