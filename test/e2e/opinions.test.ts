// Health and Wellbeing Board opinions: recorded per board, outstanding boards
// named until every opinion is in.
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
      places: ['Northshire Health and Wellbeing Board', 'Southvale Health and Wellbeing Board'],
    })
  ).id;
  await app.open(`#/plan/${planId}/opinions`);
});
afterAll(async () => {
  await app?.close();
});

describe('Health and Wellbeing Board opinions', () => {
  it('lists every board as outstanding, then records one board’s opinion', async () => {
    const { page } = app;
    await page.getByText('0 of 2 boards have given their opinion. Outstanding: Northshire Health and Wellbeing Board, Southvale Health and Wellbeing Board.').waitFor();
    expect(await app.checkA11y()).toEqual([]);

    const board = page.getByRole('form', { name: /Northshire/ });
    await board.getByLabel('Date received').fill('2027-02-14');
    await board.getByRole('radio', { name: 'Yes' }).check();
    await board
      .getByLabel('The board’s opinion')
      .or(board.getByLabel("The board's opinion"))
      .fill('The board is satisfied that the draft takes proper account of the strategy.');
    await board.getByRole('button', { name: 'Save opinion' }).click();
    await page.getByText('1 of 2 boards have given their opinion. Outstanding: Southvale Health and Wellbeing Board.').waitFor();
    await expect(board.locator('.opinion-state').textContent()).resolves.toBe('Received 14 February 2027');

    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT board, received_on, takes_proper_account FROM hwb_opinions').all()).toEqual([
      { board: 'Northshire Health and Wellbeing Board', received_on: '2027-02-14', takes_proper_account: 'yes' },
    ]);
    db.close();
  });

  it('adds a board through Plan details, and marks the plan final', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Plan details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan details' });
    const places = dialog.getByLabel('Places and Health and Wellbeing Boards');
    await places.fill(`${await places.inputValue()}\nEastmoor Health and Wellbeing Board`);
    await dialog.getByLabel(/This is the final plan/).check();
    expect(await app.checkA11y()).toEqual([]);
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.locator('.plan-meta').textContent()).resolves.toContain('Final');
    await page.getByRole('link', { name: 'Sections' }).click();
    await page.getByRole('link', { name: 'HWB opinions' }).click();
    await page.getByText('1 of 3 boards have given their opinion.', { exact: false }).waitFor();
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT places, is_final, revision FROM plans').get()).toEqual({
      places: JSON.stringify(['Northshire Health and Wellbeing Board', 'Southvale Health and Wellbeing Board', 'Eastmoor Health and Wellbeing Board']),
      is_final: 1,
      revision: 2,
    });
    db.close();
  });

  it('refuses an opinion for a board that is not one of the plan’s places', async () => {
    const outcome = await app.services.dispatch('saveHwbOpinion', { planId, board: 'Elsewhere HWB', receivedOn: null, opinion: '', takesProperAccount: 'not_stated' });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: '"Elsewhere HWB" is not one of this plan\'s Health and Wellbeing Boards. Add it to the plan\'s places first.' },
    });
  });
});
