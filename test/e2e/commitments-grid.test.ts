// The delivery grid in real Chromium over the real services: the spreadsheet
// keyboard model, saving that cannot lose a typed value, financial years, paste
// and copy of blocks, a change from another process meanwhile, the layout at
// 1024×768 and the ARIA grid.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;
let sectionId: string;

const grid = () => app.page.getByRole('grid', { name: 'Delivery commitments' });
const cell = (column: string, row: number) => grid().locator(`[role="gridcell"][data-label="${column}, row ${row}"]`);
const editor = (column: string, row: number) => grid().getByLabel(`${column}, row ${row}`, { exact: true }).and(app.page.locator('input, select'));
/** The shown text of a column, top to bottom (rendered rows only: the test plans are small). */
const columnTexts = (column: string) =>
  grid()
    .locator(`[role="gridcell"][data-label^="${column}, row "]`)
    .evaluateAll((cells) =>
      cells
        .map((c) => ({ row: Number(c.closest('[role="row"]')?.getAttribute('aria-rowindex')), text: c.textContent ?? '' }))
        .sort((a, b) => a.row - b.row)
        .map((c) => c.text),
    );

function dbRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const commitmentRow = (commitment: string) => dbRows<Record<string, unknown>>('SELECT * FROM commitments WHERE plan_id = ? AND commitment = ?', planId, commitment)[0];
const countRows = () => dbRows<{ n: number }>('SELECT COUNT(*) AS n FROM commitments WHERE plan_id = ?', planId)[0]!.n;
const saveState = () => app.page.locator('[data-save-state]').getAttribute('data-save-state');

/** Holds every updateCommitment call in the page for `ms`, so a save is surely in flight. */
async function slowUpdates(ms: number): Promise<void> {
  await app.page.evaluate((delay) => {
    const w = window as unknown as { __jfpInvoke: (m: string, i: unknown) => Promise<unknown>; __realInvoke?: unknown };
    const real = w.__jfpInvoke;
    w.__realInvoke = real;
    w.__jfpInvoke = async (method, input) => {
      if (method === 'updateCommitment') await new Promise((r) => setTimeout(r, delay));
      return real(method, input);
    };
  }, ms);
}

async function openGrid(): Promise<void> {
  await app.open(`#/plan/${planId}/commitments`);
  await grid().waitFor();
  await grid().locator('[role="gridcell"]').first().waitFor();
}

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Grid plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  sectionId = (await app.call('addSection', { planId, parentId: null, title: 'Urgent and emergency care' })).id;
  const rows = [
    {
      priority: 'Urgent care',
      commitment: 'Four hours in A&E',
      metric: '4-hour performance',
      baseline: '71%',
      target: '78%',
      targetYear: 2026,
      leadOrg: 'Acute trusts',
      sectionId,
    },
    { priority: 'Cancer', commitment: 'Faster diagnosis', metric: '28-day standard', baseline: '68%', target: '80%', targetYear: 2026, leadOrg: 'Cancer alliance' },
    { priority: 'Urgent care', commitment: 'Virtual wards', metric: 'Beds per 100,000', baseline: '32', target: '45', targetYear: 2028, leadOrg: 'Community trust' },
  ];
  for (const fields of rows) await app.call('addCommitment', { planId, fields });
  await openGrid();
});
afterAll(async () => {
  await app?.close();
});

describe('the delivery grid', () => {
  it('is an ARIA grid with one tab stop, financial years shown as 2028/29, sorted and filtered by year, without serious accessibility problems', async () => {
    await expect(grid().getAttribute('aria-rowcount')).resolves.toBe('4');
    expect(await columnTexts('Commitment')).toEqual(['Four hours in A&E', 'Faster diagnosis', 'Virtual wards']);
    expect(await columnTexts('Target year')).toEqual(['2026/27', '2026/27', '2028/29']);
    await expect(grid().locator('[tabindex="0"]').count()).resolves.toBe(1);
    await expect(grid().locator('[role="row"][aria-rowindex="4"] [role="gridcell"][aria-colindex="6"]').textContent()).resolves.toBe('2028/29');

    const header = grid().getByRole('button', { name: 'Target year' });
    await header.click();
    await header.click();
    await expect(grid().locator('[role="columnheader"][aria-sort="descending"]').textContent()).resolves.toContain('Target year');
    expect(await columnTexts('Target year')).toEqual(['2028/29', '2026/27', '2026/27']);
    await header.click();

    const yearFilter = app.page.getByLabel('Target year', { exact: true });
    expect(await yearFilter.locator('option').allTextContents()).toEqual(['All years', '2026/27', '2027/28', '2028/29', '2029/30', '2030/31']);
    await yearFilter.selectOption('2028/29');
    expect(await columnTexts('Commitment')).toEqual(['Virtual wards']);
    await app.page.getByText('Showing 1 of 3 commitments').waitFor();
    await yearFilter.selectOption('');
    await app.page.getByLabel('Lead organisation', { exact: true }).selectOption('Cancer alliance');
    expect(await columnTexts('Commitment')).toEqual(['Faster diagnosis']);
    await app.page.getByLabel('Lead organisation', { exact: true }).selectOption('');
    await app.page.getByLabel('Find in table').fill('virtual');
    expect(await columnTexts('Commitment')).toEqual(['Virtual wards']);
    await app.page.getByLabel('Find in table').fill('');

    expect(await app.checkA11y()).toEqual([]);
  });

  it('moves with the arrow keys, Home/End and Ctrl+End, edits on Enter and cancels on Escape', async () => {
    await cell('Commitment', 1).click();
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-label'))).toBe('Commitment, row 2');
    await app.page.keyboard.press('End');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('aria-colindex'))).toBe('12');
    await app.page.keyboard.press('Home');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-label'))).toBe('Priority, row 2');
    await app.page.keyboard.press('Control+End');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex'))).toBe('4');
    await app.page.keyboard.press('Control+Home');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-label'))).toBe('Priority, row 1');
    await app.page.keyboard.press('PageDown');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-label'))).toBe('Priority, row 3');
    await app.page.keyboard.press('PageUp');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-label'))).toBe('Priority, row 1');

    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('F2');
    await editor('Commitment', 1).waitFor();
    await app.page.keyboard.type(' and more');
    await app.page.keyboard.press('Escape');
    await expect(cell('Commitment', 1).textContent()).resolves.toBe('Four hours in A&E');
    await app.page.waitForTimeout(900);
    expect(commitmentRow('Four hours in A&E')).toBeDefined();
    await expect.poll(saveState).toBe('saved');
  });

  it('keeps a typed value when the page is reloaded at once, before the cell is left', async () => {
    await cell('Metric', 2).click();
    await app.page.keyboard.type('Patients told within 28 days');
    await expect.poll(saveState).not.toBe('saved');
    await app.reload();
    await grid().waitFor();
    await expect.poll(() => columnTexts('Metric')).toContain('Patients told within 28 days');
    expect(commitmentRow('Faster diagnosis')?.metric).toBe('Patients told within 28 days');
  });

  it('saves a typed value within a second of the last keystroke, and only then says all changes are saved', async () => {
    await cell('Baseline', 3).click();
    await app.page.keyboard.type('33 (March 2025)');
    await expect.poll(saveState).toBe('unsaved');
    await expect.poll(() => commitmentRow('Virtual wards')?.baseline, { timeout: 1500 }).toBe('33 (March 2025)');
    await expect.poll(saveState).toBe('saved');
    await app.page.keyboard.press('Enter');
  });

  it('takes financial years as people type them, with a note for "2028", and refuses a year outside the plan at the cell', async () => {
    const typeYear = async (text: string) => {
      await cell('Target year', 1).click();
      await app.page.keyboard.press('Enter');
      await editor('Target year', 1).fill(text);
      await app.page.keyboard.press('Enter');
    };
    await typeYear('2028/29');
    await expect.poll(() => commitmentRow('Four hours in A&E')?.target_year).toBe(2028);
    await expect(cell('Target year', 1).textContent()).resolves.toBe('2028/29');

    await typeYear('29-30');
    await expect.poll(() => commitmentRow('Four hours in A&E')?.target_year).toBe(2029);
    await typeYear('2027');
    await expect.poll(() => commitmentRow('Four hours in A&E')?.target_year).toBe(2027);
    await app.page.getByText('2027 is read as 2027/28.').first().waitFor();

    await typeYear('2031/32');
    const bubble = grid().getByRole('alert');
    await expect(bubble.textContent()).resolves.toBe("2031/32 is outside this plan's period, 2026/27 to 2030/31.");
    await expect(editor('Target year', 1).inputValue()).resolves.toBe('2031/32');
    await app.page.keyboard.press('Escape');
    await expect(cell('Target year', 1).textContent()).resolves.toBe('2027/28');
    expect(commitmentRow('Four hours in A&E')?.target_year).toBe(2027);
  });

  it('changes Status while another cell of the row is saving: no conflict, nothing lost', async () => {
    await slowUpdates(400);
    try {
      await cell('Lead organisation', 2).click();
      await app.page.keyboard.type('North cancer alliance');
      await app.page.keyboard.press('Tab'); // saves the lead (held in flight), moves to Place
      await app.page.keyboard.press('ArrowRight'); // Governance group
      await app.page.keyboard.press('ArrowRight'); // Status
      await app.page.keyboard.press('Enter');
      await editor('Status', 2).selectOption('green');
      await app.page.keyboard.press('Enter'); // on to the reason a status set by hand needs
      await app.page.keyboard.type('Alliance data shows recovery.');
      await app.page.keyboard.press('Enter');
      expect(await saveState()).toBe('saving');
      await expect.poll(saveState, { timeout: 5000 }).toBe('saved');
    } finally {
      await app.page.evaluate(() => {
        const w = window as unknown as { __jfpInvoke: unknown; __realInvoke?: unknown };
        if (w.__realInvoke) w.__jfpInvoke = w.__realInvoke;
      });
    }
    await expect(app.page.getByText('changed elsewhere').count()).resolves.toBe(0);
    await expect(app.page.locator('.notice-error').count()).resolves.toBe(0);
    const row = commitmentRow('Faster diagnosis');
    expect(row?.lead_org).toBe('North cancer alliance');
    expect(row?.rag).toBe('green');
    await expect(cell('Lead organisation', 2).textContent()).resolves.toBe('North cancer alliance');
  });

  it('re-renders only the cell editor while a cell is typed in, not the grid', async () => {
    await cell('Metric', 1).click();
    await app.page.keyboard.press('Enter');
    await app.page.evaluate(() => (window.__jfpCommits = []));
    const typed = ' and rising';
    for (const char of typed) await app.page.keyboard.press(char === ' ' ? 'Space' : char);
    await expect(editor('Metric', 1).inputValue()).resolves.toBe(`4-hour performance${typed}`);
    const gridRenders = () => app.page.evaluate(() => window.__jfpCommits!.filter((c) => c.region === 'delivery-grid').length);
    const whileTyping = await gridRenders();
    // The first keystroke marks the table unsaved, and a pause may save: never one render per keystroke.
    expect(whileTyping).toBeLessThanOrEqual(3);
    await app.page.keyboard.press('Escape');
    // The count is real: leaving the editor renders the grid.
    await expect.poll(gridRenders).toBeGreaterThan(whileTyping);
    await app.page.evaluate(() => delete window.__jfpCommits);
    await expect.poll(() => commitmentRow('Four hours in A&E')?.metric).toBe('4-hour performance');
  });

  it('asks for the reason when a status is set by hand in the Status column, credits the profile, and Esc or As computed put back the computed status', async () => {
    await app.call('saveProfile', { name: 'Sam Okafor', role: 'Delivery lead', organisation: 'NHS Test ICB', email: '' });
    const reason = grid().getByLabel('Reason for the status');
    // Esc on the reason: nothing saved, the computed status is back in the cell.
    await cell('Status', 3).click();
    await app.page.keyboard.press('Enter');
    await editor('Status', 3).selectOption('red');
    await app.page.keyboard.press('Enter');
    await expect(reason.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await app.page.keyboard.type('Half typed');
    await app.page.keyboard.press('Escape');
    await expect(reason.count()).resolves.toBe(0);
    await expect(cell('Status', 3).textContent()).resolves.toBe('Not set');
    expect(commitmentRow('Virtual wards')).toMatchObject({ rag: 'not_set', rag_override_reason: '' });
    // Enter with no reason is refused with a sentence, and the cell stays open.
    await app.page.keyboard.press('Enter');
    await editor('Status', 3).selectOption('red');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.press('Enter');
    await expect(grid().getByRole('alert').textContent()).resolves.toBe('Give a reason for overriding the computed status.');
    expect(commitmentRow('Virtual wards')?.rag).toBe('not_set');
    await app.page.keyboard.type('Beds open late: staff recruited in March.');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => commitmentRow('Virtual wards')?.rag_override_reason).toBe('Beds open late: staff recruited in March.');
    expect(commitmentRow('Virtual wards')).toMatchObject({ rag: 'red', rag_override_by: 'Sam Okafor (Delivery lead, NHS Test ICB)' });
    await expect(cell('Status', 3).textContent()).resolves.toBe('Red - off track');
    // A pasted status has no reason: refused, naming where to set it.
    await cell('Status', 1).click();
    await pasteText('Green');
    await app.page
      .getByText(/Not pasted, nothing changed in: row 1 \(Status: A status set by hand needs a reason/)
      .first()
      .waitFor();
    expect(commitmentRow('Four hours in A&E')?.rag).toBe('not_set');
    // As computed takes the override away.
    await cell('Status', 3).click();
    await app.page.keyboard.press('Enter');
    await editor('Status', 3).selectOption('not_set');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => commitmentRow('Virtual wards')?.rag).toBe('not_set');
    expect(commitmentRow('Virtual wards')).toMatchObject({ rag_override_reason: '', rag_override_by: '' });
    await expect(cell('Status', 3).textContent()).resolves.toBe('Not set');
  });

  it('pastes a 5×4 block of tab-separated text from Excel, adding rows past the end, and names refused cells in one message', async () => {
    await cell('Commitment', 2).click();
    const block = [
      ['Faster diagnosis', '28-day standard', '68%', '85%'],
      ['Virtual wards', 'Beds per 100,000', '32', '50'],
      ['Same day emergency care', 'Units open', '4', '6'],
      ['Community diagnostic centres', 'Tests a month', '9,000', '12,000'],
      ['Urgent community response', 'Seen in 2 hours', '70%', '80%'],
    ];
    await pasteText(block.map((r) => r.join('\t')).join('\r\n') + '\r\n');
    await app.page.getByText('Pasted 5 rows.').first().waitFor();
    await expect.poll(() => countRows()).toBe(6);
    await expect.poll(saveState).toBe('saved');
    expect(commitmentRow('Faster diagnosis')?.target).toBe('85%');
    expect(commitmentRow('Virtual wards')?.target).toBe('50');
    expect(commitmentRow('Urgent community response')).toMatchObject({ metric: 'Seen in 2 hours', baseline: '70%', target: '80%' });
    expect(await columnTexts('Commitment')).toEqual(['Four hours in A&E', ...block.map((r) => r[0])]);

    // Target, Target year: the second row's year is outside the plan, so that row is not pasted at all.
    await cell('Target', 1).click();
    await pasteText('90%\t2029/30\r\n95%\t2035/36\r\n');
    await app.page
      .getByText(/Pasted 1 of 2 rows\. Not pasted, nothing changed in: row 2 \(Target year: 2035\/36 is outside this plan's period/)
      .first()
      .waitFor();
    await expect.poll(() => commitmentRow('Four hours in A&E')?.target).toBe('90%');
    expect(commitmentRow('Four hours in A&E')?.target_year).toBe(2029);
    expect(commitmentRow('Faster diagnosis')?.target).toBe('85%');
  });

  it('copies a block chosen with Shift+arrows as tab-separated text', async () => {
    await cell('Commitment', 1).click();
    await app.page.keyboard.press('Shift+ArrowDown');
    await app.page.keyboard.press('Shift+ArrowRight');
    const copied = await app.page.evaluate(() => {
      const data = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
    expect(copied).toBe('Four hours in A&E\t4-hour performance\r\nFaster diagnosis\t28-day standard\r\n');
  });

  it('clears the selected cells with Delete', async () => {
    await cell('Baseline', 4).click();
    await app.page.keyboard.press('Shift+ArrowRight');
    await app.page.keyboard.press('Delete');
    await expect.poll(() => commitmentRow('Same day emergency care')).toMatchObject({ baseline: '', target: '' });
    await expect(cell('Baseline', 4).textContent()).resolves.toBe('');
  });

  it('goes from "Add commitment" to a saved row with the keyboard only, saving nothing until something is typed', async () => {
    const before = countRows();
    await app.page.getByRole('button', { name: 'Add commitment' }).focus();
    await app.page.keyboard.press('Enter');
    const first = editor('Priority', before + 1);
    await first.waitFor();
    await expect.poll(() => first.evaluate((el) => el === document.activeElement)).toBe(true);
    await app.page.waitForTimeout(300);
    expect(countRows()).toBe(before);

    await app.page.keyboard.type('Start well');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.type('Healthy weight programme for children');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => commitmentRow('Healthy weight programme for children')).toMatchObject({ priority: 'Start well' });
    await expect.poll(saveState).toBe('saved');
    expect(countRows()).toBe(before + 1);
  });

  it('offers a per-field choice when the command line changed the row meanwhile, keeping the typed value', async () => {
    await cell('Target', 2).click();
    await app.page.keyboard.press('Enter');
    await editor('Target', 2).fill('88%');
    // Another process (as the jfp command line does) changes the same field.
    const db = new Database(app.dbPath);
    db.prepare("UPDATE commitments SET target = '86%', revision = revision + 1 WHERE plan_id = ? AND commitment = 'Faster diagnosis'").run(planId);
    db.close();
    await app.page.waitForTimeout(600);
    await app.page.keyboard.press('Enter');
    const choice = app.page.getByRole('alert').filter({ hasText: 'was changed elsewhere' });
    await choice.waitFor();
    await expect(choice.getByLabel(/Keep mine: 88%/).isChecked()).resolves.toBe(true);
    await choice.getByLabel(/Take theirs: 86%/).waitFor();
    expect(commitmentRow('Faster diagnosis')?.target).toBe('86%');
    await expect(cell('Target', 2).textContent()).resolves.toBe('88%');
    await choice.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => commitmentRow('Faster diagnosis')?.target).toBe('88%');
    await expect.poll(saveState).toBe('saved');
    await choice.waitFor({ state: 'detached' });
  });

  it('saves the typed text when the window is about to close (the main process asks the page to save everything)', async () => {
    await cell('Governance group', 1).click();
    await app.page.keyboard.type('Urgent care board');
    await app.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.addEventListener('jfp:flushed', () => resolve(), { once: true });
          window.dispatchEvent(new Event('jfp:flush'));
        }),
    );
    expect(commitmentRow('Four hours in A&E')?.governance_group).toBe('Urgent care board');
    await app.page.keyboard.press('Escape');
  });

  it('saves the typed text when the author leaves the screen at once', async () => {
    await cell('Governance group', 2).click();
    await app.page.keyboard.type('Cancer board');
    await app.page.evaluate((id) => (location.hash = `#/plan/${id}/sections`), planId);
    await grid().waitFor({ state: 'detached' });
    await expect.poll(() => commitmentRow('Faster diagnosis')?.governance_group).toBe('Cancer board');
    await openGrid();
  });

  it('sorts from the keyboard on a header, and remembers a resized column for the plan', async () => {
    await cell('Priority', 1).click();
    await app.page.keyboard.press('Control+Home');
    await app.page.keyboard.press('ArrowUp');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('columnheader');
    await app.page.keyboard.press('Enter');
    await expect(grid().locator('[role="columnheader"][aria-sort="ascending"]').textContent()).resolves.toContain('Priority');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await expect(grid().locator('[role="columnheader"][aria-sort]').count()).resolves.toBe(0);

    const header = grid().locator('[role="columnheader"]').filter({ hasText: 'Metric' });
    const before = (await header.boundingBox())!.width;
    const handle = (await header.locator('.dgrid-resize').boundingBox())!;
    await app.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(handle.x + 120, handle.y + handle.height / 2, { steps: 5 });
    await app.page.mouse.up();
    const after = (await header.boundingBox())!.width;
    expect(after).toBeGreaterThan(before + 80);
    expect((await cell('Metric', 1).boundingBox())!.width).toBeCloseTo(after, 0);
    await app.reload();
    await grid().locator('[role="gridcell"]').first().waitFor();
    expect((await grid().locator('[role="columnheader"]').filter({ hasText: 'Metric' }).boundingBox())!.width).toBeCloseTo(after, 0);
  });

  it('fits 1024×768: the grid scrolls sideways inside its own box and the important columns are in view', async () => {
    await app.page.setViewportSize({ width: 1024, height: 768 });
    try {
      const layout = await app.page.evaluate(() => {
        const scroll = document.querySelector('.dgrid-scroll')!;
        const box = scroll.getBoundingClientRect();
        const visibleHeader = (name: string) => {
          const header = [...document.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent?.startsWith(name))!.getBoundingClientRect();
          return header.left >= box.left && header.right <= box.right;
        };
        return {
          pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
          gridRight: box.right,
          gridScrollsSideways: scroll.scrollWidth > scroll.clientWidth,
          commitmentInView: visibleHeader('Commitment'),
          priorityInView: visibleHeader('Priority'),
        };
      });
      expect(layout).toEqual({ pageScrollsSideways: false, gridRight: layout.gridRight, gridScrollsSideways: true, commitmentInView: true, priorityInView: true });
      expect(layout.gridRight).toBeLessThanOrEqual(1024);
      // The last column is reached by the keyboard: the grid scrolls it into view.
      await cell('Commitment', 1).click();
      await app.page.keyboard.press('End');
      const actions = await app.page.evaluate(() => {
        const box = document.querySelector('.dgrid-scroll')!.getBoundingClientRect();
        const active = document.activeElement!.getBoundingClientRect();
        return active.right <= box.right + 1 && active.left >= box.left - 1;
      });
      expect(actions).toBe(true);
    } finally {
      await app.page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('keeps the header in view over 150 virtualised rows, and filters by priority, place, governance group and status', async () => {
    const big = (
      await app.call('createPlan', { title: 'Big grid plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank', places: ['Northtown', 'Southville'] })
    ).id;
    for (let i = 0; i < 150; i++)
      await app.call('addCommitment', {
        planId: big,
        fields: {
          commitment: `Commitment ${i + 1}`,
          priority: ['Start well', 'Live well', 'Age well'][i % 3],
          place: ['Northtown', 'Southville'][i % 2],
          governanceGroup: `Board ${i % 5}`,
          ...(i % 10 === 0 ? { ragOverride: 'red' as const, ragOverrideReason: 'Workforce gaps' } : {}),
        },
      });
    await app.open(`#/plan/${big}/commitments`);
    await grid().locator('[role="gridcell"]').first().waitFor();
    await expect(grid().getAttribute('aria-rowcount')).resolves.toBe('151');
    // Virtualised: far fewer rows in the page than in the table.
    expect(await grid().locator('[role="row"][aria-rowindex]').count()).toBeLessThan(60);

    // Sticky header: scrolled down the table, the header is still at the top of the grid's box, over later rows.
    const scrolled = await app.page.evaluate(async () => {
      const scroll = document.querySelector<HTMLElement>('.dgrid-scroll')!;
      scroll.scrollTop = 2500;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const header = document.querySelector('[role="columnheader"]')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('[role="row"][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
      return { headerTop: header.top - scroll.getBoundingClientRect().top, firstRow: Math.min(...rows.filter((n) => n > 1)) };
    });
    expect(Math.abs(scrolled.headerTop)).toBeLessThan(2);
    expect(scrolled.firstRow).toBeGreaterThan(40);

    const filter = (label: string) => app.page.getByLabel(label, { exact: true }).and(app.page.locator('select'));
    await filter('Priority').selectOption('Age well');
    await app.page.getByText('Showing 50 of 150 commitments').waitFor();
    await filter('Place').selectOption('Northtown');
    await app.page.getByText('Showing 25 of 150 commitments').waitFor();
    await filter('Governance group').selectOption('Board 2');
    await app.page.getByText('Showing 5 of 150 commitments').waitFor();
    expect(await columnTexts('Commitment')).toEqual(['Commitment 3', 'Commitment 33', 'Commitment 63', 'Commitment 93', 'Commitment 123']);
    for (const label of ['Priority', 'Place', 'Governance group']) await filter(label).selectOption('');
    await filter('Status').selectOption('Red - off track');
    await app.page.getByText('Showing 15 of 150 commitments').waitFor();
    expect((await columnTexts('Commitment')).slice(0, 3)).toEqual(['Commitment 1', 'Commitment 11', 'Commitment 21']);
    await filter('Status').selectOption('');
    await app.open(`#/plan/${planId}/commitments`);
  });
});

// #11 sort and filter speed: rows are kept across a sort or filter, by commitment id, and rendered only when their
// commitment changed; the focus and an open cell editor stay with their commitment when rows move.
describe('sorting and filtering keep rows, the focus and an open editor with their commitment', () => {
  const item = (n: number) => `Item ${String(n).padStart(2, '0')}`;
  const rowRenders = () => app.page.evaluate(() => window.__jfpGridRowRenders ?? []);
  const countRenders = () => app.page.evaluate(() => (window.__jfpGridRowRenders = []));
  /** The focused element: its data-label (a cell) or tag, and the Commitment text of its row. */
  const focused = () =>
    app.page.evaluate(() => {
      const el = document.activeElement;
      return {
        label: el?.getAttribute('data-label') ?? el?.tagName ?? null,
        commitment: el?.closest('[role="row"]')?.querySelector('[aria-colindex="2"]')?.textContent ?? null,
      };
    });
  const keyOf = (commitment: string) =>
    app.page.evaluate(
      (text) =>
        [...document.querySelectorAll('[role="row"][data-commitment-key]')]
          .find((r) => r.querySelector('[aria-colindex="2"]')?.textContent === text)
          ?.getAttribute('data-commitment-key'),
      commitment,
    );
  const sortBy = async (column: string, direction: 'ascending' | 'descending') => {
    const header = grid().getByRole('button', { name: column, exact: true });
    for (let i = 0; i < 3 && !(await grid().locator(`[role="columnheader"][aria-sort="${direction}"]`).filter({ hasText: column }).count()); i++) await header.click();
  };

  beforeAll(async () => {
    const sortPlan = (await app.call('createPlan', { title: 'Sort plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
    for (let n = 1; n <= 12; n++)
      await app.call('addCommitment', {
        planId: sortPlan,
        fields: { commitment: item(n), leadOrg: n % 2 ? 'Acute trust' : 'Community trust', targetYear: 2026 + (n % 5) },
      });
    await app.open(`#/plan/${sortPlan}/commitments`);
    await grid().locator('[role="gridcell"]').first().waitFor();
  });
  afterAll(async () => {
    await app.page.evaluate(() => delete window.__jfpGridRowRenders);
    await app.open(`#/plan/${planId}/commitments`);
  });

  it('a sort or a filter re-renders no row whose commitment did not change, and the active cell stays on its commitment', async () => {
    await cell('Commitment', 3).click();
    await countRenders();
    await sortBy('Commitment', 'descending');
    expect(await columnTexts('Commitment')).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(item));
    // Every row moved (or stayed), none rendered: their props do not depend on their place.
    expect(await rowRenders()).toEqual([]);
    // The one tab stop is still Item 03's cell, now row 10, and the keyboard carries on from there.
    const tabStop = grid().locator('[tabindex="0"]');
    await expect(tabStop.getAttribute('data-label')).resolves.toBe('Commitment, row 10');
    await expect(tabStop.textContent()).resolves.toBe(item(3));
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(focused).toEqual({ label: 'Commitment, row 11', commitment: item(2) });
    // The row's buttons are named for its new place.
    await grid().getByRole('button', { name: 'Details of commitment, row 11' }).waitFor();

    await cell('Commitment', 10).click();
    await countRenders();
    await app.page.getByLabel('Lead organisation', { exact: true }).and(app.page.locator('select')).selectOption('Acute trust');
    await app.page.getByText('Showing 6 of 12 commitments').waitFor();
    expect(await columnTexts('Commitment')).toEqual([11, 9, 7, 5, 3, 1].map(item));
    expect(await rowRenders()).toEqual([]);
    await expect(grid().locator('[tabindex="0"]').getAttribute('data-label')).resolves.toBe('Commitment, row 5');
    // Back to all: only the rows that come back are rendered (they are new in the page).
    await app.page.getByLabel('Lead organisation', { exact: true }).and(app.page.locator('select')).selectOption('');
    await app.page.getByText('Showing 12 of 12 commitments').waitFor();
    const evenKeys = await Promise.all([12, 10, 8, 6, 4, 2].map((n) => keyOf(item(n))));
    expect((await rowRenders()).sort()).toEqual([...evenKeys].sort());
    await expect(grid().locator('[tabindex="0"]').textContent()).resolves.toBe(item(3));
  });

  it('keeps the focused cell focused when a change from elsewhere moves its row, rendering only the changed row', async () => {
    await sortBy('Commitment', 'descending');
    await cell('Commitment', 1).click();
    await expect.poll(focused).toEqual({ label: 'Commitment, row 1', commitment: item(12) });
    const changed = await keyOf(item(5));
    await countRenders();
    // Another process (the jfp command line) renames Item 05, which now sorts first: every row below it moves.
    const db = new Database(app.dbPath);
    db.prepare("UPDATE commitments SET commitment = 'Item 99', revision = revision + 1 WHERE commitment = ?").run(item(5));
    db.close();
    await expect.poll(() => columnTexts('Commitment'), { timeout: 5000 }).toEqual(['Item 99', ...[12, 11, 10, 9, 8, 7, 6, 4, 3, 2, 1].map(item)]);
    await expect.poll(focused).toEqual({ label: 'Commitment, row 2', commitment: item(12) });
    expect(await rowRenders()).toEqual([changed]);
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(focused).toEqual({ label: 'Commitment, row 3', commitment: item(11) });
  });

  it('sorts on every column: shown values in order, empty cells last', async () => {
    const columns = await grid()
      .locator('[role="columnheader"] button')
      .evaluateAll((buttons) => buttons.map((b) => b.firstChild?.textContent ?? ''));
    expect(columns).toHaveLength(11);
    for (const column of columns) {
      await grid().getByRole('button', { name: column, exact: true }).click();
      await expect(grid().locator('[role="columnheader"][aria-sort="ascending"]').textContent()).resolves.toContain(column);
      const texts = await columnTexts(column);
      const filled = texts.filter((t) => t !== '');
      expect(texts, column).toEqual([
        ...[...filled].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base', numeric: false })),
        ...texts.filter((t) => t === ''),
      ]);
    }
  });

  it('keeps an open cell editor, its text and the focus when a typed value moves its row in the sort', async () => {
    await sortBy('Commitment', 'ascending');
    expect((await columnTexts('Commitment')).slice(0, 2)).toEqual([item(1), item(2)]);
    await cell('Commitment', 2).click();
    await app.page.keyboard.press('Enter');
    await editor('Commitment', 2).waitFor();
    await app.page.keyboard.press('Control+A');
    await app.page.keyboard.type('Zulu');
    // The typed value is handed to the row within a second: the row sorts last now, and moves there with its editor.
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')), { timeout: 5000 }).toBe('13');
    await expect(editor('Commitment', 12).inputValue()).resolves.toBe('Zulu');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    // Typing carries on where it was.
    await app.page.keyboard.type(' plan');
    await expect(editor('Commitment', 12).inputValue()).resolves.toBe('Zulu plan');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => dbRows<{ n: number }>("SELECT COUNT(*) AS n FROM commitments WHERE commitment = 'Zulu plan'")[0]!.n).toBe(1);
    await expect.poll(saveState).toBe('saved');
    expect(await columnTexts('Commitment')).toContain('Zulu plan');
    expect(await columnTexts('Commitment')).not.toContain(item(2));
  });

  it('keeps the row being edited in view when what is typed no longer matches the filter', async () => {
    const leadFilter = app.page.getByLabel('Lead organisation', { exact: true }).and(app.page.locator('select'));
    await leadFilter.selectOption('Acute trust');
    await app.page.getByText('Showing 6 of 12 commitments').waitFor();
    const n = (await columnTexts('Commitment')).indexOf(item(3)) + 1;
    await cell('Lead organisation', n).click();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Control+A');
    await app.page.keyboard.type('Community trust');
    // Saved within a second; the row no longer matches "Acute trust" but stays, its editor open and focused.
    await expect
      .poll(() => dbRows<{ lead_org: string }>('SELECT lead_org FROM commitments WHERE commitment = ?', item(3))[0]!.lead_org, { timeout: 5000 })
      .toBe('Community trust');
    await expect.poll(saveState).toBe('saved');
    await expect(editor('Lead organisation', n).inputValue()).resolves.toBe('Community trust');
    await expect.poll(() => app.page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await app.page.keyboard.press('Enter');
    await leadFilter.selectOption('');
    await leadFilter.selectOption('Acute trust');
    await app.page.getByText('Showing 5 of 12 commitments').waitFor();
    expect(await columnTexts('Commitment')).not.toContain(item(3));
    await leadFilter.selectOption('');
  });
});

async function pasteText(text: string): Promise<void> {
  await app.page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
