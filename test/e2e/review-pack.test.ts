// Review with the app on both sides: the author sends a review pack, the
// reviewer comments in a read-only copy (their own database) and returns the
// comments file, and the author imports it, once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { addReviewerComment, exportedDocx } from '../support/commented-docx';
import { launchApp, type RunningApp } from './harness';
import { selectWords } from './selection';

let author: RunningApp;
let reviewer: RunningApp;
let planId: string;
let sectionId: string;
let packFile: string;
let commentsFile: string;

beforeAll(async () => {
  author = await launchApp();
  reviewer = await launchApp();
  planId = (await author.call('createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' })).id;
  sectionId = (await author.call('addSection', { planId, parentId: null, title: 'Start well' })).id;
  await author.call('saveSectionContent', { sectionId, revision: 1, content: contentFromParagraphs(['We will improve school readiness in every place by 2028.']) });
  await author.call('addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
  packFile = path.join(author.exportDir, 'for-asha.jfpreview');
  commentsFile = path.join(reviewer.exportDir, 'from-asha.jfpcomments');
});
afterAll(async () => {
  await author?.close();
  await reviewer?.close();
});

describe('review packs in the app', () => {
  it('the author sends a review pack to a reviewer from the register', async () => {
    await author.open(`#/plan/${planId}/review`);
    await author.page.getByRole('heading', { name: 'Review', exact: true }).waitFor();
    expect(await author.checkA11y()).toEqual([]);
    // The register: correct a reviewer's details, add another.
    await author.page.getByRole('button', { name: 'Edit Asha Patel' }).click();
    await author.page.getByLabel('Email (optional)').fill('asha.patel@healthwatch.example');
    await author.page.getByRole('button', { name: 'Save reviewer' }).click();
    await author.page.getByRole('cell', { name: 'asha.patel@healthwatch.example' }).waitFor();
    await author.page.getByRole('button', { name: 'Add a reviewer' }).click();
    await author.page.getByLabel('Name').fill('Ben Ode');
    await author.page.getByLabel('Organisation', { exact: true }).fill('Test Community Trust');
    await author.page.getByLabel('Type of organisation').selectOption({ label: 'NHS trust' });
    await author.page.getByLabel('Email (optional)').fill('not an email');
    await author.page.getByRole('button', { name: 'Add reviewer' }).click();
    await author.page.getByText('Enter an email address like name@example.org, or leave it empty.').waitFor();
    await author.page.getByLabel('Email (optional)').fill('');
    await author.page.getByRole('button', { name: 'Add reviewer' }).click();
    await author.page.getByRole('cell', { name: 'Ben Ode', exact: true }).waitFor();
    expect((await author.call('listStakeholders', { planId })).map((p) => [p.name, p.orgType, p.email])).toEqual([
      ['Asha Patel', 'healthwatch', 'asha.patel@healthwatch.example'],
      ['Ben Ode', 'nhs_trust', ''],
    ]);
    author.answerSaveDialog(packFile);
    await author.page.getByRole('button', { name: 'Send for review…' }).click();
    await author.page.getByText('Saved the review pack for-asha.jfpreview.', { exact: false }).waitFor();
    expect(JSON.parse(fs.readFileSync(packFile, 'utf8'))).toMatchObject({ format: 'jfp-review-pack', reviewer: { name: 'Asha Patel' } });
  });

  it('the reviewer opens it read-only, comments on words, and returns the comments', async () => {
    const { page } = reviewer;
    reviewer.answerOpenDialog(packFile);
    await page.getByRole('button', { name: 'Open a review pack…' }).click();
    await page.getByRole('region', { name: 'Review copy' }).waitFor();
    await expect(page.getByRole('toolbar', { name: 'Outline' }).count()).resolves.toBe(0);
    const editor = page.getByRole('textbox', { name: 'Text of Start well' });
    // #13: read-only to assistive technology, with a caret for the keyboard (review-copy.test.ts).
    await expect(editor.getAttribute('aria-readonly')).resolves.toBe('true');
    expect(await reviewer.checkA11y()).toEqual([]);

    await selectWords(page, 'school readiness');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(page.locator('.new-comment .quote').textContent()).resolves.toBe('“school readiness”');
    await expect(page.locator('.comments-panel').textContent()).resolves.toContain('Commenting as Asha Patel, Healthwatch Test.');
    await page.getByLabel('Comment', { exact: true }).fill('Which measure of school readiness?');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => page.locator('[data-lexical-editor] mark').count()).toBe(1);
    await page.locator('[data-save-state="saved"]').waitFor();

    reviewer.answerSaveDialog(commentsFile);
    await page.getByRole('button', { name: 'Return comments…' }).click();
    await page.getByText('Saved from-asha.jfpcomments with 1 comments and replies.', { exact: false }).waitFor();
  });

  it('the author imports the comments, anchored to the words, and a second import adds nothing', async () => {
    const { page } = author;
    author.answerOpenDialog(commentsFile);
    await page.getByRole('button', { name: 'Import comments…' }).click();
    await expect
      .poll(() => page.locator('.import-summary').textContent())
      .toBe('From the comments file: 1 new comment, 0 replies, 0 already imported, 0 could not be placed.');
    author.answerOpenDialog(commentsFile);
    await page.getByRole('button', { name: 'Import comments…' }).click();
    await expect
      .poll(() => page.locator('.import-summary').textContent())
      .toBe('From the comments file: 0 new comments, 0 replies, 1 already imported, 0 could not be placed.');
    const [thread] = await author.call('listThreads', { planId });
    expect(thread).toMatchObject({ quote: 'school readiness', anchor: 'text', comments: [{ authorName: 'Asha Patel', body: 'Which measure of school readiness?' }] });
  });

  it('the author imports comments made in Word on an exported draft', async () => {
    const { page } = author;
    // A Word reviewer's copy: exported with the existing comments (one answered), then commented on as Word saves it.
    const [existing] = await author.call('listThreads', { planId });
    await author.call('replyToThread', {
      threadId: existing!.id,
      stakeholderId: existing!.comments[0]!.stakeholderId!,
      body: 'The Early Years Foundation Stage profile.',
    });
    const exported = await exportedDocx(author.services.store, planId);
    const commented = addReviewerComment(exported, {
      id: 900,
      author: 'Dr Lee Wong',
      date: '2027-01-20T10:00:00Z',
      body: ['Please say which places first.'],
      quote: 'in every place',
      after: 'Start well',
      paraId: '7A1B2C3D',
      durableId: '5E6F7A8B',
    });
    const file = path.join(author.exportDir, 'commented in Word.docx');
    fs.writeFileSync(file, commented);
    author.answerOpenDialog(file);
    await page.getByRole('button', { name: 'Import comments…' }).click();
    await expect
      .poll(() => page.locator('.import-summary').textContent())
      .toMatch(/^From the Word document: 1 new comment, 0 replies, \d+ already imported, 0 could not be placed\.$/);
    const threads = await author.call('listThreads', { planId });
    expect(threads.find((t) => t.comments[0]!.authorName === 'Dr Lee Wong')).toMatchObject({ quote: 'in every place', anchor: 'text', source: 'word' });
  });

  it('the author saves the consultation report as Word', async () => {
    const report = path.join(author.exportDir, 'you-said-we-did.docx');
    author.answerSaveDialog(report);
    await author.page.getByRole('button', { name: 'Save the consultation report…' }).click();
    await author.page.getByText('Saved you-said-we-did.docx. Accessibility check passed.').waitFor();
    expect(fs.readFileSync(report).subarray(0, 2).toString()).toBe('PK');
    expect(await author.checkA11y()).toEqual([]);
  });
});
