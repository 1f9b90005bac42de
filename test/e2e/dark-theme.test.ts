// #12 dark theme: with the operating system in dark mode (prefers-color-scheme) or with
// View > Theme > Dark, every main screen is dark (the computed backgrounds of the page,
// the editor and the grid) and axe, colour contrast included, finds nothing serious.
// View > Theme > Light keeps a dark system light.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1366, height: 900 } });
  planId = (await app.call('createSamplePlan', {})).id;
});
afterAll(async () => {
  await app?.close();
});

/** Relative luminance (WCAG) of the first element's computed background colour, walking up past transparent ones. */
const luminanceOf = (selector: string) =>
  app.page.evaluate((sel) => {
    let el = document.querySelector(sel) as Element | null;
    if (!el) return -1;
    while (el) {
      const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
      if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
        const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
          const c = Number(v) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      }
      el = el.parentElement;
    }
    return 1; // nothing painted: the page's default white
  }, selector);

/** Each main screen, with the element whose background must be dark there. */
async function visitScreens(check: (screen: string, surfaces: string[]) => Promise<void>) {
  const { page } = app;
  await app.open('#/');
  await page.getByRole('heading', { level: 1, name: 'Your plans' }).waitFor();
  await check('library', ['body', '.plan-card']);

  await app.open(`#/plan/${planId}`);
  await page.locator('.editor-pane [contenteditable="true"]').waitFor();
  await page.locator('[role="treeitem"]').first().waitFor();
  await check('plan', ['body', '.editor-content', 'nav.outline', 'aside.side', '.toolbar']);

  await page.getByRole('button', { name: /^Comments/ }).click();
  await page.locator('.comments-panel').waitFor();
  await check('comments', ['.comments-panel']);

  await app.open(`#/plan/${planId}/commitments`);
  await page.getByRole('grid').first().waitFor();
  await check('commitments', ['body', '.dgrid-cell']);

  await app.open(`#/plan/${planId}/export`);
  await page.locator('.export-form').waitFor();
  await check('export', ['body', '.export-form fieldset']);
}

async function expectDark(screen: string, surfaces: string[]) {
  for (const surface of surfaces) expect(await luminanceOf(surface), `${surface} on ${screen}`).toBeLessThan(0.05);
  expect(await app.checkA11y(), screen).toEqual([]);
}

describe('the dark theme', () => {
  it('follows the operating system: every main screen is dark and passes axe (colour contrast included)', async () => {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await visitScreens(expectDark);
  });

  it('View > Theme > Dark makes a light system dark; Light keeps a dark system light', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'light' });
    await app.open('#/');
    expect(await luminanceOf('body')).toBeGreaterThan(0.8);
    await app.sendEvent('menuCommand', { command: 'setTheme', theme: 'dark' });
    await expect.poll(() => luminanceOf('body')).toBeLessThan(0.05);
    await visitScreens(expectDark);

    await page.emulateMedia({ colorScheme: 'dark' });
    await app.sendEvent('menuCommand', { command: 'setTheme', theme: 'light' });
    await expect.poll(() => luminanceOf('body')).toBeGreaterThan(0.8);
    await app.open('#/');
    await page.getByRole('button', { name: /^Your profile/ }).waitFor();
    expect(await app.checkA11y(), 'library, light').toEqual([]);
    // The link on the blue header bar is white, not blue on blue (axe skips text the colour of its background).
    expect(await page.locator('.app-header .header-profile').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    await app.open(`#/plan/${planId}`);
    await page.locator('.editor-pane [contenteditable="true"]').waitFor();
    expect(await luminanceOf('.editor-content')).toBeGreaterThan(0.8);
    expect(await app.checkA11y()).toEqual([]);
    await app.sendEvent('menuCommand', { command: 'setTheme', theme: 'system' });
    await expect.poll(() => luminanceOf('body')).toBeLessThan(0.05);
  });
});
