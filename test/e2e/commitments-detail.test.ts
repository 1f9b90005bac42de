// One commitment's details beside the grid: trajectory, actuals, the computed
// status with its rule and reason, an override with a reason, and the links
// to the plan's priorities, places and partners.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

const grid = () => app.page.getByRole('grid', { name: 'Delivery commitments' });
const panel = () => app.page.getByRole('complementary', { name: 'Four hours in A&E' });
function commitmentRow(): Record<string, unknown> {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return db.prepare("SELECT * FROM commitments WHERE plan_id = ? AND commitment = 'Four hours in A&E'").get(planId) as Record<string, unknown>;
  } finally {
    db.close();
  }
}
function count(sql: string): number {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return (db.prepare(sql).get(planId) as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  app = await launchApp();
  planId = (
    await app.call('createPlan', {
      title: 'Detail plan',
      icbName: 'NHS Test ICB',
      startYear: 2026,
      templateId: 'blank',
      places: ['Northtown', 'Southville'],
      partnerTrusts: ['North Acute NHS Trust'],
    })
  ).id;
  await app.call('addCommitment', { planId, fields: { priority: 'Urgent care', commitment: 'Four hours in A&E', metric: '4-hour performance', targetYear: 2027 } });
  // A second row whose actuals were recorded before the table opened: the grid's rows carry only their count and latest.
  const measured = await app.call('addCommitment', { planId, fields: { commitment: 'Falls admissions', metric: 'Admissions per 100,000' } });
  for (const [date, value] of [
    ['2026-05-31', 410],
    ['2026-06-30', 402],
    ['2026-07-31', 398],
  ] as const)
    await app.call('addActual', { commitmentId: measured.id, date, value, source: 'SUS monthly' });
  await app.open(`#/plan/${planId}/commitments`);
  await grid().waitFor();
});
afterAll(async () => {
  await app?.close();
});

describe('a commitment in detail', () => {
  it('records a trajectory and actuals, and shows the status computed from them with the rule and the reason', async () => {
    await grid().getByRole('button', { name: 'Details of commitment, row 1' }).click();
    await panel().waitFor();
    await panel().getByLabel('Planned 2026/27').fill('75');
    await panel().getByLabel('Planned 2027/28').fill('78');
    await expect
      .poll(() => count('SELECT COUNT(*) AS n FROM commitment_trajectory t JOIN commitments c ON c.id = t.commitment_id WHERE c.plan_id = ? AND t.planned IS NOT NULL'))
      .toBe(2);

    await panel().getByLabel('Date', { exact: true }).fill('2026-09-30');
    await panel().getByLabel('Value', { exact: true }).fill('72');
    await panel().getByLabel('Source', { exact: true }).fill('SUS monthly');
    await panel().getByRole('button', { name: 'Add actual' }).click();
    await panel().getByRole('cell', { name: 'SUS monthly' }).waitFor();
    await expect(
      panel()
        .getByText(/^Computed:/)
        .textContent(),
    ).resolves.toContain('Amber');
    await panel()
      .getByText(/^Rule:/)
      .waitFor();
    await expect(grid().locator('[role="gridcell"][data-label="Status, row 1"]').textContent()).resolves.toBe('Amber - at risk');
    expect(
      count("SELECT COUNT(*) AS n FROM commitment_actuals a JOIN commitments c ON c.id = a.commitment_id WHERE c.plan_id = ? AND c.commitment = 'Four hours in A&E'"),
    ).toBe(1);
    expect(await app.checkA11y()).toEqual([]);
  });

  it('overrides the computed status only with a reason, and records it', async () => {
    await panel().getByLabel('Override the status').selectOption('green');
    await panel().getByRole('button', { name: 'Save status' }).click();
    await panel().getByText('Give a reason for overriding the computed status.').waitFor();
    await panel().getByLabel('Reason for the override').fill('Winter plan funded: recovery expected by March.');
    await panel().getByRole('button', { name: 'Save status' }).click();
    await expect.poll(() => commitmentRow().rag_override_reason).toBe('Winter plan funded: recovery expected by March.');
    await expect.poll(() => grid().locator('[role="gridcell"][data-label="Status, row 1"]').textContent()).toBe('Green - on track');
  });

  it('links the commitment to a place, a partner as lead, and a priority added in the small editor', async () => {
    await panel().getByLabel('Place').selectOption('Northtown');
    await panel().getByLabel('Lead organisation').fill('North Acute NHS Trust');
    await panel().getByText('Edit the plan’s priorities').click();
    await panel().getByLabel('New priority').fill('Age well');
    await panel().getByRole('button', { name: 'Add priority' }).click();
    await expect.poll(() => panel().getByLabel('Priority', { exact: true }).locator('option').allTextContents()).toContain('Age well');
    await panel().getByLabel('Priority', { exact: true }).selectOption({ label: 'Age well' });
    await expect.poll(() => commitmentRow()).toMatchObject({ place: 'Northtown', lead_org: 'North Acute NHS Trust' });
    await expect.poll(() => grid().locator('[role="gridcell"][data-label="Priority, row 1"]').textContent()).toBe('Age well');
    await expect.poll(() => app.page.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved');
  });

  it('records the baseline (value, date, source), the NHS universal commitment area and the governance group', async () => {
    await panel().getByLabel('Baseline value').fill('71');
    await panel().getByLabel('Baseline date').fill('31/03/2026');
    await panel().getByLabel('Baseline source').fill('SUS, March 2026');
    await panel().getByLabel('Governance group').fill('Urgent and emergency care board');
    const area = panel().getByLabel('NHS universal commitment area');
    const firstArea = (await area.locator('option').allTextContents())[1]!;
    await area.selectOption(firstArea);
    await expect
      .poll(() => commitmentRow())
      .toMatchObject({
        baseline_value: 71,
        baseline_date: '2026-03-31',
        baseline_source: 'SUS, March 2026',
        governance_group: 'Urgent and emergency care board',
        universal_area: firstArea,
      });
    await expect.poll(() => grid().locator('[role="gridcell"][data-label="Governance group, row 1"]').textContent()).toBe('Urgent and emergency care board');
  });

  it('lists every actual of a commitment in its details, though the grid was sent only the latest, and deletes one', async () => {
    await panel().getByRole('button', { name: 'Close details' }).click();
    await grid().getByRole('button', { name: 'Details of commitment, row 2' }).click();
    const falls = app.page.getByRole('complementary', { name: 'Falls admissions' });
    const values = () =>
      falls
        .getByRole('table')
        .filter({ has: app.page.getByRole('columnheader', { name: 'Source' }) })
        .locator('tbody tr td:nth-child(2)')
        .allTextContents();
    await expect.poll(values).toEqual(['410', '402', '398']);
    await falls.getByRole('button', { name: 'Delete actual of 2026-06-30' }).click();
    await expect.poll(values).toEqual(['410', '398']);
    // The chart beside them is drawn from the same actuals.
    await expect.poll(() => falls.getByRole('img', { name: /^Trajectory: Admissions per 100,000/ }).getAttribute('aria-labelledby')).toBeTruthy();
    expect(await falls.locator('svg[role="img"] desc').textContent()).toContain('2 actuals recorded; the latest is 398');
    expect(
      count("SELECT COUNT(*) AS n FROM commitment_actuals a JOIN commitments c ON c.id = a.commitment_id WHERE c.plan_id = ? AND c.commitment = 'Falls admissions'"),
    ).toBe(2);
  });
});
