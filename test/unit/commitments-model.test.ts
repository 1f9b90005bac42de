// #11 The delivery table's model through the API: financial years inside the
// plan's period, trajectories, actuals and the status computed from them,
// overrides with reasons, priorities, places, conflicts that name the fields,
// and the migration of a database from the release before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { MethodInput, MethodName } from '../../shared/contract';
import type { Plan } from '../../shared/domain';
import { callOk } from '../support/call-ok';
import { SCHEMA6_PLAN_ID, writeSchema6File } from '../support/schema6-file';

let dir: string;
let services: AppServices;
let plan: Plan;

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);
async function refused(method: MethodName, input: unknown) {
  const outcome = await services.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} unexpectedly succeeded`);
  return outcome.error;
}
const PERIOD = "outside this plan's period, 2026/27 to 2030/31.";

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-commitments-model-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await ok('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank', places: ['Northtown', 'Southshire'] });
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('financial years in the delivery table', () => {
  it("refuses a target year or trajectory year outside the plan's period, naming the period", async () => {
    expect(await refused('addCommitment', { planId: plan.id, fields: { targetYear: 2031 } })).toEqual({
      code: 'invalid_input',
      message: `The target year 2031/32 is ${PERIOD}`,
    });
    const row = await ok('addCommitment', { planId: plan.id, fields: { targetYear: 2030 } });
    expect((await refused('updateCommitment', { commitmentId: row.id, revision: 1, fields: { trajectory: [{ year: 2025, planned: 3 }] } })).message).toBe(
      `The trajectory year 2025/26 is ${PERIOD}`,
    );
    expect(await ok('getCommitment', { commitmentId: row.id })).toMatchObject({ targetYear: 2030, revision: 1 });
  });

  it('keeps one trajectory point per plan year; a point sent replaces that year, null clears it', async () => {
    const row = await ok('addCommitment', {
      planId: plan.id,
      fields: {
        trajectory: [
          { year: 2026, planned: 70 },
          { year: 2028, planned: 80 },
        ],
      },
    });
    expect(row.trajectory).toEqual([
      { year: 2026, planned: 70 },
      { year: 2027, planned: null },
      { year: 2028, planned: 80 },
      { year: 2029, planned: null },
      { year: 2030, planned: null },
    ]);
    const edited = await ok('updateCommitment', {
      commitmentId: row.id,
      revision: 1,
      fields: {
        trajectory: [
          { year: 2026, planned: null },
          { year: 2027, planned: 75.5 },
        ],
      },
    });
    expect(edited.trajectory.map((p) => p.planned)).toEqual([null, 75.5, 80, null, null]);
    expect((await refused('updateCommitment', { commitmentId: row.id, revision: 2, fields: { trajectory: [{ year: 2027, planned: Infinity }] } })).code).toBe(
      'invalid_input',
    );
    expect(
      (
        await refused('updateCommitment', {
          commitmentId: row.id,
          revision: 2,
          fields: {
            trajectory: [
              { year: 2027, planned: 1 },
              { year: 2027, planned: 2 },
            ],
          },
        })
      ).message,
    ).toBe('Give each year of the trajectory once.');
  });
});

describe('actuals and the computed status', () => {
  it('computes the status from the latest actual against the plan, and again when an actual goes', async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { trajectory: [{ year: 2026, planned: 75 }] } });
    expect(row.ragComputed).toMatchObject({ status: 'not_set', reason: 'No actual yet.' });
    expect(row.rag).toBe('not_set');
    const first = await ok('addActual', { commitmentId: row.id, date: '2026-06-30', value: 76, source: 'Monthly return' });
    expect(first).toMatchObject({ rag: 'green', revision: 2 });
    expect(first.actuals).toMatchObject([{ date: '2026-06-30', value: 76, source: 'Monthly return' }]);
    const second = await ok('addActual', { commitmentId: row.id, date: '2026-09-30', value: 70 });
    expect(second.rag).toBe('red');
    expect(second.ragComputed.reason).toBe('Latest actual 70 (30 Sep 2026) is 5 below the plan of 75 for 2026/27 (more than 5%): red.');
    const removed = await ok('deleteActual', { actualId: second.actuals[1]!.id });
    expect(removed).toMatchObject({ rag: 'green' });
    expect(removed.actuals).toHaveLength(1);
    expect((await refused('deleteActual', { actualId: second.actuals[1]!.id })).code).toBe('not_found');
  });

  it('refuses an actual dated in the future, on a day that does not exist, or that is not a number', async () => {
    const row = await ok('addCommitment', { planId: plan.id });
    expect((await refused('addActual', { commitmentId: row.id, date: '2999-01-01', value: 1 })).message).toBe('The date of the actual cannot be in the future.');
    expect((await refused('addActual', { commitmentId: row.id, date: '2026-02-30', value: 1 })).message).toBe('The date of the actual must be a real date.');
    expect((await refused('addActual', { commitmentId: row.id, date: '2026-02-01', value: Number.NaN })).code).toBe('invalid_input');
    expect((await refused('addActual', { commitmentId: row.id, date: '1/2/2026', value: 1 })).message).toBe('The date of the actual must be a date like 2027-03-31.');
    expect((await ok('getCommitment', { commitmentId: row.id })).actuals).toEqual([]);
  });

  it('lets a person override the computed status only with a reason, and records who (from the profile) and when', async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { direction: 'lower', trajectory: [{ year: 2026, planned: 100 }] } });
    await ok('addActual', { commitmentId: row.id, date: '2026-05-01', value: 120 });
    const noReason = { code: 'invalid_input', message: 'Give a reason for overriding the computed status.' };
    expect(await refused('updateCommitment', { commitmentId: row.id, revision: 2, fields: { ragOverride: 'amber' } })).toEqual(noReason);
    // The old name `rag` is refused without a reason too, and so is a reason of spaces.
    expect(await refused('updateCommitment', { commitmentId: row.id, revision: 2, fields: { rag: 'amber' } })).toEqual(noReason);
    expect(await refused('updateCommitment', { commitmentId: row.id, revision: 2, fields: { rag: 'amber', ragOverrideReason: '   ' } })).toEqual(noReason);
    expect(await refused('addCommitment', { planId: plan.id, fields: { rag: 'green' } })).toEqual(noReason);
    await ok('saveProfile', { name: 'Priya Shah', role: 'Head of Strategy', organisation: 'NHS Fellside ICB', email: '' });
    const overridden = await ok('updateCommitment', {
      commitmentId: row.id,
      revision: 2,
      fields: { ragOverride: 'amber', ragOverrideReason: ' A new clinic opens next month. ' },
    });
    expect(overridden).toMatchObject({
      rag: 'amber',
      ragOverride: 'amber',
      ragOverrideReason: 'A new clinic opens next month.',
      ragOverrideBy: 'Priya Shah (Head of Strategy, NHS Fellside ICB)',
    });
    expect(overridden.ragComputed.status).toBe('red');
    expect(Date.parse(overridden.ragOverrideAt!)).toBeGreaterThan(Date.now() - 60_000);
    // A different status needs its own reason: the old one explained amber.
    expect(await refused('updateCommitment', { commitmentId: row.id, revision: 3, fields: { rag: 'green' } })).toEqual(noReason);
    const cleared = await ok('updateCommitment', { commitmentId: row.id, revision: 3, fields: { ragOverride: null } });
    expect(cleared).toMatchObject({ rag: 'red', ragOverride: null, ragOverrideReason: '', ragOverrideBy: '', ragOverrideAt: null });
    const viaRag = await ok('updateCommitment', { commitmentId: row.id, revision: 4, fields: { rag: 'complete', ragOverrideReason: 'Clinic open early.' } });
    expect(viaRag).toMatchObject({ rag: 'complete', ragOverride: 'complete', ragOverrideReason: 'Clinic open early.' });
    const back = await ok('updateCommitment', { commitmentId: row.id, revision: 5, fields: { rag: 'not_set' } });
    expect(back).toMatchObject({ rag: 'red', ragOverride: null, ragOverrideReason: '' });
  });

  it('credits an override to the app user before a profile is set', async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { rag: 'green', ragOverrideReason: 'Agreed at the board.' } });
    expect(row.ragOverrideBy).toBe("The app's user (no profile set)");
  });
});

describe('priorities', () => {
  it('links a commitment to a priority by id or by title, and follows a rename into the table and search', async () => {
    const startWell = await ok('addPriority', { planId: plan.id, title: 'Start well', governanceGroup: 'Start Well Board', source: 'Integrated care strategy' });
    expect(startWell).toMatchObject({ position: 0, title: 'Start well', governanceGroup: 'Start Well Board', revision: 1 });
    const byId = await ok('addCommitment', { planId: plan.id, fields: { priorityId: startWell.id, commitment: 'Family hubs' } });
    expect(byId.priority).toBe('Start well');
    // A typed title links to the priority of that title (any case), or adds one.
    expect((await ok('addCommitment', { planId: plan.id, fields: { priority: 'START WELL' } })).priorityId).toBe(startWell.id);
    const typed = await ok('addCommitment', { planId: plan.id, fields: { priority: 'Age well' } });
    expect((await ok('listPriorities', { planId: plan.id })).map((p) => p.title)).toEqual(['Start well', 'Age well']);
    expect(typed.priority).toBe('Age well');

    await ok('updatePriority', { priorityId: startWell.id, revision: 1, title: 'Best start in life' });
    expect((await ok('getCommitment', { commitmentId: byId.id })).priority).toBe('Best start in life');
    const hits = await ok('search', { planId: plan.id, query: 'best start' });
    expect(hits.map((h) => h.id)).toContain(byId.id);
    expect(await refused('updatePriority', { priorityId: startWell.id, revision: 1, title: 'Stale' })).toMatchObject({ code: 'conflict' });
    expect(await refused('addPriority', { planId: plan.id, title: 'age WELL' })).toEqual({
      code: 'invalid_input',
      message: 'This plan already has a priority called "Age well".',
    });
  });

  it('refuses a priority of another plan, and unlinks commitments when their priority is deleted', async () => {
    const other = await ok('createPlan', { title: 'Other', icbName: 'NHS Other ICB', startYear: 2026, templateId: 'blank' });
    const theirs = await ok('addPriority', { planId: other.id, title: 'Theirs' });
    expect((await refused('addCommitment', { planId: plan.id, fields: { priorityId: theirs.id } })).message).toBe(
      'The priority to link this commitment to could not be found in this plan. Choose one of the plan’s priorities, or none.',
    );
    const ours = await ok('addPriority', { planId: plan.id, title: 'Live well' });
    const row = await ok('addCommitment', { planId: plan.id, fields: { priorityId: ours.id } });
    expect(await ok('deletePriority', { priorityId: ours.id })).toEqual({ deleted: true });
    expect(await ok('getCommitment', { commitmentId: row.id })).toMatchObject({ priorityId: null, priority: '', revision: 1 });
    expect(await ok('listPriorities', { planId: plan.id })).toEqual([]);
  });
});

describe('places, areas and conflicts', () => {
  it("accepts one of the plan's places (in its own spelling) or System-wide, and refuses others", async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { place: 'northtown', universalArea: 'Urgent and emergency care' } });
    expect(row).toMatchObject({ place: 'Northtown', universalArea: 'Urgent and emergency care' });
    expect((await ok('updateCommitment', { commitmentId: row.id, revision: 1, fields: { place: 'System-wide' } })).place).toBe('System-wide');
    expect((await refused('updateCommitment', { commitmentId: row.id, revision: 2, fields: { place: 'Atlantis' } })).message).toBe(
      '"Atlantis" is not one of this plan\'s places. Choose one of: Northtown, Southshire, System-wide.',
    );
    expect((await refused('addCommitment', { planId: plan.id, fields: { universalArea: 'Dentistry' } })).message).toBe(
      'Choose one of the NHS universal commitments, or none.',
    );
  });

  it('names every field whose saved value differs from the one sent in a conflict', async () => {
    const row = await ok('addCommitment', { planId: plan.id, fields: { target: '78%', leadOrg: 'Trust A' } });
    await ok('updateCommitment', { commitmentId: row.id, revision: 1, fields: { target: '80%', leadOrg: 'Trust B', trajectory: [{ year: 2027, planned: 5 }] } });
    const error = await refused('updateCommitment', {
      commitmentId: row.id,
      revision: 1,
      fields: { target: '79%', leadOrg: 'Trust B', metric: '', trajectory: [{ year: 2027, planned: 6 }] },
    });
    expect(error).toEqual({
      code: 'conflict',
      message:
        'This commitment was changed elsewhere since you opened it (your copy is revision 1, the saved one is 2): the saved Target and Trajectory differ from yours. Choose which to keep, or reload the delivery table.',
    });
    expect(await ok('getCommitment', { commitmentId: row.id })).toMatchObject({ target: '80%', revision: 2 });
  });
});

describe('a database from the release before #11', () => {
  it('is migrated: priority texts become the plan’s priorities, and hand-set statuses become overrides with a reason', async () => {
    services.close();
    const file = path.join(dir, 'old.db');
    writeSchema6File(file);
    services = startServices(file);
    const priorities = await ok('listPriorities', { planId: SCHEMA6_PLAN_ID });
    expect(priorities.map((p) => [p.position, p.title])).toEqual([
      [0, 'Start well'],
      [1, 'Live well'],
    ]);
    const rows = await ok('listCommitments', { planId: SCHEMA6_PLAN_ID });
    const [startWell, liveWell] = priorities;
    expect(rows.map((c) => [c.commitment, c.priorityId, c.priority, c.rag, c.ragOverrideReason])).toEqual([
      ['Family hubs in every ward', startWell!.id, 'Start well', 'green', 'Set before the status was computed from actuals'],
      ['Faster cancer diagnosis', liveWell!.id, 'Live well', 'not_set', ''],
      ['School readiness', startWell!.id, 'Start well', 'red', 'Set before the status was computed from actuals'],
      ['No priority yet', null, '', 'not_set', ''],
    ]);
    expect(rows[0]).toMatchObject({ targetYear: 2028, direction: 'higher', place: '', trajectory: expect.arrayContaining([{ year: 2030, planned: null }]) });
    services.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    services = startServices(path.join(dir, 'jfp.db'));
  });
});
