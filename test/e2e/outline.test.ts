// The outline as a strategy lead uses it: three levels of sections, drag and
// drop, keyboard indent and outdent, status and owner, and the plan's progress.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;
const ids: Record<string, string> = {};

const tree = () => app.page.getByRole('tree', { name: 'Sections' });
const item = (title: string) =>
  tree()
    .getByRole('treeitem', { name: title, exact: false })
    .filter({ has: app.page.locator('.tree-title', { hasText: new RegExp(`^${title}$`) }) });
const outline = async () =>
  tree()
    .getByRole('treeitem')
    .evaluateAll((items) => items.map((el) => `${el.getAttribute('aria-level')}:${el.querySelector('.tree-title')?.textContent}`));

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Outline plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  for (const [title, parent] of [
    ['Priorities', null],
    ['Start well', 'Priorities'],
    ['What we will do', 'Start well'],
    ['Live well', 'Priorities'],
    ['Enablers', null],
  ] as const) {
    ids[title] = (await app.call('addSection', { planId, parentId: parent ? ids[parent]! : null, title })).id;
  }
  await app.open(`#/plan/${planId}/section/${ids.Priorities}`);
});
afterAll(async () => {
  await app?.close();
});

describe('the outline', () => {
  it('shows three levels of sections in order', async () => {
    expect(await outline()).toEqual(['1:Priorities', '2:Start well', '3:What we will do', '2:Live well', '1:Enablers']);
    expect(await app.checkA11y()).toEqual([]);
  });

  it('indents and outdents with Alt+Right and Alt+Left', async () => {
    await item('Live well').focus();
    await app.page.keyboard.press('Alt+ArrowRight');
    await expect.poll(outline).toEqual(['1:Priorities', '2:Start well', '3:What we will do', '3:Live well', '1:Enablers']);
    await app.page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(outline).toEqual(['1:Priorities', '2:Start well', '3:What we will do', '2:Live well', '1:Enablers']);
    // Focus stays on the moved section, so moves can be chained.
    await expect(app.page.evaluate(() => document.activeElement?.querySelector('.tree-title')?.textContent)).resolves.toBe('Live well');
  });

  it('moves a section by drag and drop, before another or inside it', async () => {
    await item('Enablers').dragTo(item('Priorities'), { targetPosition: { x: 40, y: 2 } });
    await expect.poll(outline).toEqual(['1:Enablers', '1:Priorities', '2:Start well', '3:What we will do', '2:Live well']);
    await item('Live well').dragTo(item('Enablers'));
    await expect.poll(outline).toEqual(['1:Enablers', '2:Live well', '1:Priorities', '2:Start well', '3:What we will do']);
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT parent_id FROM sections WHERE id = ?').pluck().get(ids['Live well'])).toBe(ids.Enablers);
    db.close();
  });

  it('sets status and owner, shown in the outline and in the plan progress', async () => {
    await item('Start well').click();
    const details = app.page.getByRole('complementary', { name: 'Section details' });
    await details.getByLabel('Status').selectOption({ label: 'In review' });
    await details.getByLabel('Owner').fill('Director of Children’s Services');
    await details.getByLabel('Owner').press('Enter');
    await expect.poll(() => item('Start well').locator('.tree-meta').textContent()).toContain('Director of Children’s Services');
    await expect(item('Start well').locator('.status-badge').textContent()).resolves.toBe('In review');
    const progress = app.page.locator('dl.progress');
    await expect(progress.textContent()).resolves.toContain('In review1');
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT status, owner FROM sections WHERE id = ?').get(ids['Start well'])).toEqual({
      status: 'in_review',
      owner: 'Director of Children’s Services',
    });
    db.close();
  });

  it('shows open comments on a section', async () => {
    const db = new Database(app.dbPath);
    db.prepare(
      "INSERT INTO comments (id, plan_id, section_id, thread_id, body, created_at, updated_at) VALUES ('c1', ?, ?, 'c1', 'Please add the baseline.', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z')",
    ).run(planId, ids.Enablers);
    db.close();
    await app.reload();
    await expect(item('Enablers').locator('.tree-meta').textContent()).resolves.toContain('1 open comment');
  });

  it('deletes a section with its subsections and brings them back with Undo', async () => {
    await item('Priorities').focus();
    await app.page.keyboard.press('Delete');
    await app.page.getByText('Deleted “Priorities” and 2 subsections.', { exact: true }).waitFor();
    expect(await outline()).toEqual(['1:Enablers', '2:Live well']);
    await app.page.getByRole('button', { name: 'Undo delete' }).click();
    await expect.poll(outline).toEqual(['1:Enablers', '2:Live well', '1:Priorities', '2:Start well', '3:What we will do']);
  });
});
