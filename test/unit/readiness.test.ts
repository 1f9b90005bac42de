// #15 Readiness: a statutory item is covered only by an approved section with
// real text; sign-off is refused while a blocking item has no reason, and the
// reasons, who and when are kept in the audit trail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { realWordCount } from '../../electron/services/readiness/section-text';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import type { MethodInput, MethodName } from '../../shared/contract';
import { contentFromParagraphs } from '../../shared/lexical-json';
import type { Plan, ReadinessItem } from '../../shared/domain';
import { callOk } from '../support/call-ok';
import { signOffWithReasons } from '../support/sign-off';

let dir: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-readiness-'));
  services = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const REAL = 'We will open two family hubs in Harrowfield by March 2028 and train forty health visitors, led by Harrowfield Council with the ICB.';

async function jfpPlan(): Promise<Plan> {
  return ok('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp', places: ['Riverside'] });
}

async function sectionTitled(planId: string, title: string) {
  const sections = await ok('listSections', { planId });
  return sections.find((s) => s.title === title)!;
}

async function write(sectionId: string, paragraphs: string[]) {
  const section = await ok('getSection', { sectionId });
  await ok('saveSectionContent', { sectionId, revision: section.revision, content: contentFromParagraphs(paragraphs) });
}

const item = (items: ReadinessItem[], id: string) => items.find((i) => i.id === id)!;

describe('coverage of a statutory item', () => {
  it('is not covered by a section that is approved but holds only the template guidance', async () => {
    const plan = await jfpPlan();
    const cyp = await sectionTitled(plan.id, 'Children and young people under 25');
    const full = await ok('getSection', { sectionId: cyp.id });
    await write(cyp.id, [full.guidance, ...full.expectedContent]);
    await ok('updateSectionMeta', { sectionId: cyp.id, status: 'approved' });
    const report = await ok('getReadiness', { planId: plan.id });
    expect(item(report.items, 'must-d-under-25')).toMatchObject({ done: false, blocking: true, reference: 'NHS Act 2006 s14Z52(2)(d)' });
    expect(item(report.items, 'must-d-under-25').detail).toMatch(/not written yet/);
  });

  it('is not covered by a section with real text that is not approved, and is once it is approved', async () => {
    const plan = await jfpPlan();
    const cyp = await sectionTitled(plan.id, 'Children and young people under 25');
    await write(cyp.id, [`For children and young people under 25: ${REAL}`]);
    await ok('updateSectionMeta', { sectionId: cyp.id, status: 'in_review' });
    let report = await ok('getReadiness', { planId: plan.id });
    expect(item(report.items, 'must-d-under-25')).toMatchObject({ done: false, fix: { tab: 'sections', sectionId: cyp.id } });
    expect(item(report.items, 'must-d-under-25').detail).toMatch(/in review/i);
    await ok('updateSectionMeta', { sectionId: cyp.id, status: 'approved' });
    report = await ok('getReadiness', { planId: plan.id });
    expect(item(report.items, 'must-d-under-25')).toMatchObject({ done: true });
    expect(item(report.items, `section:${cyp.id}`)).toBeUndefined();
  });

  it('needs a keyword rule to match when the item has one', async () => {
    const plan = await jfpPlan();
    const victims = await sectionTitled(plan.id, 'Victims of abuse');
    await write(victims.id, [REAL]);
    await ok('updateSectionMeta', { sectionId: victims.id, status: 'approved' });
    let report = await ok('getReadiness', { planId: plan.id });
    expect(item(report.items, 'must-e-victims-of-abuse')).toMatchObject({ done: false });
    expect(item(report.items, 'must-e-victims-of-abuse').detail).toMatch(/does not mention it/);
    await write(victims.id, [`${REAL} We will fund two domestic abuse advocates.`]);
    report = await ok('getReadiness', { planId: plan.id });
    expect(item(report.items, 'must-e-victims-of-abuse')).toMatchObject({ done: true });
  });

  it('counts words left once the guidance is taken out', () => {
    expect(realWordCount('Describe the services. Our own words here', 'Describe the services.', [])).toBe(4);
    expect(realWordCount('', 'Anything', [])).toBe(0);
  });
});

describe('the readiness report', () => {
  it('lists each board, unapproved sections with owners, incomplete commitments and the cover sheet, with a figure', async () => {
    const plan = await jfpPlan();
    const foreword = await sectionTitled(plan.id, 'Foreword');
    await ok('updateSectionMeta', { sectionId: foreword.id, owner: 'Sam Lee' });
    const commitment = await ok('addCommitment', { planId: plan.id, fields: { commitment: 'Open family hubs' } });
    const report = await ok('getReadiness', { planId: plan.id });
    const riverside = report.items.find((i) => i.group === 'hwb' && i.label.startsWith('Include the opinion of Riverside'));
    expect(riverside).toMatchObject({ id: expect.stringMatching(/^hwb:\S+$/), done: false, blocking: true, fix: { tab: 'opinions' } });
    expect(item(report.items, `section:${foreword.id}`)).toMatchObject({ label: '1 Foreword is approved', detail: 'Not started (owner: Sam Lee).', blocking: true });
    expect(item(report.items, `commitment:${commitment.id}`).detail).toBe('It has no metric, trajectory, lead organisation or target year.');
    expect(item(report.items, 'board-paper:cover')).toMatchObject({ done: false, fix: { tab: 'export' } });
    expect(report.ready).toBe(false);
    expect(report.counts.total).toBe(report.items.length);
    expect(report.counts.blockingOpen).toBe(report.items.filter((i) => i.blocking && !i.done).length);
    expect(report.percent).toBe(Math.floor((report.counts.done / report.counts.total) * 100));
  });
});

describe('open comments in readiness', () => {
  it('counts open threads by the kind of organisation that raised them, with a link to the comments, and drops a resolved one', async () => {
    const plan = await jfpPlan();
    const foreword = await sectionTitled(plan.id, 'Foreword');
    const asha = await ok('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
    const sam = await ok('addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'Test Council', orgType: 'local_authority', email: '' });
    const first = await ok('createThread', { planId: plan.id, sectionId: foreword.id, stakeholderId: asha.id, body: 'Add the baseline.', quote: '' });
    await ok('createThread', { planId: plan.id, sectionId: foreword.id, stakeholderId: asha.id, body: 'Name the hubs.', quote: '' });
    await ok('createThread', { planId: plan.id, sectionId: null, stakeholderId: sam.id, body: 'Shorten this.', quote: '' });
    let threads = (await ok('getReadiness', { planId: plan.id })).items.filter((i) => i.group === 'threads');
    expect(threads.map((i) => [i.id, i.detail, i.done, i.blocking, i.fix.tab])).toEqual([
      ['threads:healthwatch', '2 open comment threads.', false, false, 'review'],
      ['threads:local_authority', '1 open comment thread.', false, false, 'review'],
    ]);
    expect(item(threads, 'threads:healthwatch').label).toMatch(/^Comments from .*Healthwatch.* are answered$/);
    await ok('setThreadStatus', { threadId: first.id, status: 'resolved' });
    threads = (await ok('getReadiness', { planId: plan.id })).items.filter((i) => i.group === 'threads');
    expect(item(threads, 'threads:healthwatch').detail).toBe('1 open comment thread.');
  });
});

describe('sign-off', () => {
  it('is refused while a blocking item has no reason, and then records who, when and each reason', async () => {
    const plan = await jfpPlan();
    const before = await ok('getReadiness', { planId: plan.id });
    const open = before.items.filter((i) => i.blocking && !i.done);
    expect(open.length).toBeGreaterThan(10);
    const refused = await services.dispatch('signOffPlan', { planId: plan.id, name: 'Ada Byron', role: 'Chief Executive', reasons: [] });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/cannot be signed off: \d+ blocking items are not done/);
    expect((await ok('getPlan', { planId: plan.id })).isFinal).toBe(false);

    const reasons = open.map((i) => ({ itemId: i.id, reason: `Accepted for ${i.id}` }));
    const after = await ok('signOffPlan', { planId: plan.id, name: 'Ada Byron', role: 'Chief Executive', reasons });
    expect((await ok('getPlan', { planId: plan.id })).isFinal).toBe(true);
    expect(after.signOff).toMatchObject({ name: 'Ada Byron', role: 'Chief Executive', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(after.signOff!.reasons).toHaveLength(open.length);
    expect(after.signOff!.reasons[0]).toEqual({ itemId: open[0]!.id, label: open[0]!.label, reason: `Accepted for ${open[0]!.id}` });
    expect(item(after.items, 'sign-off')).toMatchObject({ done: true });
    const events = await ok('listPlanEvents', { planId: plan.id });
    // Signing off also takes the "Marked final" version (#16), listed just above it.
    expect(events.map((e) => e.kind).slice(0, 2)).toEqual(['version_saved', 'signed_off']);
    expect(events[1]).toMatchObject({ kind: 'signed_off', summary: expect.stringContaining('signed off as final by Ada Byron (Chief Executive)') });
    expect((events[1]!.detail as { reasons: unknown[] }).reasons).toHaveLength(open.length);
  });

  it('is the only way to mark the plan final: updatePlan refuses and points to the Readiness tab, and returning to draft stays allowed', async () => {
    const plan = await jfpPlan();
    const refused = await services.dispatch('updatePlan', { planId: plan.id, revision: plan.revision, isFinal: true });
    expect(!refused.ok && refused.error.message).toBe('Sign the plan off on the Readiness tab: it checks what is still missing and records who signed it off.');
    expect((await ok('getPlan', { planId: plan.id })).isFinal).toBe(false);
    expect((await ok('listPlanEvents', { planId: plan.id })).map((e) => e.kind)).not.toContain('marked_final');

    await signOffWithReasons(services, plan.id);
    // The export reads the sign-off for the board paper's appendix.
    const exported = loadPlanExport(services.store, plan.id).signOff;
    expect(exported).toMatchObject({ name: 'Ada Byron', role: 'Chief Executive' });
    expect(exported!.reasons[0]!.reason).toMatch(/^Accepted by the Board; to follow in the refresh\./);
    const signed = await ok('getPlan', { planId: plan.id });
    expect(signed.isFinal).toBe(true);
    // Saving other details of a final plan keeps it final.
    const renamed = await ok('updatePlan', { planId: plan.id, revision: signed.revision, title: 'Plan 2026/27', isFinal: true });
    expect(renamed).toMatchObject({ title: 'Plan 2026/27', isFinal: true });
    const draft = await ok('updatePlan', { planId: plan.id, revision: renamed.revision, isFinal: false });
    expect(draft.isFinal).toBe(false);
    expect((await ok('getReadiness', { planId: plan.id })).signOff).toBeNull();
  });

  it('refuses a reason for an item the plan does not have', async () => {
    const plan = await jfpPlan();
    const outcome = await services.dispatch('signOffPlan', { planId: plan.id, name: 'A', role: 'B', reasons: [{ itemId: 'no-such', reason: 'x' }] });
    expect(!outcome.ok && outcome.error.message).toBe('There is no readiness item "no-such" on this plan.');
  });
});

describe('priority chapters and optional sections (#15 point 8)', () => {
  it('gives a new plan one chapter per default priority, renamed with its priority unless retitled by hand', async () => {
    const plan = await jfpPlan();
    const priorities = await ok('listPriorities', { planId: plan.id });
    expect(priorities.map((p) => p.title)).toEqual(['Start well', 'Live well', 'Age well']);
    const renamed = await ok('updatePriority', { priorityId: priorities[0]!.id, revision: priorities[0]!.revision, title: 'Best start in life' });
    expect(renamed.title).toBe('Best start in life');
    expect((await ok('listSections', { planId: plan.id })).map((s) => s.title)).toContain('Best start in life');
    const live = await sectionTitled(plan.id, 'Live well');
    await ok('renameSection', { sectionId: live.id, title: 'Healthy adults' });
    await ok('updatePriority', { priorityId: priorities[1]!.id, revision: priorities[1]!.revision, title: 'Living well' });
    const titles = (await ok('listSections', { planId: plan.id })).map((s) => s.title);
    expect(titles).toContain('Healthy adults');
    expect(titles).not.toContain('Living well');
  });

  it('offers the optional sections and adds one from the template', async () => {
    const plan = await jfpPlan();
    const optional = await ok('listOptionalSections', { planId: plan.id });
    expect(optional.map((o) => o.title)).toEqual([
      'Our principles',
      'Maternity and neonatal services',
      'The wider determinants of health',
      'Our green plan',
      'The Armed Forces Covenant',
    ]);
    const added = await ok('addTemplateSection', { planId: plan.id, key: 'armed-forces' });
    expect(added.title).toBe('The Armed Forces Covenant');
    const full = await ok('getSection', { sectionId: added.id });
    expect(full.guidance).toMatch(/Armed Forces Covenant/);
  });
});
