// One search box across the plan, with delivery commitments in it (the grid itself: commitments-grid.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { launchApp, type RunningApp } from './harness';

let app: RunningApp;
let planId: string;

beforeAll(async () => {
  app = await launchApp();
  planId = (await app.call('createPlan', { title: 'Grid plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  const intro = await app.call('addSection', { planId, parentId: null, title: 'Introduction' });
  const urgent = await app.call('addSection', { planId, parentId: null, title: 'Urgent and emergency care' });
  const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} about community services and prevention.`);
  await app.call('saveSectionContent', { sectionId: intro.id, revision: 1, content: contentFromParagraphs(['Welcome to our plan.']) });
  await app.call('saveSectionContent', {
    sectionId: urgent.id,
    revision: 1,
    content: contentFromParagraphs([...filler, 'We will open two more same day emergency care units and expand virtual wards.']),
  });
  const rows = [
    {
      priority: 'Urgent care',
      commitment: 'Patients seen within four hours in A&E',
      metric: '4-hour performance',
      baseline: '71% (2024/25)',
      target: '78%',
      targetYear: 2026,
      leadOrg: 'Acute trusts',
      rag: 'amber' as const,
      ragOverrideReason: 'Set in the test.',
      sectionId: urgent.id,
    },
    {
      priority: 'Cancer',
      commitment: 'Faster diagnosis and treatment',
      metric: '62-day performance',
      baseline: '68%',
      target: '75%',
      targetYear: 2026,
      leadOrg: 'Cancer alliance',
      rag: 'red' as const,
      ragOverrideReason: 'Set in the test.',
      sectionId: null,
    },
    {
      priority: 'Urgent care',
      commitment: 'Virtual ward capacity',
      metric: 'Beds per 100,000',
      baseline: '32',
      target: '45',
      targetYear: 2028,
      leadOrg: 'Community trust',
      rag: 'green' as const,
      ragOverrideReason: 'Set in the test.',
      sectionId: urgent.id,
    },
  ];
  for (const fields of rows) await app.call('addCommitment', { planId, fields });
  await app.open(`#/plan/${planId}/commitments`);
});
afterAll(async () => {
  await app?.close();
});

describe('the delivery commitments grid beside search', () => {
  it('lists the commitments, with the year as a financial year and the search box still in reach', async () => {
    const grid = app.page.getByRole('grid', { name: 'Delivery commitments' });
    await expect
      .poll(() => grid.locator('[role="gridcell"][data-label^="Commitment, row "]').allTextContents())
      .toEqual(['Patients seen within four hours in A&E', 'Faster diagnosis and treatment', 'Virtual ward capacity']);
    expect(await grid.locator('[role="gridcell"][data-label^="Target year, row "]').allTextContents()).toEqual(['2026/27', '2026/27', '2028/29']);
    await app.page.getByRole('searchbox', { name: 'Search this plan' }).waitFor();
  });
});

describe('searching the plan', () => {
  it('finds words in sections and commitments with highlighted snippets, by prefix', async () => {
    const box = app.page.getByRole('searchbox', { name: 'Search this plan' });
    await box.fill('emergen');
    const results = app.page.getByRole('region', { name: 'Search results' });
    await results.getByRole('button').first().waitFor();
    const texts = await results.getByRole('button').allTextContents();
    expect(texts.some((t) => t.startsWith('SectionUrgent and emergency care'))).toBe(true);
    await expect(results.locator('mark').first().textContent()).resolves.toMatch(/^emergen/i);
    expect(await app.checkA11y()).toEqual([]);
  });

  it('opens the section with the match in view when a result is chosen', async () => {
    const results = app.page.getByRole('region', { name: 'Search results' });
    await app.page.getByRole('searchbox', { name: 'Search this plan' }).fill('virtual wards');
    await results
      .getByRole('button', { name: /Urgent and emergency care/ })
      .first()
      .click();
    const editor = app.page.getByRole('textbox', { name: 'Text of Urgent and emergency care' });
    await editor.waitFor();
    await expect.poll(() => app.page.evaluate(() => window.getSelection()?.toString().toLowerCase())).toMatch(/virtual|wards/);
    const inView = await app.page.evaluate(() => {
      const node = window.getSelection()?.anchorNode?.parentElement;
      const pane = document.querySelector('.editor-pane')!.getBoundingClientRect();
      const box = node?.getBoundingClientRect();
      return !!box && box.top >= pane.top && box.bottom <= pane.bottom;
    });
    expect(inView).toBe(true);
  });

  it('treats search syntax as text and never shows an error', async () => {
    const box = app.page.getByRole('searchbox', { name: 'Search this plan' });
    const results = app.page.getByRole('region', { name: 'Search results' });
    for (const query of ['"unbalanced', 'NEAR(', '(((', '*', 'care OR', 'title:x', '-', 'مرحبا']) {
      // Emptying the box closes the results, so the region that opens next is this query's answer (or its error).
      await box.fill('');
      await results.waitFor({ state: 'hidden' });
      await box.fill(query);
      await results.waitFor();
      await expect(results.locator('.field-error').count(), query).resolves.toBe(0);
      await expect(
        results
          .getByRole('button')
          .or(results.getByText(`No matches for “${query.trim()}”.`))
          .first()
          .isVisible(),
        query,
      ).resolves.toBe(true);
    }
    await box.fill('zzzznothing');
    await app.page.getByText('No matches for “zzzznothing”.').waitFor();
  });
});
