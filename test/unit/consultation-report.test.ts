// The consultation report (#13): the published edition names only consenting
// people, gives each row its section number and path, has no workflow states,
// introduces the engagement (period, methods, counts by type of respondent) and
// groups comments by the author's themes; the internal edition keeps names and
// statuses. Word (accessibility check passes, widths never split a word) and
// one accessible web page with the same words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { launchBrowser } from '../../electron/services/browser';
import { checkAccessibility } from '../../electron/services/export/a11y-check';
import { consultationReport } from '../../electron/services/review/review-files';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import { content, mark, paragraph, text } from '../support/lexical-builder';
import { headings, readDocx, textOf, wElements } from '../support/docx-reader';

let dir: string;
let app: AppServices;

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const outcome = await app.dispatch(method, input);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
  return outcome.value as MethodResult<M>;
}

async function refusal<M extends MethodName>(method: M, input: MethodInput<M>): Promise<string> {
  const outcome = await app.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} was accepted`);
  return outcome.error.message;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-report-'));
  app = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Rows of each table in the main document, as cell texts. */
function tables(bytes: Buffer): string[][][] {
  const docx = readDocx(bytes);
  return wElements(docx.xml(docx.mainDocument()), 'tbl').map((table) => wElements(table, 'tr').map((tr) => wElements(tr, 'tc').map((tc) => textOf(tc))));
}

function bodyText(bytes: Buffer): string {
  const docx = readDocx(bytes);
  return textOf(docx.xml(docx.mainDocument()).documentElement);
}

/** A plan with nested sections, reviewers of several kinds (one consenting), themes and the engagement record. */
async function consultedPlan() {
  const plan = await call('createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  await call('addSection', { planId: plan.id, parentId: null, title: 'Introduction' });
  const priorities = await call('addSection', { planId: plan.id, parentId: null, title: 'Our priorities' });
  const start = await call('addSection', { planId: plan.id, parentId: priorities.id, title: 'Start well' });
  const doing = await call('addSection', { planId: plan.id, parentId: start.id, title: 'What we will do' });
  const asha = await call('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
  const cllr = await call('addStakeholder', {
    planId: plan.id,
    name: 'Cllr Jo Rowe',
    organisation: 'Test County Council',
    orgType: 'local_authority',
    email: '',
    namedConsent: true,
  });
  const resident = await call('addStakeholder', { planId: plan.id, name: 'Pat Resident', organisation: '', orgType: 'public', email: '' });
  await call('saveProfile', { name: 'Sam Author', role: 'Planning lead', organisation: 'NHS Test ICB', email: '' });

  const waits = await call('createThread', { planId: plan.id, sectionId: doing.id, stakeholderId: asha.id, body: 'Add the baseline <script>x</script>.', quote: '' });
  await call('replyToThread', { threadId: waits.id, body: 'Internal: check with analysts.' });
  await call('replyToThread', { threadId: waits.id, stakeholderId: asha.id, body: 'Also the 2023 figure.' });
  await call('respondToThread', { threadId: waits.id, response: 'We added the 2024/25 baseline.' });
  await call('setThreadStatus', { threadId: waits.id, status: 'resolved' });
  await call('setThreadThemes', { threadId: waits.id, themes: ['Access to services', ' access to services '] });

  // A quoted thread whose words were edited a little (re-attached, "changed") and one whose words went.
  const changed = await call('createThread', { planId: plan.id, sectionId: start.id, stakeholderId: cllr.id, body: 'Name the schools.', quote: 'every school' });
  // Rows in a section follow the time each comment was made: a later millisecond for the next, so the order is that.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const removed = await call('createThread', { planId: plan.id, sectionId: start.id, stakeholderId: resident.id, body: 'Too vague.', quote: 'a healthy start' });
  await call('setThreadThemes', { threadId: removed.id, themes: ['Children and young people'] });
  await call('setThreadThemes', { threadId: changed.id, themes: ['Children and young people', 'Schools'] });
  const section = await call('getSection', { sectionId: start.id });
  await call('saveSectionContent', {
    sectionId: start.id,
    revision: section.revision,
    content: content(paragraph(text('We will visit '), mark([changed.id], text('every local school')), text(' each year.'))),
  });
  app.store.review.setAnchor(changed.id, { sectionId: start.id, quote: 'every school', prefix: '', suffix: '', changed: true, unplacedReason: '' });

  // The ICB's own internal comment: not a consultation response.
  await call('createThread', { planId: plan.id, sectionId: start.id, body: 'Our own note on tone.', quote: '' });

  await call('saveEngagementActivity', {
    planId: plan.id,
    startsOn: '2025-11-10',
    endsOn: '2025-12-05',
    method: 'Online survey',
    audience: 'Residents',
    reach: 412,
    partners: 'Healthwatch',
    heard: 'Waiting times',
  });
  await call('saveEngagementActivity', {
    planId: plan.id,
    startsOn: '2026-01-08',
    endsOn: null,
    method: 'Public meeting',
    audience: 'Residents',
    reach: 40,
    partners: '',
    heard: 'Transport',
  });
  return { plan, asha, cllr, resident };
}

describe('the published consultation report', () => {
  it('introduces the engagement: period, methods, counts by type of respondent, and the naming rule', async () => {
    const { plan } = await consultedPlan();
    const bytes = await consultationReport(app.store, plan.id);
    const words = bodyText(bytes);
    expect(words).toContain('We held 2 engagement activities between 10 November 2025 and 8 January 2026, reaching 452 people.');
    expect(words).toContain('The engagement period ran from 10 November 2025 to 8 January 2026.');
    expect(words).toContain('Methods we used: Online survey; Public meeting.');
    expect(words).toContain('We received 3 comments on the draft from 3 respondents; 1 has a response below.');
    expect(words).toContain('People are named only where they agreed to be');
    expect(tables(bytes)[0]).toEqual([
      ['Type of respondent', 'Respondents', 'Comments'],
      ['Local authority', '1', '1'],
      ['Healthwatch', '1', '1'],
      ['Public', '1', '1'],
    ]);
    expect(headings(readDocx(bytes)).map(([, t]) => t)).toEqual([
      'Consultation report: you said, we did',
      'About this consultation',
      'Children and young people',
      'Access to services',
    ]);
    expect(words).toContain('We have grouped the comments by theme: Children and young people (2); Access to services (1).');
    expect(checkAccessibility(bytes)).toEqual({ ok: true, problems: [] });
  });

  it('gives each row its section number and path, names only with consent, tells changed from removed, and has no workflow states', async () => {
    const { plan } = await consultedPlan();
    const bytes = await consultationReport(app.store, plan.id);
    const [, children, access] = tables(bytes);
    expect(children![0]).toEqual(['Section', 'Respondent', 'Type', 'You said', 'We did']);
    expect(children!.slice(1)).toEqual([
      [
        '2.1 Our priorities › Start well',
        'Cllr Jo Rowe, Test County Council',
        'Local authority',
        'On “every school” (the text has since changed):Name the schools.',
        'Response to follow.',
      ],
      ['2.1 Our priorities › Start well', 'A member of the public', 'Public', 'On “a healthy start” (the text has since been removed):Too vague.', 'Response to follow.'],
    ]);
    // Asha gave no consent: her organisation only. The ICB's internal reply is left out; hers stays.
    expect(access!.slice(1)).toEqual([
      [
        '2.1.1 Our priorities › Start well › What we will do',
        'Healthwatch Test',
        'Healthwatch',
        'Add the baseline <script>x</script>.Healthwatch Test: Also the 2023 figure.',
        'We added the 2024/25 baseline.',
      ],
    ]);
    const words = bodyText(bytes);
    for (const hidden of ['Asha Patel', 'Pat Resident', 'Resolved', 'Open', 'Internal: check', 'Our own note', 'Sam Author']) expect(words).not.toContain(hidden);
  });

  it('sets column widths so that no word is split across lines', async () => {
    const { plan } = await consultedPlan();
    const docx = readDocx(await consultationReport(app.store, plan.id));
    for (const table of wElements(docx.xml(docx.mainDocument()), 'tbl')) {
      const widths = wElements(table, 'gridCol').map((g) => Number(g.getAttributeNS(g.namespaceURI, 'w')));
      const total = widths.reduce((a, b) => a + b, 0);
      const rows = wElements(table, 'tr').map((tr) => wElements(tr, 'tc').map((tc) => textOf(tc)));
      widths.forEach((width, column) => {
        const longest = Math.max(...rows.map((r) => Math.max(...r[column]!.split(/\s+/).map((w) => w.length))));
        // A landscape A4 line holds about 115 characters at body size, less two characters of padding per column.
        const chars = (width / total) * (115 - 2 * widths.length);
        expect(chars, `column ${column} (${rows[0]![column]})`).toBeGreaterThanOrEqual(longest);
      });
    }
  });

  it('is also one accessible web page with the same words, content escaped', async () => {
    const { plan } = await consultedPlan();
    const page = (await consultationReport(app.store, plan.id, { format: 'html' })).toString('utf8');
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(page).toContain('<h1>Consultation report: you said, we did</h1>');
    expect(page).toContain('<h2>About this consultation</h2>');
    expect(page).toContain('<h2>Children and young people</h2>');
    expect(page).toContain('Add the baseline &lt;script&gt;x&lt;/script&gt;.');
    expect(page).toContain('<caption>Comments received by type of respondent</caption>');
    expect(page).toContain('2.1.1 Our priorities › Start well › What we will do');
    expect(page).not.toMatch(/<script|Asha Patel|Resolved/);

    let browser;
    try {
      browser = await launchBrowser();
    } catch {
      return; // No Chromium on this machine: the text checks above still ran.
    }
    try {
      const context = await browser.newContext({ bypassCSP: true });
      const tab = await context.newPage();
      await tab.setContent(page);
      await tab.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const violations = await tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string }[] }> } }).axe;
        const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
        return result.violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('the internal consultation report', () => {
  it('lists every thread with names, the ICB’s replies and each status', async () => {
    const { plan } = await consultedPlan();
    const bytes = await consultationReport(app.store, plan.id, { edition: 'internal' });
    expect(checkAccessibility(bytes)).toEqual({ ok: true, problems: [] });
    const all = tables(bytes).slice(1);
    const rows = all.flatMap((t) => t.slice(1));
    expect(all[0]![0]).toEqual(['Section', 'Respondent', 'Type', 'You said', 'We did', 'Status']);
    expect(rows).toContainEqual([
      '2.1.1 Our priorities › Start well › What we will do',
      'Asha Patel, Healthwatch Test',
      'Healthwatch',
      'Add the baseline <script>x</script>.Sam Author, NHS Test ICB: Internal: check with analysts.Asha Patel, Healthwatch Test: Also the 2023 figure.',
      'We added the 2024/25 baseline.',
      'Resolved',
    ]);
    expect(rows).toContainEqual(['2.1 Our priorities › Start well', 'Sam Author, NHS Test ICB', 'ICB', 'Our own note on tone.', 'Response to follow.', 'Open']);
    expect(rows.map((r) => r[1])).toContain('Pat Resident');
  });

  it('says so when nothing has been received', async () => {
    const plan = await call('createPlan', { title: 'Quiet plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const bytes = await consultationReport(app.store, plan.id);
    expect(bodyText(bytes)).toContain('No comments have been received yet.');
    expect(bodyText(bytes)).toContain('No engagement activities have been recorded yet.');
    expect(checkAccessibility(bytes)).toEqual({ ok: true, problems: [] });
  });
});

describe('themes and consent', () => {
  it('keeps a thread’s themes trimmed and without duplicates, and refuses empty or too many', async () => {
    const { plan, asha } = await consultedPlan();
    const thread = await call('createThread', { planId: plan.id, sectionId: null, stakeholderId: asha.id, body: 'General point.', quote: '' });
    const saved = await call('setThreadThemes', { threadId: thread.id, themes: ['  Workforce ', 'WORKFORCE', 'Digital   access'] });
    expect(saved.themes).toEqual(['Workforce', 'Digital access']);
    expect(await refusal('setThreadThemes', { threadId: thread.id, themes: ['  '] })).toBe('A theme cannot be empty.');
    expect(await refusal('setThreadThemes', { threadId: thread.id, themes: Array.from({ length: 9 }, (_, i) => `T${i}`) })).toBe('A thread can have at most 8 themes.');
    expect(await refusal('setThreadThemes', { threadId: thread.id, themes: ['x'.repeat(61)] })).toMatch(/60 characters/);
    expect((await call('listThreads', { planId: plan.id })).find((t) => t.id === thread.id)!.themes).toEqual(['Workforce', 'Digital access']);
    expect(await call('setThreadThemes', { threadId: thread.id, themes: [] })).toMatchObject({ themes: [] });
  });

  it('records consent to be named, changeable, and names the person only while it is given', async () => {
    const { plan, asha } = await consultedPlan();
    expect(asha.namedConsent).toBe(false);
    const given = await call('updateStakeholder', {
      stakeholderId: asha.id,
      name: asha.name,
      organisation: asha.organisation,
      orgType: asha.orgType,
      email: '',
      namedConsent: true,
    });
    expect(given.namedConsent).toBe(true);
    expect(bodyText(await consultationReport(app.store, plan.id))).toContain('Asha Patel, Healthwatch Test');
    // Saving the form without the field leaves consent as it was.
    await call('updateStakeholder', { stakeholderId: asha.id, name: asha.name, organisation: 'Healthwatch Test', orgType: asha.orgType, email: '' });
    expect((await call('listStakeholders', { planId: plan.id })).find((s) => s.id === asha.id)!.namedConsent).toBe(true);
    await call('updateStakeholder', { stakeholderId: asha.id, name: asha.name, organisation: asha.organisation, orgType: asha.orgType, email: '', namedConsent: false });
    expect(bodyText(await consultationReport(app.store, plan.id))).not.toContain('Asha Patel');
  });
});
