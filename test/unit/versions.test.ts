// #16 named versions, compare, restore and the annual refresh, through the same
// dispatcher the app uses, asserting on what a user gets back and on the rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { openStore } from '../../electron/services/store';
import type { MethodInput, MethodName } from '../../shared/contract';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { signOffWithReasons } from '../support/sign-off';
import { paragraphs, readDocx } from '../support/docx-reader';

let dir: string;
let dbPath: string;
let services: AppServices;
let saved: string[];
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-versions-'));
  dbPath = path.join(dir, 'jfp.db');
  saved = [];
  services = startServices(dbPath, {
    exportPorts: {
      chooseSavePath: async (name) => {
        const file = path.join(dir, name);
        saved.push(file);
        return file;
      },
      chooseOpenPath: async () => null,
      openPath: async () => {},
      showInFolder: () => {},
    },
  });
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function planWithText() {
  const plan = await ok('createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const intro = await ok('addSection', { planId: plan.id, parentId: null, title: 'Introduction' });
  const care = await ok('addSection', { planId: plan.id, parentId: null, title: 'Urgent care' });
  const wards = await ok('addSection', { planId: plan.id, parentId: care.id, title: 'Virtual wards' });
  const people = await ok('addSection', { planId: plan.id, parentId: null, title: 'Our people' });
  await ok('saveSectionContent', {
    sectionId: intro.id,
    revision: intro.revision,
    content: contentFromParagraphs(['This plan sets out how partners will improve health.']),
  });
  await ok('saveSectionContent', {
    sectionId: wards.id,
    revision: wards.revision,
    content: contentFromParagraphs(['We will open forty virtual ward beds by March.']),
  });
  const commitment = await ok('addCommitment', {
    planId: plan.id,
    fields: {
      commitment: 'Virtual ward capacity',
      metric: 'Beds',
      sectionId: wards.id,
      baselineValue: 20,
      baselineDate: '2026-03-31',
      trajectory: [{ year: 2027, planned: 40 }],
    },
  });
  return { plan, intro, care, wards, people, commitment };
}

const textOf = async (sectionId: string) => {
  const section = await ok('getSection', { sectionId });
  return section.content;
};

it('saves a version with label, note and who; restoring it is reversible through the safety version', async () => {
  await ok('saveProfile', { name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Test ICB', email: '' });
  const { plan, wards, people, commitment } = await planWithText();
  const v1 = await ok('saveVersion', { planId: plan.id, label: 'Draft sent to HWBs, 14 Jan', note: 'For the HWB round' });
  expect(v1).toMatchObject({ label: 'Draft sent to HWBs, 14 Jan', note: 'For the HWB round', kind: 'manual', actor: 'Priya Shah (Head of Strategy, NHS Test ICB)' });

  // Edit: new text, a new section, a deleted section, a changed commitment.
  const w = await ok('getSection', { sectionId: wards.id });
  const editedContent = contentFromParagraphs(['We will open sixty virtual ward beds by June.']);
  await ok('saveSectionContent', { sectionId: wards.id, revision: w.revision, content: editedContent });
  const added = await ok('addSection', { planId: plan.id, parentId: null, title: 'Added after the version' });
  await ok('deleteSection', { sectionId: people.id });
  await ok('updateCommitment', { commitmentId: commitment.id, revision: commitment.revision, fields: { target: '60 beds' } });

  const { safety } = await ok('restoreVersion', { planId: plan.id, versionId: v1.id });
  expect(safety).toMatchObject({ label: 'Before restoring Draft sent to HWBs, 14 Jan', kind: 'before-restore' });
  const outline = await ok('listSections', { planId: plan.id });
  expect(outline.map((s) => s.title)).toEqual(['Introduction', 'Urgent care', 'Virtual wards', 'Our people']);
  expect(await textOf(wards.id)).toContain('forty virtual ward beds');
  // The section added since is in Recently deleted, not gone.
  expect((await ok('listDeletedSections', { planId: plan.id })).map((d) => d.title)).toContain('Added after the version');
  expect((await ok('getCommitment', { commitmentId: commitment.id })).target).toBe('');

  // Undo the restore by restoring the safety version.
  await ok('restoreVersion', { planId: plan.id, versionId: safety.id });
  expect((await ok('listSections', { planId: plan.id })).map((s) => s.title)).toEqual(['Introduction', 'Urgent care', 'Virtual wards', 'Added after the version']);
  expect(await textOf(wards.id)).toContain('sixty virtual ward beds');
  expect(await textOf(added.id)).toBeTruthy();
  expect((await ok('getCommitment', { commitmentId: commitment.id })).target).toBe('60 beds');
  // The search index follows the restored text.
  expect((await ok('search', { planId: plan.id, query: 'sixty' })).length).toBeGreaterThan(0);

  const events = await ok('listPlanEvents', { planId: plan.id });
  expect(events.filter((e) => e.kind === 'version_restored')).toHaveLength(2);
  expect(events.some((e) => e.kind === 'version_saved' && e.summary.includes('Draft sent to HWBs'))).toBe(true);
  const list = await ok('listVersions', { planId: plan.id });
  expect(list.versions.map((v) => v.kind)).toEqual(['before-restore', 'before-restore', 'manual']);
});

it('a version holds the HWB opinions and restores them; comment threads are referenced, not copied, so one made since stays', async () => {
  const { plan, wards } = await planWithText();
  await ok('saveHwbBoard', { planId: plan.id, name: 'Northtown HWB', places: [], draftSentOn: null, sharedWithNhseOn: null, finalSentOn: null });
  await ok('saveHwbOpinion', {
    planId: plan.id,
    board: 'Northtown HWB',
    receivedOn: '2027-01-20',
    opinion: 'The plan takes proper account of our strategy.',
    takesProperAccount: 'yes',
  });
  const v1 = await ok('saveVersion', { planId: plan.id, label: 'With the HWB opinion' });
  const [board] = await ok('listHwbOpinions', { planId: plan.id });
  await ok('saveHwbOpinion', { planId: plan.id, board: 'Northtown HWB', receivedOn: '2027-02-01', opinion: 'Changed our mind.', takesProperAccount: 'no' });
  const reviewer = await ok('addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
  await ok('createThread', { planId: plan.id, sectionId: wards.id, stakeholderId: reviewer.id, body: 'Made after the version.', quote: '' });

  await ok('restoreVersion', { planId: plan.id, versionId: v1.id });
  const opinions = await ok('listHwbOpinions', { planId: plan.id });
  expect(opinions.map((b) => [b.id, b.opinion, b.takesProperAccount, b.receivedOn])).toEqual([
    [board!.id, 'The plan takes proper account of our strategy.', 'yes', '2027-01-20'],
  ]);
  expect((await ok('listThreads', { planId: plan.id })).map((t) => t.comments[0]!.body)).toEqual(['Made after the version.']);
});

it('refuses a 10,000-character label with a sentence and saves nothing', async () => {
  const { plan } = await planWithText();
  const outcome = await services.dispatch('saveVersion', { planId: plan.id, label: 'x'.repeat(10_000) });
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.error.message).toBe('A version label must be 200 characters or fewer. Put the detail in the note.');
  const empty = await services.dispatch('saveVersion', { planId: plan.id, label: '   ' });
  expect(empty.ok).toBe(false);
  expect((await ok('listVersions', { planId: plan.id })).versions).toEqual([]);
});

it('a mid-year revision needs a reason and is listed in the history with it', async () => {
  const { plan } = await planWithText();
  const refused = await services.dispatch('saveVersion', { planId: plan.id, label: 'Q2 revision', kind: 'revision' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toBe('Give the reason for this mid-year revision.');
  await ok('saveVersion', { planId: plan.id, label: 'Q2 revision', kind: 'revision', reason: 'New elective recovery guidance' });
  expect((await ok('listVersions', { planId: plan.id })).versions[0]).toMatchObject({ kind: 'revision', reason: 'New elective recovery guidance' });
  const events = await ok('listPlanEvents', { planId: plan.id });
  expect(events[0]).toMatchObject({ kind: 'version_saved', summary: 'A mid-year revision “Q2 revision” was saved.' });
});

it('compare reports a moved section as moved, a renamed one as renamed, words added and removed, and commitments field by field', async () => {
  const { plan, wards, people, commitment, intro } = await planWithText();
  const v1 = await ok('saveVersion', { planId: plan.id, label: 'Before the move' });
  await ok('moveSection', { sectionId: wards.id, parentId: people.id, index: 0 });
  await ok('renameSection', { sectionId: people.id, title: 'Our people and workforce' });
  const w = await ok('getSection', { sectionId: wards.id });
  await ok('saveSectionContent', { sectionId: wards.id, revision: w.revision, content: contentFromParagraphs(['We will open sixty virtual ward beds by March.']) });
  await ok('updateCommitment', { commitmentId: commitment.id, revision: commitment.revision, fields: { trajectory: [{ year: 2027, planned: 60 }] } });
  await ok('addActual', { commitmentId: commitment.id, date: '2026-06-30', value: 25 });
  await ok('deleteSection', { sectionId: intro.id });

  const diff = await ok('compareVersions', { planId: plan.id, from: v1.id, to: 'current' });
  const moved = diff.sections.find((s) => s.id === wards.id)!;
  expect(moved.changes).toContain('moved');
  expect(moved.changes).not.toContain('added');
  expect(moved.movedFrom).toBe('from under “Urgent care”');
  expect(moved.movedTo).toBe('to under “Our people and workforce”');
  expect(moved.diff).toEqual(
    expect.arrayContaining([
      { kind: 'removed', text: 'forty' },
      { kind: 'added', text: 'sixty' },
    ]),
  );
  expect(moved.wordsAdded).toBe(1);
  expect(diff.sections.find((s) => s.id === people.id)).toMatchObject({ changes: ['renamed'], oldTitle: 'Our people' });
  expect(diff.sections.find((s) => s.id === intro.id)?.changes).toEqual(['removed']);
  expect(diff.summary).toMatchObject({ sectionsMoved: 1, sectionsRemoved: 1, sectionsAdded: 0, sectionsRenamed: 1, commitmentsChanged: 1 });
  const fields = diff.commitments[0]!.fields;
  expect(fields).toEqual(
    expect.arrayContaining([
      { field: 'Planned 2027/28', from: '40', to: '60' },
      { field: 'Actual 2026-06-30', from: '', to: '25' },
    ]),
  );
  // A sibling inserted before a section does not make it "moved".
  const v2 = await ok('saveVersion', { planId: plan.id, label: 'After' });
  await ok('addSection', { planId: plan.id, parentId: null, title: 'New first section', afterSectionId: null });
  const again = await ok('compareVersions', { planId: plan.id, from: v2.id, to: 'current' });
  expect(again.sections.map((s) => [s.title, s.changes])).toEqual([['New first section', ['added']]]);
});

it('opens a version read-only: its outline and a section’s text as they were', async () => {
  const { plan, wards } = await planWithText();
  const v1 = await ok('saveVersion', { planId: plan.id, label: 'First' });
  const w = await ok('getSection', { sectionId: wards.id });
  await ok('saveSectionContent', { sectionId: wards.id, revision: w.revision, content: contentFromParagraphs(['Changed later.']) });
  const view = await ok('getVersion', { planId: plan.id, versionId: v1.id });
  expect(view.outline.map((o) => [o.title, o.depth])).toEqual([
    ['Introduction', 1],
    ['Urgent care', 1],
    ['Virtual wards', 2],
    ['Our people', 1],
  ]);
  expect((await ok('getVersionSection', { planId: plan.id, versionId: v1.id, sectionId: wards.id })).plainText).toBe('We will open forty virtual ward beds by March.');
});

it('takes a version automatically when the plan is signed off as final', async () => {
  const { plan } = await planWithText();
  await signOffWithReasons(services, plan.id);
  const { versions } = await ok('listVersions', { planId: plan.id });
  expect(versions).toMatchObject([{ label: 'Marked final', kind: 'automatic' }]);
  expect(services.store.versions.latestLabel(plan.id)).toBe('Marked final');
});

it('starts next year’s plan: period on a year, drafting, a “What changed” section, outturn as baseline, no comments, linked both ways', async () => {
  const { plan, wards, commitment } = await planWithText();
  const reviewer = await ok('addStakeholder', { planId: plan.id, name: 'R', organisation: 'Healthwatch', orgType: 'healthwatch', email: '' });
  await ok('createThread', { planId: plan.id, sectionId: wards.id, stakeholderId: reviewer.id, body: 'Is forty enough?', quote: '' });
  await ok('updateSectionMeta', { sectionId: wards.id, status: 'approved' });
  await ok('saveVersion', { planId: plan.id, label: 'Start of year' });
  await ok('addActual', { commitmentId: commitment.id, date: '2026-09-30', value: 31 });
  await ok('addActual', { commitmentId: commitment.id, date: '2026-11-30', value: 38 });

  const next = await ok('startNextYearPlan', { planId: plan.id });
  expect(next).toMatchObject({ title: 'Joint Forward Plan 2027/28 to 2031/32', startYear: 2027, endYear: 2031 });
  const sections = await ok('listSections', { planId: next.id });
  expect(sections.map((s) => s.title)).toEqual(['Introduction', 'What changed since last year', 'Urgent care', 'Virtual wards', 'Our people']);
  expect(new Set(sections.map((s) => s.status))).toEqual(new Set(['drafting']));
  const whatChanged = await ok('getSection', { sectionId: sections[1]!.id });
  expect(whatChanged.content).toContain('Since Start of year');
  const [carried] = await ok('listCommitments', { planId: next.id });
  expect(carried).toMatchObject({ commitment: 'Virtual ward capacity', baselineValue: 38, baselineDate: '2026-11-30', actuals: [] });
  expect(carried!.baselineSource).toContain('Outturn carried from Joint Forward Plan 2026/27 to 2030/31');
  expect(carried!.sectionId).toBe(sections.find((s) => s.title === 'Virtual wards')!.id);
  expect(carried!.trajectory.find((t) => t.year === 2027)?.planned).toBe(40);
  expect(await ok('listThreads', { planId: next.id })).toEqual([]);
  expect(await ok('listThreads', { planId: plan.id })).toHaveLength(1);
  expect((await ok('listVersions', { planId: next.id })).previousPlan).toEqual({ id: plan.id, title: plan.title });
  expect((await ok('listVersions', { planId: plan.id })).nextPlans).toEqual([{ id: next.id, title: next.title }]);

  // Compare across the years: carried sections match last year's, so only what was added shows.
  const across = await ok('compareVersions', { planId: next.id, from: 'previous', to: 'current' });
  expect(across.sections.filter((s) => s.changes.includes('added')).map((s) => s.title)).toEqual(['What changed since last year']);
  expect(across.sections.filter((s) => s.changes.includes('removed'))).toEqual([]);
  expect(across.commitments.find((c) => c.change === 'changed')?.fields).toEqual(expect.arrayContaining([{ field: 'Baseline value', from: '20', to: '38' }]));
});

it('exports the “What changed since” paper with Added:/Removed: words beside underline and strike-through', async () => {
  const { plan, wards } = await planWithText();
  const v1 = await ok('saveVersion', { planId: plan.id, label: 'HWB draft' });
  const w = await ok('getSection', { sectionId: wards.id });
  await ok('saveSectionContent', { sectionId: wards.id, revision: w.revision, content: contentFromParagraphs(['We will open sixty virtual ward beds by March.']) });
  const result = await ok('exportWhatChanged', { planId: plan.id, from: v1.id, to: 'current' });
  expect(result.fileName).toMatch(/What changed since HWB draft\.docx$/);
  const docx = readDocx(fs.readFileSync(saved[0]!));
  const texts = paragraphs(docx).map((p) => p.text);
  expect(texts[0]).toBe('What changed since HWB draft');
  expect(texts.find((t) => t.includes('[Added: sixty]'))).toContain('[Removed: forty]');
  const xml = docx.text(docx.mainDocument());
  // Underline and strike-through on the changed words themselves, not colour alone.
  expect(xml).toMatch(/<w:r><w:rPr><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">sixty<\/w:t><\/w:r>/);
  expect(xml).toMatch(/<w:r><w:rPr><w:strike\/><\/w:rPr><w:t xml:space="preserve">forty<\/w:t><\/w:r>/);
});

it('restoring while an export reads the plan is safe: the export’s read transaction sees one consistent plan', async () => {
  const { plan, wards, intro } = await planWithText();
  const v1 = await ok('saveVersion', { planId: plan.id, label: 'Old' });
  for (const id of [wards.id, intro.id]) {
    const s = await ok('getSection', { sectionId: id });
    await ok('saveSectionContent', { sectionId: id, revision: s.revision, content: contentFromParagraphs(['NEW text everywhere.']) });
  }
  // The export worker opens its own connection and reads inside store.read; the restore runs on the app's between its reads.
  const exporter = openStore(dbPath, { readonly: true });
  try {
    const seen = exporter.read(() => {
      const first = exporter.sections.plainText(intro.id);
      services.store.versions.restore(plan.id, services.store.versions.read(v1.id).snapshot);
      const second = exporter.sections.plainText(wards.id);
      return [first, second];
    });
    expect(seen).toEqual(['NEW text everywhere.', 'NEW text everywhere.']);
  } finally {
    exporter.close();
  }
  // And the restore itself went through, whole.
  expect(services.store.sections.plainText(wards.id)).toBe('We will open forty virtual ward beds by March.');
  expect(services.store.sections.plainText(intro.id)).toBe('This plan sets out how partners will improve health.');
});

it('takes a version automatically when a review pack is sent and when a board paper is exported, but not for a plain export', async () => {
  const { plan } = await planWithText();
  const reviewer = await ok('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch', orgType: 'healthwatch', email: '' });
  await ok('sendForReview', { planId: plan.id, stakeholderId: reviewer.id });
  const waitFor = async (jobId: string) => {
    for (let i = 0; i < 600; i++) {
      const status = await ok('exportStatus', { jobId });
      if (status.state !== 'running') return status;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the export did not finish');
  };
  const plain = await ok('startExport', { planId: plan.id, format: 'docx' });
  await waitFor(plain.jobId!);
  const paper = await ok('startExport', { planId: plan.id, format: 'docx', options: { kind: 'board_paper' } });
  await waitFor(paper.jobId!);
  const { versions } = await ok('listVersions', { planId: plan.id });
  expect(versions.map((v) => [v.label, v.kind])).toEqual([
    ['Board paper exported', 'automatic'],
    ['Review pack sent to Asha Patel', 'automatic'],
  ]);
  const events = await ok('listPlanEvents', { planId: plan.id });
  expect(events.filter((e) => e.kind === 'version_saved').map((e) => e.summary)).toEqual([
    'A version “Board paper exported” was saved automatically.',
    'A version “Review pack sent to Asha Patel” was saved automatically.',
  ]);
});

it('refuses a version of another plan, and a damaged version with a sentence', async () => {
  const { plan } = await planWithText();
  const other = await ok('createPlan', { title: 'Other plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const v = await ok('saveVersion', { planId: plan.id, label: 'Mine' });
  const wrong = await services.dispatch('restoreVersion', { planId: other.id, versionId: v.id });
  expect(wrong.ok).toBe(false);
  if (!wrong.ok) expect(wrong.error.message).toBe('That version belongs to another plan.');
  services.store.db.prepare('UPDATE plan_versions SET snapshot = ? WHERE id = ?').run(Buffer.from('not gzip'), v.id);
  const damaged = await services.dispatch('compareVersions', { planId: plan.id, from: v.id, to: 'current' });
  expect(damaged.ok).toBe(false);
  if (!damaged.ok) expect(damaged.error.message).toBe('The version “Mine” is damaged and cannot be read. Other versions are not affected.');
  const noPrevious = await services.dispatch('compareVersions', { planId: plan.id, from: 'previous', to: 'current' });
  expect(noPrevious.ok).toBe(false);
});

it('a section rewritten end to end beyond the diff’s time is shown as its old text removed and its new text added', async () => {
  const { wordDiff } = await import('../../electron/services/versions/compare');
  const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `w${(i * seed * 7919) % 997}`).join(' ');
  const before = words(4000, 3);
  const after = words(4000, 5);
  const quick = wordDiff(before, after, 0);
  expect(quick.parts.map((p) => p.kind)).toEqual(['removed', 'added']);
  expect([quick.removed, quick.added]).toEqual([4000, 4000]);
  // Given time, the same texts get a real word diff.
  expect(wordDiff('one two three', 'one four three').parts).toEqual([
    { kind: 'same', text: 'one ' },
    { kind: 'removed', text: 'two' },
    { kind: 'added', text: 'four' },
    { kind: 'same', text: ' three' },
  ]);
});

it('a store opened read-only on a file without the versions table still opens and reads (its statements are prepared at first use)', async () => {
  const { plan } = await planWithText();
  services.close();
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(dbPath);
  raw.exec('DROP TABLE plan_versions');
  raw.close();
  const reader = openStore(dbPath, { readonly: true });
  try {
    expect(reader.plans.list().map((p) => p.id)).toEqual([plan.id]);
    expect(() => reader.versions.list(plan.id)).toThrow(/no such table: plan_versions/);
  } finally {
    reader.close();
    services = startServices(dbPath);
  }
});
