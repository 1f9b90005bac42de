// #13: the comments panel with hundreds of threads from several reviewers:
// threads collapsed to their first lines, reply/response/theme boxes only on
// the open one, arrow keys between threads, counts by state and type, a theme
// filter, and the filter remembered per plan. Then the reviewer's consent to be
// named and the consultation report saved as a web page.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationType } from '../../shared/domain';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;
let otherPlanId: string;
let sectionId: string;
const reviewers: { id: string; name: string }[] = [];

const threads = () => app.page.getByRole('list', { name: 'Comment threads' }).getByRole('listitem');
/** Which thread's heading has the focus (its place in the list), -1 when none. */
const focusedIndex = () => app.page.evaluate(() => [...document.querySelectorAll('button.thread-open')].indexOf(document.activeElement!));
const LONG = `Waiting times ${'and more '.repeat(2200)}end.`;

beforeAll(async () => {
  app = await launchApp();
  await app.call('saveProfile', { name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Test ICB', email: '' });
  planId = (await app.call('createPlan', { title: 'Busy plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  otherPlanId = (await app.call('createPlan', { title: 'Other plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  sectionId = (await app.call('addSection', { planId, parentId: null, title: 'Start well' })).id;
  const elsewhere = (await app.call('addSection', { planId, parentId: null, title: 'Live well' })).id;
  const kinds: [string, string, OrganisationType][] = [
    ['Asha Patel', 'Healthwatch Test', 'healthwatch'],
    ['Cllr Jo Rowe', 'Test County Council', 'local_authority'],
    ['Pat Resident', '', 'public'],
    ['Dr Lee Wong', 'Test Hospitals NHS Trust', 'nhs_trust'],
  ];
  for (const [name, organisation, orgType] of kinds)
    reviewers.push({ name, id: (await app.call('addStakeholder', { planId, name, organisation, orgType, email: '' })).id });
  // 240 threads on this section (one in three resolved, a quarter from each reviewer), 10 on another.
  for (let i = 0; i < 240; i++) {
    const body = i === 0 ? LONG : `Comment number ${i}.`;
    const t = await app.call('createThread', { planId, sectionId, stakeholderId: reviewers[i % 4]!.id, body, quote: '' });
    if (i % 3 === 0) await app.call('setThreadStatus', { threadId: t.id, status: 'resolved' });
    if (i === 1) await app.call('replyToThread', { threadId: t.id, body: 'Thank you.' });
  }
  for (let i = 0; i < 10; i++) await app.call('createThread', { planId, sectionId: elsewhere, stakeholderId: reviewers[0]!.id, body: `Elsewhere ${i}`, quote: '' });
  await app.open(`#/plan/${planId}/section/${sectionId}`);
  await app.page.getByRole('button', { name: /^Comments/ }).click();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('a comments panel with hundreds of threads', () => {
  it('shows every thread collapsed to its first lines, with counts by state and type', async () => {
    const { page } = app;
    await expect.poll(() => threads().count()).toBe(240);
    await expect(page.locator('.thread-counts').textContent()).resolves.toBe('160 open · 80 resolved · NHS trust 60, Local authority 60, Healthwatch 60, Public 60');
    await expect(page.locator('.thread-count').textContent()).resolves.toBe('240 threads');
    // No thread is open: no reply, response or theme boxes at all.
    expect(await page.getByLabel('Reply').count()).toBe(0);
    expect(await page.getByLabel('You said, we did').count()).toBe(0);
    // A 20,000-character comment shows its first lines only, and a thread says how many replies it has.
    const long = threads().filter({ hasText: 'Waiting times' });
    const shown = (await long.locator('.thread-preview').textContent())!;
    expect(shown.length).toBeLessThan(200);
    expect(shown.endsWith('…')).toBe(true);
    await expect(threads().filter({ hasText: 'Comment number 1.' }).locator('.thread-preview').textContent()).resolves.toBe('Comment number 1. · 1 reply');
    expect(await app.checkA11y()).toEqual([]);
  });

  it('moves between threads with the arrow keys, Home and End, and opens one with Enter', async () => {
    const { page } = app;
    const headings = page.locator('button.thread-open');
    await headings.first().focus();
    for (const [key, index] of [
      ['ArrowDown', 1],
      ['ArrowDown', 2],
      ['ArrowUp', 1],
      ['End', 239],
      ['ArrowDown', 239],
      ['Home', 0],
      ['ArrowUp', 0],
      ['ArrowDown', 1],
    ] as const) {
      await page.keyboard.press(key);
      await expect.poll(focusedIndex, { message: key }).toBe(index);
    }
    const second = (await threads().nth(1).locator('.thread-preview').textContent())!.split(' · ')[0];
    await page.keyboard.press('Enter');
    const open = threads().filter({ has: page.locator('button.thread-open[aria-expanded="true"]') });
    await expect.poll(() => open.count()).toBe(1);
    await expect(open.locator('.comment-body').first().textContent()).resolves.toBe(second);
    // Only the open thread has the boxes.
    expect(await page.getByLabel('Reply').count()).toBe(1);
    expect(await page.getByLabel('You said, we did').count()).toBe(1);
    // Another thread opened by keyboard closes the first.
    const third = (await threads().nth(2).locator('.thread-preview').textContent())!.split(' · ')[0];
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => open.locator('.comment-body').first().textContent()).toBe(third);
    expect(await page.getByLabel('Reply').count()).toBe(1);
    // Enter on the open thread closes it.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Reply').count()).toBe(0);
  });

  it('gives the open thread themes, and filters by theme', async () => {
    const { page } = app;
    const thread = threads().filter({ hasText: 'Comment number 5.' });
    await thread.locator('.thread-open').click();
    await thread.getByLabel('Themes (separate with commas)').fill(' Access,  Workforce , access');
    await thread.getByRole('button', { name: 'Save themes' }).click();
    await expect.poll(() => thread.locator('.thread-themes').textContent()).toBe('Themes: Access, Workforce');
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare("SELECT themes FROM comments WHERE body = 'Comment number 5.'").pluck().get()).toBe('["Access","Workforce"]');
    db.close();
    await page.getByText(/^Filter comments/).click();
    await page.getByLabel('Theme', { exact: true }).selectOption('Workforce');
    await expect.poll(() => threads().count()).toBe(1);
    await expect(page.locator('.thread-count').textContent()).resolves.toBe('1 of 240 threads');
    await page.getByLabel('Theme', { exact: true }).selectOption('');
    await expect.poll(() => threads().count()).toBe(240);
  });

  it('remembers the filter for each plan', async () => {
    const { page } = app;
    await page.getByLabel('Status').last().selectOption('resolved');
    await page.getByLabel('Organisation type').selectOption('healthwatch');
    // Resolved (every third) and from Healthwatch (every fourth): 20 of the 240.
    await expect.poll(() => threads().count()).toBe(20);
    await expect(page.getByLabel('Status').last().locator('option:checked').textContent()).resolves.toBe('Resolved (80)');
    await expect(page.getByLabel('Organisation type').locator('option:checked').textContent()).resolves.toBe('Healthwatch (60)');

    await app.reload();
    await page.getByRole('button', { name: /^Comments/ }).click();
    await expect.poll(() => threads().count()).toBe(20);
    await expect(page.getByLabel('Organisation type').inputValue()).resolves.toBe('healthwatch');
    await expect(page.getByLabel('Status').last().inputValue()).resolves.toBe('resolved');
    await expect(page.getByText('Filter comments (2 on)').count()).resolves.toBe(1);

    // Another plan has its own (here none); a damaged stored filter shows everything.
    await page.evaluate((id) => window.localStorage.setItem(`jfp:comment-filter:${id}`, '{"status":"nonsense","orgType":42,"scope":[]}'), otherPlanId);
    const other = await app.call('addSection', { planId: otherPlanId, parentId: null, title: 'Other section' });
    await app.call('addStakeholder', { planId: otherPlanId, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
    await app.open(`#/plan/${otherPlanId}/section/${other.id}`);
    await page.getByRole('button', { name: /^Comments/ }).click();
    await expect(page.getByLabel('Organisation type').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Status').last().inputValue()).resolves.toBe('');
    await page.getByText(/^Filter comments/).click();
    await page.getByRole('button', { name: 'Clear the filter' }).waitFor({ state: 'detached' });
  });
});

describe('consent to be named, and the consultation report', () => {
  it('records a reviewer’s consent and saves the published report as a web page that names only them', async () => {
    const { page } = app;
    await app.open(`#/plan/${planId}/review`);
    await page.getByRole('heading', { name: 'Review', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit Cllr Jo Rowe' }).click();
    await page.getByLabel('Agreed to be identified in the published consultation report').check();
    await page.getByRole('button', { name: 'Save reviewer' }).click();
    await expect
      .poll(() => {
        const db = new Database(app.dbPath, { readonly: true });
        const consent = db.prepare("SELECT named_consent FROM stakeholders WHERE name = 'Cllr Jo Rowe'").pluck().get();
        db.close();
        return consent;
      })
      .toBe(1);

    const file = path.join(app.exportDir, 'you-said-we-did.html');
    app.answerSaveDialog(file);
    await page.getByLabel('Web page (HTML)').check();
    await page.getByRole('button', { name: 'Save the consultation report…' }).click();
    await page.getByText('Saved you-said-we-did.html.').waitFor();
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<h1>Consultation report: you said, we did</h1>');
    expect(html).toContain('Cllr Jo Rowe, Test County Council');
    expect(html).toContain('A member of the public');
    expect(html).not.toMatch(/Asha Patel|Dr Lee Wong|Pat Resident|Resolved/);
    expect(await app.checkA11y()).toEqual([]);
  });
});
