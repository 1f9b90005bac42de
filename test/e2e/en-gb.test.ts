// #12 dates in en-GB: the page runs British English (the harness starts Chromium with
// --lang=en-GB and an en-GB locale, as electron/main.ts does the app), so dates and
// numbers formatted without a locale come out dd/mm/yyyy and 1,234.5.
// Not checked here: the order of a date field's parts, which headless Chromium on
// Linux takes from the system's locale.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.close();
});

it('the page formats dates and numbers in en-GB', async () => {
  const { page } = app;
  const plan = await app.call('createPlan', { title: 'Dates plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank', places: ['Northmoor'] });
  await app.open(`#/plan/${plan.id}/opinions`);
  const field = page.getByLabel('Date received').first();
  await field.waitFor();
  await field.fill('03/11/2026');
  expect(await field.evaluate((input: HTMLInputElement) => input.value)).toBe('03/11/2026');
  // The app's own dates: the library's "updated" is day, month, year.
  await app.open('#/');
  await expect(page.locator('.plan-card-stats').first().textContent()).resolves.toMatch(/updated \d{1,2} [A-Z][a-z]{2,3} \d{4}(,| at) \d{2}:\d{2}/);

  const formatted = await page.evaluate(() => ({
    language: navigator.language,
    date: new Date(2026, 10, 3).toLocaleDateString(),
    number: (1234567.5).toLocaleString(),
  }));
  expect(formatted).toEqual({ language: 'en-GB', date: '03/11/2026', number: '1,234,567.5' });
});
