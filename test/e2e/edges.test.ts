// The open plan at its edges, checked from outside after issue #10 moved its
// state into stores and let the main process push events: another process
// changing what the author is in the middle of editing (plan details, a
// commitment cell), a value typed and the window closed or reloaded at once,
// and exports in a row, one of them failing, with the status shown being the
// last export's own.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
/** Another process's connection to the same database (as the jfp command line opens it). */
let other: AppServices;
let planId: string;
let sectionId: string;

async function elsewhere<T>(method: Parameters<AppServices['dispatch']>[0], input: unknown): Promise<T> {
  const outcome = await other.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${String(method)}: ${outcome.error.message}`);
  return outcome.value as T;
}

interface CommitmentRow {
  commitment: string;
  metric: string;
  lead_org: string;
  target_year: number | null;
}

function commitmentRow(id: string): CommitmentRow {
  const db = new Database(app.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT commitment, metric, lead_org, target_year FROM commitments WHERE id = ?').get(id) as CommitmentRow;
  } finally {
    db.close();
  }
}

/** What the main process does before a window closes: ask the page to save, and wait for its answer. */
const saveBeforeClose = () =>
  app.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener('jfp:flushed', () => resolve(), { once: true });
        window.dispatchEvent(new Event('jfp:flush'));
      }),
  );

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Edge plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  sectionId = (await app.call('addSection', { planId, parentId: null, title: 'Our priorities' })).id;
  await app.call('saveSectionContent', { sectionId, revision: 1, content: contentFromParagraphs(['We will improve access to primary care.']) });
  other = startServices(app.dbPath, { log: () => {} });
});
afterAll(async () => {
  other?.close();
  await app?.close();
});

describe('plan details while another process changes the plan', () => {
  it('saving the dialog does not silently undo a title the other process set after the dialog opened', async () => {
    await app.open(`#/plan/${planId}/section/${sectionId}`);
    await app.page.getByRole('button', { name: 'Plan details' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Plan details' });
    await dialog.waitFor();
    const plan = await elsewhere<{ revision: number }>('getPlan', { planId });
    await elsewhere('updatePlan', { planId, revision: plan.revision, title: 'Retitled by the command line' });
    // The header hears of it (the event reached the page) while the dialog is still open.
    await app.page.getByRole('heading', { name: 'Retitled by the command line', level: 1 }).waitFor({ timeout: 10_000 });

    await dialog.getByLabel('Integrated Care Board').fill('NHS Changed ICB');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    // The author is told, as a revision conflict, rather than the other title being written over.
    await dialog.getByText(/changed elsewhere/).waitFor();
    const saved = await app.call('getPlan', { planId });
    expect(saved.title).toBe('Retitled by the command line');
    expect(saved.icbName).toBe('NHS Test ICB');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('a commitment cell', () => {
  let commitmentId: string;
  const grid = () => app.page.getByRole('grid', { name: 'Delivery commitments' });
  /** A cell of the delivery grid, as shown (not being edited). */
  const cell = (column: string) => grid().locator(`[role="gridcell"][data-label="${column}, row 1"]`);
  /** The box a cell is edited in. */
  const editor = (column: string) => grid().getByLabel(`${column}, row 1`, { exact: true }).and(app.page.locator('input, select'));
  const isFocused = (column: string) => editor(column).evaluate((el) => el === document.activeElement);

  beforeAll(async () => {
    commitmentId = (await app.call('addCommitment', { planId, fields: { priority: 'Urgent care', commitment: 'As first written' } })).id;
  });

  it('keeps what the author is typing when another process changes the same row, and saves it when the author leaves the cell', async () => {
    await app.open(`#/plan/${planId}/commitments`);
    await expect.poll(() => cell('Commitment').textContent()).toBe('As first written');
    await cell('Commitment').click();
    await app.page.keyboard.press('Enter'); // edits the cell's text, the caret at its end
    await app.page.keyboard.type(', typed here');

    const [row] = await elsewhere<Array<{ revision: number }>>('listCommitments', { planId });
    await elsewhere('updateCommitment', { commitmentId, revision: row!.revision, fields: { metric: 'A new metric' } });
    // The grid has loaded the other process's row...
    await expect.poll(() => cell('Metric').textContent(), { timeout: 10_000 }).toBe('A new metric');
    // ...and the words being typed are still there, in the cell that still has the focus.
    expect(await editor('Commitment').inputValue()).toBe('As first written, typed here');
    expect(await isFocused('Commitment')).toBe(true);

    await app.page.keyboard.press('Tab');
    await expect.poll(() => commitmentRow(commitmentId).commitment).toBe('As first written, typed here');
    expect(commitmentRow(commitmentId).metric).toBe('A new metric');
    await expect(cell('Commitment').textContent()).resolves.toBe('As first written, typed here');
  });

  it('is saved when the window closes while the author is still in the cell', async () => {
    await cell('Lead organisation').click();
    await app.page.keyboard.type('Wessex Vale Trust');
    await saveBeforeClose();
    expect(commitmentRow(commitmentId).lead_org).toBe('Wessex Vale Trust');
    await expect(editor('Lead organisation').inputValue()).resolves.toBe('Wessex Vale Trust');
  });

  it('keeps a target year being typed when another process changes the row, and saves it when the window closes', async () => {
    await cell('Target year').click();
    await app.page.keyboard.type('2029');
    // The author pauses (what was typed goes to the row's queue), and meanwhile the row changes elsewhere.
    await app.page.waitForTimeout(1000);
    const [row] = await elsewhere<Array<{ revision: number }>>('listCommitments', { planId });
    await elsewhere('updateCommitment', { commitmentId, revision: row!.revision, fields: { baseline: 'Set elsewhere' } });
    await expect.poll(() => cell('Baseline').textContent(), { timeout: 10_000 }).toBe('Set elsewhere');
    expect(await editor('Target year').inputValue()).toBe('2029');
    expect(await isFocused('Target year')).toBe(true);
    await saveBeforeClose();
    expect(commitmentRow(commitmentId).target_year).toBe(2029);
  });

  it('is saved when the page is reloaded while the author is still in the cell', async () => {
    await cell('Metric').click();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type(' per 1,000');
    await app.reload();
    await expect.poll(() => commitmentRow(commitmentId).metric, { timeout: 10_000 }).toBe('A new metric per 1,000');
    await expect.poll(() => cell('Metric').textContent()).toBe('A new metric per 1,000');
  });
});

describe('exports in a row', () => {
  const exportButton = () => app.page.getByRole('button', { name: 'Export', exact: true });
  const savedMessage = () => app.page.locator('.export-result strong');

  it('a failed export, then a good one, then one in another format: each shows its own end and nothing of the one before', async () => {
    const { page } = app;
    await app.open(`#/plan/${planId}/export`);
    await page.getByRole('heading', { name: 'Export', exact: true }).waitFor();

    app.answerSaveDialog('/nonexistent-folder/plan.docx');
    await exportButton().click();
    const failed = page.locator('.export-status .field-error');
    await expect.poll(() => failed.count(), { timeout: 60_000 }).toBe(1);
    await expect(exportButton().isEnabled()).resolves.toBe(true);

    app.answerSaveDialog(path.join(app.exportDir, 'first.docx'));
    await exportButton().click();
    await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe('Saved first.docx.');
    expect(await failed.count()).toBe(0);
    await expect(page.getByText('Accessibility check passed').isVisible()).resolves.toBe(true);

    await page.getByLabel('Accessible web page (.html)').check();
    app.answerSaveDialog(path.join(app.exportDir, 'second.html'));
    await exportButton().click();
    await expect.poll(() => savedMessage().textContent(), { timeout: 60_000 }).toBe('Saved second.html.');
    expect(fs.existsSync(path.join(app.exportDir, 'second.html'))).toBe(true);
    // The accessibility check is a Word export's: the web page's result does not claim it...
    expect(await page.getByText('Accessibility check passed').count()).toBe(0);
    // ...not even once the form is switched back to Word for the next export.
    await page.getByLabel('Word document (.docx)').check();
    expect(await page.getByText('Accessibility check passed').count()).toBe(0);
    await expect(savedMessage().textContent()).resolves.toBe('Saved second.html.');
  });

  it('ignores progress of a job it did not start', async () => {
    const { page } = app;
    await app.sendEvent('exportProgress', {
      jobId: 'someone-elses-job',
      state: 'failed',
      message: 'Another window’s export failed.',
      fileName: null,
      outputPath: null,
      warnings: [],
      accessibilityProblems: [],
      elapsedMs: null,
    });
    await app.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.getByText('Another window’s export failed.').count()).toBe(0);
    await expect(savedMessage().textContent()).resolves.toBe('Saved second.html.');
  });
});

describe('a comment thread while another process answers it', () => {
  let threadId: string;
  let reviewerId: string;
  const threadCard = () => app.page.locator(`[data-thread-id="${threadId}"]`);

  beforeAll(async () => {
    reviewerId = (await app.call('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' })).id;
    threadId = (await app.call('createThread', { planId, sectionId, stakeholderId: reviewerId, body: 'How will you measure this?', quote: '' })).id;
  });

  it('shows the response saved elsewhere in an untouched box, and keeps a reply being typed', async () => {
    await app.open(`#/plan/${planId}/section/${sectionId}`);
    // The thread was made on the app's own connection (no event): load the plan afresh.
    await app.reload();
    await app.page.getByRole('button', { name: /^Comments \(/ }).click();
    await threadCard().waitFor();
    await threadCard().locator('.thread-open').click(); // #13: reply and response boxes are on the open thread only
    const reply = threadCard().getByLabel('Reply');
    await reply.pressSequentially('We will report it quarterly');

    await elsewhere('respondToThread', { threadId, response: 'Added a quarterly measure.' });
    await elsewhere('replyToThread', { threadId, stakeholderId: reviewerId, body: 'Sent from jfp' });
    await threadCard().getByText('Sent from jfp').waitFor({ timeout: 10_000 });
    // The response box was not touched here: it shows what was saved, so "Save response" cannot put the old text back.
    await expect(threadCard().getByLabel('You said, we did').inputValue()).resolves.toBe('Added a quarterly measure.');
    await expect(reply.inputValue()).resolves.toBe('We will report it quarterly');
  });

  it('keeps a response being typed when another process saves a different one', async () => {
    const response = threadCard().getByLabel('You said, we did');
    await response.fill('Our own answer, not saved yet');
    await elsewhere('respondToThread', { threadId, response: 'Their second answer.' });
    await elsewhere('replyToThread', { threadId, stakeholderId: reviewerId, body: 'Second from jfp' });
    await threadCard().getByText('Second from jfp').waitFor({ timeout: 10_000 });
    await expect(response.inputValue()).resolves.toBe('Our own answer, not saved yet');
  });
});

describe('words typed in the editor and left at once', () => {
  let second: string;
  const saved = async (id: string) => (await app.call('getSection', { sectionId: id })).content;
  const typeAtEnd = async (title: string, words: string) => {
    const editor = app.page.getByRole('textbox', { name: `Text of ${title}` });
    await editor.click();
    await app.page.keyboard.press('Control+End');
    await app.page.keyboard.type(words);
  };

  beforeAll(async () => {
    second = (await app.call('addSection', { planId, parentId: null, title: 'Finance' })).id;
    await app.open(`#/plan/${planId}/section/${sectionId}`);
    await app.reload();
  });

  it('are saved when the author switches to another section straight away', async () => {
    await typeAtEnd('Our priorities', ' Switched section.');
    await app.page.getByRole('tree', { name: 'Sections' }).getByText('Finance', { exact: true }).click();
    await app.page.getByRole('textbox', { name: 'Text of Finance' }).waitFor();
    await expect.poll(() => saved(sectionId), { timeout: 10_000 }).toContain('Switched section.');
  });

  it('are saved when the author switches to another tab straight away', async () => {
    await typeAtEnd('Finance', 'Switched tab.');
    await app.page.getByRole('link', { name: 'Delivery commitments' }).click();
    await app.page.getByRole('heading', { name: 'Delivery commitments' }).waitFor();
    await expect.poll(() => saved(second), { timeout: 10_000 }).toContain('Switched tab.');
  });

  it('are saved when the window closes straight away', async () => {
    await app.open(`#/plan/${planId}/section/${second}`);
    await typeAtEnd('Finance', ' Closed the window.');
    await saveBeforeClose();
    expect(await saved(second)).toContain('Closed the window.');
  });
});

describe('the open plan deleted by another process', () => {
  it('says so, and keeps on screen the words typed (they can still be copied)', async () => {
    const doomed = (await app.call('createPlan', { title: 'Doomed plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
    const doomedSection = (await app.call('addSection', { planId: doomed, parentId: null, title: 'Doomed section' })).id;
    await app.open(`#/plan/${doomed}/section/${doomedSection}`);
    const editor = app.page.getByRole('textbox', { name: 'Text of Doomed section' });
    await editor.click();
    app.failCalls('saveSectionContent', { code: 'io_error', message: 'The disk is full.' });
    await app.page.keyboard.type('Typed before the deletion.');
    await app.page.locator('[data-save-state="failed"]').waitFor();
    await elsewhere('deletePlan', { planId: doomed });
    await app.page.getByRole('alert').filter({ hasText: 'This plan was deleted in another window or by the jfp command line' }).waitFor({ timeout: 10_000 });
    await expect(editor.innerText()).resolves.toBe('Typed before the deletion.');
    app.failCalls('saveSectionContent', null);
  });
});
