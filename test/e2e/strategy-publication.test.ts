// #15 The integrated care strategy's priorities entered and linked to the
// sections that deliver them, and the publication record (an address that is
// not https refused with a sentence). Dates are typed day/month/year (#12 DateField)
// and shown that way when the form is opened again.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Strategy plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp', places: ['Northshire'] })).id;
  await app.open(`#/plan/${planId}/strategy`);
});
afterAll(async () => {
  await app?.close();
});

describe('the integrated care strategy and publication tabs', () => {
  it('adds a strategy priority, flags it until a section delivers it, then links a section', async () => {
    const { page } = app;
    await page.getByText('No strategy priorities are recorded yet.').waitFor();
    const add = page.getByRole('form', { name: 'Add a strategy priority' });
    await add.getByLabel('Title', { exact: true }).fill('Start well');
    await add.getByLabel('Short description').fill('The best start in life.');
    await add.getByLabel('Source document', { exact: true }).fill('Northshire Integrated Care Strategy');
    await add.getByLabel('Date of the source document').fill('27/03/2024');
    await add.getByRole('button', { name: 'Add priority' }).click();
    await page.getByText('1 strategy priority is not delivered by any section or commitment: Start well.').waitFor();
    await page.getByText('Source: Northshire Integrated Care Strategy, 27 March 2024').waitFor();

    await page.getByText('Sections that deliver this priority').click();
    await page.getByRole('checkbox', { name: 'Start well', exact: true }).click(); // checked once saved
    await page.getByText('The strategy priority is delivered by the plan.').waitFor();
    // The template's own "Start well" was adopted: one card, not two.
    expect(await page.getByRole('heading', { level: 3, name: /^Start well/ }).count()).toBe(1);
    expect(await app.checkA11y()).toEqual([]);

    const db = new Database(app.dbPath, { readonly: true });
    expect(
      db
        .prepare(
          'SELECT p.title, p.from_strategy, p.source_date, s.title AS section FROM section_priorities l JOIN plan_priorities p ON p.id = l.priority_id JOIN sections s ON s.id = l.section_id',
        )
        .all(),
    ).toEqual([{ title: 'Start well', from_strategy: 1, source_date: '2024-03-27', section: 'Start well' }]);
    db.close();

    await app.reload();
    await page.getByText('Edit the priority').click();
    await expect(page.getByRole('form', { name: 'Edit Start well' }).getByLabel('Date of the source document').inputValue()).resolves.toBe('27/03/2024');
  });

  it('refuses a web address that is not https, then records the publication', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Publication' }).click();
    const form = page.getByRole('form', { name: 'Published plan' });
    await form.getByLabel('Date published').fill('30/06/2026');
    await form.getByLabel('Web address').fill('http://www.example.nhs.uk/jfp');
    await form.getByRole('button', { name: 'Save publication record' }).click();
    await form
      .getByRole('alert')
      .getByText(/starting https:\/\//)
      .waitFor();

    await form.getByLabel('Web address').fill('https://www.example.nhs.uk/jfp');
    await form.getByLabel('Date sent to NHS England').fill('30/06/2026');
    await form.getByRole('button', { name: 'Save publication record' }).click();
    await form.getByText('Publication record saved.').waitFor();
    await page.getByText('Northshire: not yet recorded as sent').waitFor();
    expect(await app.checkA11y()).toEqual([]);
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT published_on, web_address, sent_to_nhse_on, sent_to_icp_on FROM plan_publication').all()).toEqual([
      { published_on: '2026-06-30', web_address: 'https://www.example.nhs.uk/jfp', sent_to_nhse_on: '2026-06-30', sent_to_icp_on: null },
    ]);
    db.close();

    await app.reload();
    const reloaded = page.getByRole('form', { name: 'Published plan' });
    await expect(reloaded.getByLabel('Date published').inputValue()).resolves.toBe('30/06/2026');
    await expect(reloaded.getByLabel('Date sent to NHS England').inputValue()).resolves.toBe('30/06/2026');
    await expect(reloaded.getByLabel('Date sent to the Integrated Care Partnership').inputValue()).resolves.toBe('');
  });
});
