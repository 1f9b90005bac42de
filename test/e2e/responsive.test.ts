// #12 responsive from 1024×768 up: no horizontal scroll on the main screens at
// 1024×768, 1366×768 and 1920×1080; at 1024×768 the side panel becomes a toggle
// and the plan title is never cut off without the full title being available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const LONG_TITLE = 'Joint Forward Plan 2026/27 to 2030/31 for the people of Northmoor, Dales and the Coastal Communities';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp({ viewport: SIZES[0] });
  const sample = await app.call('createSamplePlan', {});
  planId = sample.id;
  await app.call('updatePlan', { planId, revision: sample.revision, title: LONG_TITLE });
});
afterAll(async () => {
  await app?.close();
});

/** How far the page scrolls sideways (0: it does not). */
const sideways = () => app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('at each window size', () => {
  for (const size of SIZES) {
    it(`${size.width}×${size.height}: no horizontal scroll on the library, the plan, its commitments and its export`, async () => {
      await app.page.setViewportSize(size);
      for (const route of ['#/', `#/plan/${planId}`, `#/plan/${planId}/commitments`, `#/plan/${planId}/export`]) {
        await app.open(route);
        if (route !== '#/') await app.page.getByRole('heading', { level: 1, name: LONG_TITLE }).waitFor();
        if (route === `#/plan/${planId}`) await app.page.locator('.editor-pane [contenteditable="true"]').waitFor();
        await expect.poll(sideways, { message: `${route} at ${size.width}×${size.height}` }).toBe(0);
      }
    });
  }
});

describe('at 1024×768', () => {
  it('the side panel collapses to a toggle, and the long plan title is shown whole', async () => {
    const { page } = app;
    await page.setViewportSize(SIZES[0]!);
    await app.open(`#/plan/${planId}`);
    await page.locator('.editor-pane [contenteditable="true"]').waitFor();
    const toggle = page.getByRole('button', { name: 'Section details and comments' });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.locator('aside.side').isVisible()).resolves.toBe(false);
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.locator('aside.side').isVisible()).resolves.toBe(true);
    // The title wraps rather than being cut short.
    const title = page.getByRole('heading', { level: 1 });
    const cut = await title.evaluate((h) => h.scrollWidth > h.clientWidth + 1);
    expect(cut).toBe(false);
    // The editor column keeps room for about 60 characters.
    const editorWidth = await page.locator('.editor-pane').evaluate((el) => el.clientWidth);
    expect(editorWidth).toBeGreaterThanOrEqual(480);
    expect(await app.checkA11y()).toEqual([]);
  });
});
