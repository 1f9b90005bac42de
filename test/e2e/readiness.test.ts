// #15 The sample plan walked from "not ready" to Final: the readiness tab lists
// what blocks sign-off, approving sections clears items, sign-off is refused
// until each remaining blocking item has a reason, and the History shows it.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphNode, serializeContent, tableCellNode, tableNode, tableRowNode, textNode } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp();
  await app.call('saveProfile', { name: 'Priya Nair', role: 'Chief Executive', organisation: 'NHS Wessex Vale ICB', email: '' });
});
afterAll(async () => {
  await app?.close();
});

describe('readiness and sign-off', () => {
  it('walks the sample plan from not ready to Final', async () => {
    const { page } = app;
    planId = (await app.call('createSamplePlan', {})).id;
    await app.open(`#/plan/${planId}/readiness`);
    const figure = page.locator('.readiness-figure');
    // The first readiness view builds the plan's Word file for the accessibility check; the harness runs it in
    // the services' own thread (the app uses the export worker), so it may hold up the first answer.
    await figure.waitFor({ timeout: 60_000 });
    expect(await figure.textContent()).toMatch(/^Not ready: \d+ of \d+ items done \(\d+%\); \d+ blocking items open\.$/);
    // Each board's opinion is an item of its own, named after the board.
    const boards = page.getByRole('region', { name: 'Health and Wellbeing Boards' });
    const westmereItem = boards.getByRole('listitem').filter({ hasText: 'Include the opinion of Westmere Health and Wellbeing Board' });
    await expect(westmereItem.textContent()).resolves.toContain('Blocks sign-off');
    // Each open item links to where it is fixed.
    const westmere = westmereItem.getByRole('link', { name: 'Go to fix it' });
    expect(await westmere.getAttribute('href')).toBe(`#/plan/${planId}/opinions`);
    expect(await app.checkA11y()).toEqual([]);

    // Approve every section that has text; the empty ones stay open.
    const sections = await app.call('listSections', { planId });
    for (const s of sections.filter((x) => x.wordCount > 0 && x.status !== 'approved')) await app.call('updateSectionMeta', { sectionId: s.id, status: 'approved' });
    await page.reload();
    await figure.waitFor({ timeout: 60_000 });
    const before = Number(/(\d+) blocking items? open/.exec((await figure.textContent()) ?? '')?.[1]);
    expect(before).toBeGreaterThan(0);

    // Refused without reasons: the sentence says why and nothing changes.
    const form = page.getByRole('form', { name: 'Sign off' });
    expect(await form.getByLabel('Name').inputValue()).toBe('Priya Nair');
    expect(await form.getByLabel('Role').inputValue()).toBe('Chief Executive');
    await form.getByRole('button', { name: 'Sign off as final' }).click();
    await page.getByText(/The plan cannot be signed off: \d+ blocking items? (is|are) not done/).waitFor();

    const reasons = form.locator('.sign-off-reason textarea');
    expect(await reasons.count()).toBe(before);
    for (let i = 0; i < before; i++) await reasons.nth(i).fill('Accepted by the Board on 3 March 2027; to follow in the refresh.');
    await form.getByRole('button', { name: 'Sign off as final' }).click();
    await page.getByText('Signed off as final by Priya Nair (Chief Executive).', { exact: true }).waitFor();
    await expect(figure.textContent()).resolves.toMatch(/^Ready: .*no blocking items open\.$/);
    await expect(page.locator('.plan-meta').textContent()).resolves.toContain('Final');
    await page
      .locator('.history-list')
      .getByText(/signed off as final by Priya Nair \(Chief Executive\), with reasons recorded for \d+ items? not done/)
      .waitFor();

    const db = new Database(app.dbPath, { readonly: true });
    const row = db.prepare("SELECT actor, detail FROM plan_events WHERE kind = 'signed_off'").get() as { actor: string; detail: string };
    expect((JSON.parse(row.detail) as { reasons: unknown[] }).reasons).toHaveLength(before);
    expect(db.prepare('SELECT is_final FROM plans WHERE id = ?').get(planId)).toEqual({ is_final: 1 });
    db.close();
  });

  it('sends a draft plan to sign-off from Plan details, and a final one can return to draft there', async () => {
    const { page } = app;
    const plan = await app.call('createPlan', { title: 'Details plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    await app.open(`#/plan/${plan.id}/commitments`);
    await page.getByRole('button', { name: 'Plan details' }).click();
    let dialog = page.getByRole('dialog', { name: 'Plan details' });
    await dialog.getByText('Sign the plan off on the Readiness tab: it checks what is still missing and records who signed it off.').waitFor();
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Go to sign-off on the Readiness tab' }).click();
    await page.getByRole('form', { name: 'Sign off' }).waitFor();
    expect(page.url()).toContain(`#/plan/${plan.id}/readiness`);
    expect(await dialog.count()).toBe(0);

    await page.getByRole('form', { name: 'Sign off' }).getByRole('button', { name: 'Sign off as final' }).click();
    await page.getByText('Signed off as final by Priya Nair (Chief Executive).', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Plan details' }).click();
    dialog = page.getByRole('dialog', { name: 'Plan details' });
    const box = dialog.getByRole('checkbox', { name: /This is the final plan/ });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect(page.locator('.plan-meta').textContent()).resolves.toContain('Draft');
    expect((await app.call('getPlan', { planId: plan.id })).isFinal).toBe(false);
  });

  it('lists the accessibility problem the export check finds, with a link to the section it is in', async () => {
    const { page } = app;
    const plan = await app.call('createPlan', { title: 'Tables plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const section = await app.call('addSection', { planId: plan.id, parentId: null, title: 'Waiting times' });
    const cell = (text: string) => tableCellNode([paragraphNode([textNode(text)])]);
    // A table whose first row is not marked as its header row.
    const content = serializeContent([
      tableNode([tableRowNode([cell('Site'), cell('Weeks')]), tableRowNode([cell('Harrowfield General'), cell('18')]), tableRowNode([cell('Riverside'), cell('12')])]),
    ]);
    const { revision } = await app.call('getSection', { sectionId: section.id });
    await app.call('saveSectionContent', { sectionId: section.id, revision, content });
    await app.open(`#/plan/${plan.id}/readiness`);
    const group = page.getByRole('region', { name: 'Accessibility' });
    const problem = group.getByRole('listitem').filter({ hasText: 'Tables have a header row that repeats (in 1 Waiting times)' });
    await problem.waitFor({ timeout: 60_000 });
    await expect(problem.textContent()).resolves.toContain('To do');
    await expect(problem.textContent()).resolves.toContain('no header row marked to repeat');
    const link = problem.getByRole('link', { name: 'Go to fix it' });
    expect(await link.getAttribute('href')).toBe(`#/plan/${plan.id}/section/${section.id}`);
    expect(await app.checkA11y()).toEqual([]);
  });

  it('adds an optional section from the template through the outline', async () => {
    const { page } = app;
    const plan = await app.call('createPlan', { title: 'Optional plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    await app.open(`#/plan/${plan.id}`);
    await page.getByText('Add section from template').click();
    await page.getByRole('button', { name: 'The Armed Forces Covenant' }).click();
    await page.getByText('Added “The Armed Forces Covenant”.').waitFor();
    const titles = (await app.call('listSections', { planId: plan.id })).map((s) => s.title);
    expect(titles).toContain('The Armed Forces Covenant');
    await page.locator('.outline').getByText('The Armed Forces Covenant').first().waitFor();
  });
});
