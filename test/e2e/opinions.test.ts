// #15 Health and Wellbeing Boards as their own list: a board's opinion
// recorded (an empty one refused with a sentence), outstanding boards named, a
// board added to cover a place, and an engagement activity recorded. Dates are typed
// day/month/year (#12 DateField) and shown that way when the form is opened again.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp();
  planId = (
    await app.call('createPlan', {
      title: 'Opinions plan',
      icbName: 'NHS Test ICB',
      startYear: 2026,
      templateId: 'blank',
      places: ['Northshire', 'Southvale'],
    })
  ).id;
  await app.open(`#/plan/${planId}/opinions`);
});
afterAll(async () => {
  await app?.close();
});

describe('Health and Wellbeing Boards', () => {
  it('lists every board as outstanding, refuses an empty opinion, then records one board’s opinion', async () => {
    const { page } = app;
    await page.getByText('0 of 2 boards have given their opinion. Outstanding: Northshire, Southvale.').waitFor();
    expect(await app.checkA11y()).toEqual([]);

    const opinion = page.getByRole('form', { name: 'Opinion of Northshire' });
    await opinion.getByLabel('Date received').fill('14/02/2027');
    await opinion.getByRole('button', { name: 'Save opinion' }).click();
    await opinion
      .getByRole('alert')
      .getByText(/^Enter what the board said before saving its opinion\./)
      .waitFor();
    expect(await opinion.getByText('Opinion saved.').count()).toBe(0);

    await opinion.getByRole('radio', { name: 'Yes' }).check();
    await opinion
      .getByLabel('The board’s opinion')
      .or(opinion.getByLabel("The board's opinion"))
      .fill('The board is satisfied that the draft takes proper account of the strategy.');
    await opinion.getByRole('button', { name: 'Save opinion' }).click();
    await opinion.getByText('Opinion saved.').waitFor();
    await page.getByText('1 of 2 boards has given its opinion. Outstanding: Southvale.').waitFor();
    await page.getByText('Opinion on the draft, received 14 February 2027').waitFor();

    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT name, places, received_on, takes_proper_account, opinion_on FROM hwb_boards ORDER BY position').all()).toEqual([
      { name: 'Northshire', places: '["Northshire"]', received_on: '2027-02-14', takes_proper_account: 'yes', opinion_on: 'draft' },
      { name: 'Southvale', places: '["Southvale"]', received_on: null, takes_proper_account: 'not_stated', opinion_on: null },
    ]);
    db.close();

    await app.reload();
    await expect(page.getByRole('form', { name: 'Opinion of Northshire' }).getByLabel('Date received').inputValue()).resolves.toBe('14/02/2027');
  });

  it('names a place no board covers, and adds a board for it', async () => {
    const { page } = app;
    const { revision } = await app.call('getPlan', { planId });
    await app.call('updatePlan', { planId, revision, places: ['Northshire', 'Southvale', 'Eastmoor'] });
    await app.reload();
    await page.getByText('No board covers Eastmoor.').waitFor();
    const add = page.getByRole('form', { name: 'Add a board' });
    await add.getByLabel('Board name').fill('Eastmoor Health and Wellbeing Board');
    await add.getByRole('checkbox', { name: 'Eastmoor' }).check();
    await add.getByRole('button', { name: 'Add board' }).click();
    await page.getByText('1 of 3 boards has given its opinion.', { exact: false }).waitFor();
    expect(await page.getByText('No board covers Eastmoor.').count()).toBe(0);
    expect(await app.checkA11y()).toEqual([]);
  });

  it('records an engagement activity, shown in the list and summarised', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Engagement' }).click();
    await page.getByText('No engagement activities are recorded yet.').waitFor();
    const form = page.getByRole('form', { name: 'Add an activity' });
    await form.getByLabel('Start date').fill('10/11/2025');
    await form.getByLabel(/^End date/).fill('05/01/2026');
    await form.getByLabel('Method').fill('Online survey');
    await form.getByLabel('Who took part').fill('Residents');
    await form.getByLabel(/^Reach/).fill('1,412');
    await form.getByLabel('What we heard').fill('People asked for easier GP appointments.');
    await form.getByRole('button', { name: 'Add activity' }).click();
    await page.getByText('1 activity recorded, reaching 1,412 people.').waitFor();
    await page
      .getByRole('row', { name: /Online survey/ })
      .getByText('10 November 2025 to 5 January 2026')
      .waitFor();
    expect(await app.checkA11y()).toEqual([]);

    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT starts_on, ends_on, method, reach, heard FROM engagement_activities').all()).toEqual([
      { starts_on: '2025-11-10', ends_on: '2026-01-05', method: 'Online survey', reach: 1412, heard: 'People asked for easier GP appointments.' },
    ]);
    db.close();

    await app.reload();
    await page.getByRole('button', { name: 'Edit Online survey' }).click();
    const edit = page.getByRole('form', { name: 'Edit the activity' });
    await expect(edit.getByLabel('Start date').inputValue()).resolves.toBe('10/11/2025');
    await expect(edit.getByLabel(/^End date/).inputValue()).resolves.toBe('05/01/2026');
  });

  it('refuses an opinion for a board the plan does not have', async () => {
    const outcome = await app.services.dispatch('saveHwbOpinion', {
      planId,
      board: 'Elsewhere HWB',
      receivedOn: null,
      opinion: 'Fine.',
      takesProperAccount: 'not_stated',
    });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: '"Elsewhere HWB" is not one of this plan\'s Health and Wellbeing Boards. Add the board on the HWB tab first.' },
    });
  });
});
