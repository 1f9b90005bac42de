// #12 dates in forms are day/month/year: every date field is our DateField (a text field
// with a format hint, not Chromium's <input type=date>, which headless Chromium on Linux lays
// out as mm/dd/yyyy). Typed "14/01/2027" is stored as 2027-01-14 and shown as 14/01/2027
// after a reload; "31/02/2027" is refused with a sentence linked to the field, and the form
// keeps what was saved.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp();
  planId = (
    await app.call('createPlan', {
      title: 'Dates plan',
      icbName: 'NHS Test ICB',
      startYear: 2026,
      templateId: 'blank',
      places: ['Northshire Health and Wellbeing Board'],
    })
  ).id;
  await app.call('addCommitment', { planId, fields: { priority: 'Urgent care', commitment: 'Four hours in A&E', metric: '4-hour performance', targetYear: 2027 } });
});
afterAll(async () => {
  await app?.close();
});

const receivedOn = () => {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT received_on FROM hwb_boards').get() as { received_on: string } | undefined)?.received_on ?? null;
  } finally {
    db.close();
  }
};
/** The ids an element's aria-describedby names, as the texts they hold. */
const descriptions = (selector: string) =>
  app.page.evaluate(
    (sel) =>
      (document.querySelector(sel)?.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? `missing ${id}`),
    selector,
  );

describe('date fields', () => {
  it('take day/month/year, keep it across a reload, and refuse a date that does not exist', async () => {
    const { page } = app;
    await app.open(`#/plan/${planId}/opinions`);
    const field = page.getByLabel('Date received');
    await field.waitFor();
    await expect(field.getAttribute('type')).resolves.toBe('text');
    const id = await field.getAttribute('id');
    expect(await descriptions(`[id="${id}"]`)).toEqual(['Day/month/year, for example 14/01/2027']);
    await field.focus();
    await page.keyboard.type('14/01/2027');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel(/The board.s opinion/).fill('The draft takes proper account of the strategy.');
    await page.getByRole('button', { name: 'Save opinion' }).click();
    await expect.poll(receivedOn).toBe('2027-01-14');
    await app.reload();
    await expect(page.getByLabel('Date received').inputValue()).resolves.toBe('14/01/2027');

    // Other ways of typing the same date are read and shown the British way on leaving the field.
    await page.getByLabel('Date received').fill('15-1-2027');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Date received').inputValue()).resolves.toBe('15/01/2027');

    // Not a date: a sentence linked to the field; saving is stopped, so the saved date stays.
    await page.getByLabel('Date received').fill('31/02/2027');
    await page.keyboard.press('Tab');
    const error = page.getByText('31/02/2027 is not a date: February 2027 has 28 days.');
    await error.waitFor();
    await expect(page.getByLabel('Date received').getAttribute('aria-invalid')).resolves.toBe('true');
    const reloadedId = await page.getByLabel('Date received').getAttribute('id'); // useId may differ after the reload
    expect(await descriptions(`[id="${reloadedId}"]`)).toEqual(['Day/month/year, for example 14/01/2027', '31/02/2027 is not a date: February 2027 has 28 days.']);
    expect(await app.checkA11y()).toEqual([]);
    await page.getByRole('button', { name: 'Save opinion' }).click();
    await page.waitForTimeout(300);
    expect(receivedOn()).toBe('2027-01-14');
    await expect(page.getByLabel('Date received').inputValue()).resolves.toBe('31/02/2027');
  });

  it('no screen uses the browser date picker: the commitment baseline and the board paper date are day/month/year too', async () => {
    const { page } = app;
    await app.open(`#/plan/${planId}/commitments`);
    await page.getByRole('button', { name: 'Details of commitment, row 1' }).click();
    const baseline = page.getByLabel('Baseline date');
    await baseline.waitFor();
    await baseline.fill('01/04/2026');
    const baselineSaved = async () => (await app.call('listCommitments', { planId }))[0]?.baselineDate;
    await expect.poll(baselineSaved).toBe('2026-04-01');
    expect(await page.locator('input[type="date"]').count()).toBe(0);

    await app.open(`#/plan/${planId}/export`);
    await page.getByLabel(/A board paper/).check();
    const meeting = page.getByLabel('Date of meeting');
    await meeting.fill('04/03/2027');
    await page.keyboard.press('Tab');
    await expect(meeting.inputValue()).resolves.toBe('04/03/2027');
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    expect(await app.checkA11y()).toEqual([]);
  });
});
