// #11 The sample plan's delivery table as a planning instrument: priorities with
// governance groups, trajectories inside the plan's period, actuals, computed
// statuses of every kind and a few overrides with reasons, all consistent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { NHS_UNIVERSAL_AREAS, SYSTEM_WIDE, type Commitment, type Plan, type Priority } from '../../shared/domain';
import { planYears, todayIso } from '../../shared/financial-year';
import { callOk } from '../support/call-ok';

let dir: string;
let services: AppServices;
let plan: Plan;
let commitments: Commitment[];
let priorities: Priority[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-sample-delivery-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await callOk(services, 'createSamplePlan', {});
  commitments = await callOk(services, 'listCommitments', { planId: plan.id });
  priorities = await callOk(services, 'listPriorities', { planId: plan.id });
});
afterAll(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the sample plan's delivery table", () => {
  it('has the strategy’s priorities, each with the group that oversees it, and every commitment linked to one', () => {
    expect(priorities.map((p) => p.title)).toEqual(['Start well', 'Live well', 'Age well', 'Urgent and emergency care', 'Enablers', 'Victims of abuse']);
    expect(priorities.every((p) => p.governanceGroup !== '' && p.description !== '')).toBe(true);
    const byId = new Map(priorities.map((p) => [p.id, p]));
    for (const c of commitments) {
      expect(byId.get(c.priorityId!)?.title, c.commitment).toBe(c.priority);
      expect(c.governanceGroup, c.commitment).not.toBe('');
    }
  });

  it('tags commitments with NHS universal commitment areas and places the plan has', () => {
    expect(new Set(commitments.map((c) => c.universalArea).filter(Boolean))).toEqual(new Set(NHS_UNIVERSAL_AREAS));
    const places = new Set([...plan.places, SYSTEM_WIDE]);
    expect(commitments.every((c) => places.has(c.place))).toBe(true);
    expect(commitments.filter((c) => c.place === 'Silverbrook').length).toBeGreaterThan(1);
  });

  it('plans a trajectory inside the plan’s period, with target years inside it too', () => {
    const years = planYears(plan.startYear);
    for (const c of commitments) {
      expect(c.trajectory.map((p) => p.year)).toEqual(years);
      expect(c.targetYear === null || years.includes(c.targetYear), c.commitment).toBe(true);
    }
    expect(commitments.filter((c) => c.trajectory.every((p) => p.planned !== null)).length).toBeGreaterThan(20);
  });

  it('has actuals no later than today, and statuses computed from them of every kind', () => {
    const actuals = commitments.flatMap((c) => c.actuals);
    expect(actuals.length).toBeGreaterThan(30);
    expect(actuals.every((a) => a.date <= todayIso())).toBe(true);
    expect(new Set(commitments.map((c) => c.ragComputed.status))).toEqual(new Set(['green', 'amber', 'red', 'not_set']));
    const cancer = commitments.find((c) => c.metric === 'Cancer 62-day standard')!;
    expect(cancer.ragComputed).toMatchObject({
      status: 'amber',
      reason: 'Latest actual 72.4 (30 Sep 2026) is 2.6 below the plan of 75 for 2026/27 (within 5%): amber.',
    });
    expect(cancer.rag).toBe('amber');
  });

  it('overrides a few computed statuses, each with a reason, and shows the override as the status', () => {
    const overridden = commitments.filter((c) => c.ragOverride !== null);
    expect(overridden.length).toBeGreaterThanOrEqual(3);
    for (const c of overridden) {
      expect(c.rag).toBe(c.ragOverride);
      expect(c.ragOverrideReason.length, c.commitment).toBeGreaterThan(20);
      expect(c.ragOverrideBy).toBe("The app's user (no profile set)");
    }
    expect(overridden.some((c) => c.ragOverride !== c.ragComputed.status)).toBe(true);
  });
});

describe('the NHS universal commitment areas', () => {
  it("are the titles of the template's “Delivering the NHS's universal commitments” children", () => {
    type Node = { key: string; title: string; children?: Node[] };
    const template = JSON.parse(fs.readFileSync(path.join(__dirname, '../../templates/jfp.template.json'), 'utf8')) as { sections: Node[] };
    const parent = template.sections.find((s) => s.key === 'nhs-commitments')!;
    expect(parent.children!.map((c) => c.title)).toEqual([...NHS_UNIVERSAL_AREAS]);
  });
});
