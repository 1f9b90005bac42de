// The delivery table: adding, editing and deleting commitments, two people
// editing the same row, and links to sections that must belong to the plan.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import type { Plan } from '../../shared/domain';
import { RAG_RULE } from '../../shared/rag';

let dir: string;
let services: AppServices;
let plan: Plan;

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

async function refused(method: MethodName, input: unknown) {
  const outcome = await services.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} unexpectedly succeeded`);
  return outcome.error;
}

const newPlan = (title = 'Joint Forward Plan 2026/27 to 2030/31') => ok('createPlan', { title, icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
const rows = async (planId = plan.id) => (await ok('listCommitments', { planId })).map((c) => c.commitment);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-commitments-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await newPlan();
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the delivery table', () => {
  it('adds an empty row at the end, with status "not set"', async () => {
    const added = await ok('addCommitment', { planId: plan.id });
    expect(added).toMatchObject({
      planId: plan.id,
      sectionId: null,
      position: 0,
      priority: '',
      commitment: '',
      metric: '',
      baseline: '',
      target: '',
      targetYear: null,
      guidanceYear: '',
      leadOrg: '',
      rag: 'not_set',
      revision: 1,
    });
    const second = await ok('addCommitment', { planId: plan.id, fields: { commitment: 'Second' } });
    expect(second.position).toBe(1);
    expect(await rows()).toEqual(['', 'Second']);
  });

  it('adds a filled row and lists rows in the order they were added', async () => {
    const urgent = await ok('addSection', { planId: plan.id, parentId: null, title: 'Urgent and emergency care' });
    await ok('addCommitment', {
      planId: plan.id,
      fields: {
        sectionId: urgent.id,
        priority: 'Urgent care',
        commitment: 'Patients seen within four hours in A&E',
        metric: '4-hour performance',
        baseline: '73.4% (Dec 2025)',
        target: '78%',
        targetYear: 2026,
        guidanceYear: '2025/26',
        leadOrg: 'Acute trusts',
        rag: 'amber',
        ragOverrideReason: 'Set in the test.',
      },
    });
    await ok('addCommitment', { planId: plan.id, fields: { commitment: 'Faster cancer diagnosis', rag: 'red', ragOverrideReason: 'Set in the test.' } });
    const list = await ok('listCommitments', { planId: plan.id });
    expect(list.map((c) => [c.position, c.commitment, c.rag])).toEqual([
      [0, 'Patients seen within four hours in A&E', 'amber'],
      [1, 'Faster cancer diagnosis', 'red'],
    ]);
    expect(list[0]).toMatchObject({ sectionId: urgent.id, targetYear: 2026, guidanceYear: '2025/26', baseline: '73.4% (Dec 2025)' });
  });

  it('saves an edit, keeping the fields not sent, and moves the revision on', async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { commitment: 'Virtual wards', target: '40', leadOrg: 'Community trust' } });
    const edited = await ok('updateCommitment', {
      commitmentId: row.id,
      revision: 1,
      fields: { target: '45', targetYear: 2028, rag: 'green', ragOverrideReason: 'Set in the test.' },
    });
    expect(edited).toMatchObject({ commitment: 'Virtual wards', target: '45', targetYear: 2028, rag: 'green', leadOrg: 'Community trust', revision: 2 });
    const cleared = await ok('updateCommitment', { commitmentId: row.id, revision: 2, fields: { targetYear: null } });
    expect(cleared.targetYear).toBeNull();
    expect((await ok('listCommitments', { planId: plan.id }))[0]).toEqual(cleared);
  });

  it('refuses an edit made to an out-of-date copy, keeping the saved row', async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { target: '78%' } });
    await ok('updateCommitment', { commitmentId: row.id, revision: 1, fields: { target: '80%' } });
    const error = await refused('updateCommitment', { commitmentId: row.id, revision: 1, fields: { target: '75%' } });
    expect(error).toEqual({
      code: 'conflict',
      message:
        'This commitment was changed elsewhere since you opened it (your copy is revision 1, the saved one is 2): the saved Target differs from yours. Choose which to keep, or reload the delivery table.',
    });
    expect((await ok('listCommitments', { planId: plan.id }))[0]).toMatchObject({ target: '80%', revision: 2 });
  });

  it('links a row only to a section of the same plan', async () => {
    const other = await newPlan('Another plan');
    const theirs = await ok('addSection', { planId: other.id, parentId: null, title: 'Their section' });
    const message = 'The section to link this commitment to could not be found in this plan. Choose one of the plan’s sections, or none.';
    expect(await refused('addCommitment', { planId: plan.id, fields: { sectionId: theirs.id } })).toEqual({ code: 'invalid_input', message });
    expect(await rows()).toEqual([]);

    const row = await ok('addCommitment', { planId: plan.id, fields: { commitment: 'Mine' } });
    expect(await refused('updateCommitment', { commitmentId: row.id, revision: 1, fields: { sectionId: theirs.id } })).toEqual({ code: 'invalid_input', message });
    const ours = await ok('addSection', { planId: plan.id, parentId: null, title: 'Our section' });
    await ok('deleteSection', { sectionId: ours.id });
    expect((await refused('updateCommitment', { commitmentId: row.id, revision: 1, fields: { sectionId: ours.id } })).code).toBe('invalid_input');
    expect((await ok('listCommitments', { planId: plan.id }))[0]).toMatchObject({ sectionId: null, revision: 1 });
  });

  it('keeps a row when its linked section is deleted, and can unlink it', async () => {
    const section = await ok('addSection', { planId: plan.id, parentId: null, title: 'Age well' });
    const row = await ok('addCommitment', { planId: plan.id, fields: { sectionId: section.id, commitment: 'Falls classes' } });
    await ok('deleteSection', { sectionId: section.id });
    const edited = await ok('updateCommitment', { commitmentId: row.id, revision: 1, fields: { target: '10% fewer' } });
    expect(edited).toMatchObject({ commitment: 'Falls classes', target: '10% fewer', sectionId: section.id });
    expect((await ok('updateCommitment', { commitmentId: row.id, revision: 2, fields: { sectionId: null } })).sectionId).toBeNull();
  });

  it('deletes a row and closes the gap in the order', async () => {
    const [a, b, c] = [
      await ok('addCommitment', { planId: plan.id, fields: { commitment: 'A' } }),
      await ok('addCommitment', { planId: plan.id, fields: { commitment: 'B' } }),
      await ok('addCommitment', { planId: plan.id, fields: { commitment: 'C' } }),
    ];
    expect(await ok('deleteCommitment', { commitmentId: b.id })).toEqual({ deleted: true });
    const list = await ok('listCommitments', { planId: plan.id });
    expect(list.map((r) => [r.commitment, r.position])).toEqual([
      ['A', 0],
      ['C', 1],
    ]);
    expect(list.map((r) => r.id)).toEqual([a.id, c.id]);
    expect(await refused('deleteCommitment', { commitmentId: b.id })).toEqual({
      code: 'not_found',
      message: 'That commitment could not be found. It may have been deleted.',
    });
    expect((await ok('addCommitment', { planId: plan.id, fields: { commitment: 'D' } })).position).toBe(2);
  });

  it('keeps each plan’s rows to itself, and goes when its plan is deleted', async () => {
    const other = await newPlan('Another plan');
    await ok('addCommitment', { planId: plan.id, fields: { commitment: 'Ours' } });
    await ok('addCommitment', { planId: other.id, fields: { commitment: 'Theirs' } });
    expect(await rows(plan.id)).toEqual(['Ours']);
    expect(await rows(other.id)).toEqual(['Theirs']);
    await ok('deletePlan', { planId: other.id });
    expect(await refused('listCommitments', { planId: other.id })).toEqual({ code: 'not_found', message: 'That plan could not be found. It may have been deleted.' });
    const left = services.store.db.prepare('SELECT count(*) AS n FROM commitments').get() as { n: number };
    expect(left.n).toBe(1);
  });

  it('refuses rows for a plan that does not exist, and values the table cannot hold', async () => {
    expect((await refused('addCommitment', { planId: 'no-such-plan' })).code).toBe('not_found');
    expect((await refused('updateCommitment', { commitmentId: 'no-such-row', revision: 1, fields: {} })).code).toBe('not_found');
    expect((await refused('addCommitment', { planId: plan.id, fields: { targetYear: 1999 } })).message).toBe('The target year must be 2000 or later.');
    expect((await refused('addCommitment', { planId: plan.id, fields: { rag: 'purple' } })).code).toBe('invalid_input');
    expect((await refused('addCommitment', { planId: plan.id, fields: { commitment: 'x'.repeat(2001) } })).message).toBe(
      'The commitment must be 2,000 characters or fewer.',
    );
    expect(await rows()).toEqual([]);
  });

  it('marks the plan as changed when its table changes', async () => {
    const before = (await ok('getPlan', { planId: plan.id })).updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ok('addCommitment', { planId: plan.id });
    expect((await ok('getPlan', { planId: plan.id })).updatedAt > before).toBe(true);
  });
});

describe('the grid’s rows (#11 list payload)', () => {
  it('carries each row’s computed status, the count and the latest of its actuals, not every actual; the whole commitment still has them', async () => {
    const added = await ok('addCommitment', {
      planId: plan.id,
      fields: { commitment: 'Cut waits', trajectory: [2026, 2027, 2028, 2029, 2030].map((year) => ({ year, planned: 60 })) },
    });
    for (let month = 4; month <= 11; month++)
      await ok('addActual', { commitmentId: added.id, date: `2026-${String(month).padStart(2, '0')}-15`, value: 50 + month, source: 'Monthly return' });
    const [row] = await ok('listCommitmentRows', { planId: plan.id });
    const [whole] = await ok('listCommitments', { planId: plan.id });
    expect(row).not.toHaveProperty('actuals');
    expect(row).toMatchObject({ commitment: 'Cut waits', actualsCount: 8, revision: whole!.revision });
    expect(row!.latestActual).toEqual({ date: '2026-11-15', value: 61, source: 'Monthly return' });
    // The rule is one sentence for every row (RAG_RULE), so the rows carry the status and its reason only.
    expect(row!.ragComputed).toEqual({ status: whole!.ragComputed.status, reason: whole!.ragComputed.reason });
    expect(whole!.ragComputed.rule).toBe(RAG_RULE);
    expect(row!.rag).toBe('green');
    expect(whole!.actuals).toHaveLength(8);
    // The grid's answer does not grow with the actuals.
    const { actuals: _all, ...withoutActuals } = whole!;
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(withoutActuals).length + 300);
    expect((await ok('getCommitment', { commitmentId: added.id })).actuals.map((a) => a.value)).toEqual([54, 55, 56, 57, 58, 59, 60, 61]);
    expect(await refused('listCommitmentRows', { planId: 'no-such-plan' })).toMatchObject({ code: 'not_found' });
  });
});
