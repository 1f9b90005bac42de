// The open plan stays current and quiet: changes another process makes to the
// database (the jfp command line, another window; here the services on their own
// connection, as `jfp` would open them) show up without a reload and without
// costing the author unsaved words; and typing re-renders the editor and the
// save indicator, not the outline or every comment thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { EDITOR_REGION, type RegionCommit } from '../../renderer/app/commit-regions';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
/** Another process's connection to the same database. */
let other: AppServices;
let planId: string;
const ids: Record<string, string> = {};

async function elsewhere<T>(method: Parameters<AppServices['dispatch']>[0], input: unknown): Promise<T> {
  const outcome = await other.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${String(method)}: ${outcome.error.message}`);
  return outcome.value as T;
}

const outlineTitles = () =>
  app.page
    .getByRole('tree', { name: 'Sections' })
    .getByRole('treeitem')
    .evaluateAll((items) => items.map((el) => el.querySelector('.tree-title')?.textContent));
const editorText = () => app.page.locator('[data-lexical-editor]').innerText();

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Live plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  for (const title of ['Our priorities', 'Finance']) ids[title] = (await app.call('addSection', { planId, parentId: null, title })).id;
  await app.call('saveSectionContent', { sectionId: ids['Our priorities']!, revision: 1, content: contentFromParagraphs(['We will improve access to primary care.']) });
  ids.reviewer = (await app.call('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' })).id;
  for (let i = 1; i <= 3; i++) {
    await app.call('createThread', { planId, sectionId: ids['Our priorities']!, stakeholderId: ids.reviewer, body: `Comment ${i}`, quote: '' });
  }
  other = startServices(app.dbPath, { log: () => {} });
  await app.open(`#/plan/${planId}/section/${ids['Our priorities']}`);
  await app.page.getByRole('textbox', { name: 'Text of Our priorities' }).waitFor();
});
afterAll(async () => {
  other?.close();
  await app?.close();
});

describe('changes made by another process', () => {
  it('a section added and one renamed elsewhere appear in the outline, and a new comment in the threads, without a reload', async () => {
    await app.page.getByRole('button', { name: /^Comments \(/ }).click();
    await app.page.getByText('3 threads').waitFor();
    await app.page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

    await elsewhere('addSection', { planId, parentId: null, title: 'Added by the command line' });
    await elsewhere('renameSection', { sectionId: ids.Finance, title: 'Finance and estates' });
    await elsewhere('createThread', { planId, sectionId: ids['Our priorities'], stakeholderId: ids.reviewer, body: 'Sent from jfp', quote: '' });

    await expect.poll(outlineTitles, { timeout: 10_000 }).toEqual(['Our priorities', 'Finance and estates', 'Added by the command line']);
    await app.page.getByText('4 threads').waitFor({ timeout: 10_000 });
    await app.page.getByText('Sent from jfp').waitFor();
    await expect(app.page.getByRole('button', { name: 'Comments (4 open)' }).isVisible()).resolves.toBe(true);
    expect(await app.page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  });

  it('keeps the words the author has not saved yet, and the revision conflict still catches the other edit', async () => {
    const editor = app.page.getByRole('textbox', { name: 'Text of Our priorities' });
    await editor.click();
    await app.page.keyboard.press('Control+End');
    // Fail saves for now, so the typed words are certainly unsaved when the other process writes.
    app.failCalls('saveSectionContent', { code: 'io_error', message: 'The disk is full.' });
    await app.page.keyboard.type(' Typed here, not saved yet.');
    await app.page.locator('[data-save-state="failed"]').waitFor();
    const section = await elsewhere<{ revision: number }>('getSection', { sectionId: ids['Our priorities'] });
    await elsewhere('saveSectionContent', {
      sectionId: ids['Our priorities'],
      revision: section.revision,
      content: contentFromParagraphs(['Rewritten by the command line.']),
    });
    await elsewhere('renameSection', { sectionId: ids.Finance, title: 'Finance' });
    await expect.poll(outlineTitles, { timeout: 10_000 }).toContain('Finance');
    expect(await editorText()).toContain('Typed here, not saved yet.');

    app.failCalls('saveSectionContent', null);
    // The editor retries by itself every few seconds; "Try again" only hurries it.
    await app.page
      .getByRole('button', { name: 'Try again' })
      .click({ timeout: 1000 })
      .catch(() => undefined);
    // The text changed underneath: the author is asked, not overwritten.
    await app.page.getByRole('button', { name: 'Keep my version' }).waitFor();
    expect(await editorText()).toContain('Typed here, not saved yet.');
    await app.page.getByRole('button', { name: 'Keep my version' }).click();
    await app.page.locator('[data-save-state="saved"]').waitFor();
    const saved = await elsewhere<{ content: string }>('getSection', { sectionId: ids['Our priorities'] });
    expect(saved.content).toContain('Typed here, not saved yet.');
  });

  it('shows the other process’s text in the open section when nothing here is waiting to be saved', async () => {
    await app.page.locator('[data-save-state="saved"]').waitFor();
    const section = await elsewhere<{ revision: number }>('getSection', { sectionId: ids['Our priorities'] });
    await elsewhere('saveSectionContent', {
      sectionId: ids['Our priorities'],
      revision: section.revision,
      content: contentFromParagraphs(['Replaced by the command line.']),
    });
    await expect.poll(editorText, { timeout: 10_000 }).toBe('Replaced by the command line.');
  });

  it('new delivery commitments appear in the open grid', async () => {
    await app.open(`#/plan/${planId}/commitments`);
    await app.page.getByRole('heading', { name: 'Delivery commitments' }).waitFor();
    await elsewhere('addCommitment', { planId, fields: { priority: 'Urgent care', commitment: 'Added from jfp' } });
    const firstCommitment = app.page.getByRole('grid', { name: 'Delivery commitments' }).locator('[role="gridcell"][data-label="Commitment, row 1"]');
    await expect.poll(() => firstCommitment.textContent(), { timeout: 10_000 }).toBe('Added from jfp');
  });
});

describe('typing in a section', () => {
  it('re-renders the editor and at most the save indicator, not the outline, header or comment threads', async () => {
    await app.open(`#/plan/${planId}/section/${ids['Our priorities']}`);
    await app.page.getByRole('button', { name: /^Comments \(/ }).click();
    await app.page.getByRole('list', { name: 'Comment threads' }).locator('li').first().waitFor();
    const editor = app.page.getByRole('textbox', { name: 'Text of Our priorities' });
    await editor.click();
    await app.page.keyboard.press('Control+End');
    // Ten keys, well inside the autosave delay, then two frames for React to finish their work.
    // A machine so busy that it paused longer than the autosave delay between two keys saves in
    // between (which rightly updates the outline's word count): then the keys are typed again.
    let commits: RegionCommit[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await app.page.locator('[data-save-state="saved"]').waitFor();
      const before = (await app.call('getSection', { sectionId: ids['Our priorities']! })).revision;
      await app.page.evaluate(() => (window.__jfpCommits = []));
      await app.page.keyboard.type(' more words');
      await app.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      commits = await app.page.evaluate(() => window.__jfpCommits ?? []);
      const savedMeanwhile = (await app.call('getSection', { sectionId: ids['Our priorities']! })).revision !== before;
      if (!savedMeanwhile) break;
    }
    expect(await editorText()).toContain('more words');
    // Outside the editor only the save indicator, once (saved -> unsaved), whatever the number of keys.
    expect(commits.filter((c) => c.region !== EDITOR_REGION).map((c) => c.region)).toEqual(['save-indicator']);
  });

  it('typing a new comment re-renders its box, not the thread list', async () => {
    await app.page.getByLabel('Commenting as').selectOption({ label: 'Asha Patel, Healthwatch Test' });
    await app.page.getByRole('button', { name: 'Comment on the whole section' }).click();
    const box = app.page.getByLabel('Comment', { exact: true });
    await box.waitFor();
    // The words typed in the last test are saved first, so their save does not count here.
    await app.page.locator('[data-save-state="saved"]').waitFor();
    await app.page.evaluate(() => (window.__jfpCommits = []));
    await box.pressSequentially('Please add the baseline.');
    await app.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const regions = new Set(await app.page.evaluate(() => (window.__jfpCommits ?? []).map((c) => c.region)));
    // The recorder saw the typing (the side panel holds the box), and the threads did not re-render.
    expect(regions.has('side-panel')).toBe(true);
    expect([...regions].filter((r) => r !== 'side-panel')).toEqual([]);
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  });
});
