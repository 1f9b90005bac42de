// #15 The exported sample plan says what its data says: the commitment count,
// the boards and their opinions, the plan's period, targets inside the period,
// one HWB appendix and no "planning guidance" on local ambitions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { exportDocument } from '../../electron/services/export';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import type { Commitment, Plan } from '../../shared/domain';
import { callOk } from '../support/call-ok';

let dir: string;
let services: AppServices;
let plan: Plan;
let text: string;
let commitments: Commitment[];

const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-sample-consistency-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await callOk(services, 'createSamplePlan', {});
  commitments = await callOk(services, 'listCommitments', { planId: plan.id });
  const data = services.store.read(() => loadPlanExport(services.store, plan.id));
  const html = (await exportDocument({ data, options: { kind: 'plan', format: 'html' } })).content as string;
  text = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&rsquo;|&#x27;/g, "'")
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\s+/g, ' ');
}, 120_000); // exporting the whole sample takes seconds on a loaded machine
afterAll(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the exported sample plan', () => {
  it('states the number of commitments its delivery table has', () => {
    const stated = [...text.matchAll(/from \d+ commitments to (\d+)/g)].map((m) => Number(m[1]));
    expect(stated).toEqual([commitments.length]);
    expect(text).not.toMatch(/\b(22|24) commitments\b/);
  });

  it('names its period and keeps every target inside it', () => {
    expect(text).toContain('2026/27 to 2030/31');
    for (const c of commitments) if (c.targetYear !== null) expect(c.targetYear, c.commitment).toBeGreaterThanOrEqual(plan.startYear);
    for (const c of commitments) if (c.targetYear !== null) expect(c.targetYear, c.commitment).toBeLessThanOrEqual(plan.endYear);
    // A date written into the text as "by March YYYY" falls within the plan (which ends in March of endYear + 1).
    for (const m of text.matchAll(/by March (\d{4})/g)) expect(Number(m[1]), m[0]).toBeGreaterThan(plan.startYear);
  });

  it('counts its Health and Wellbeing Boards as the data does and prints one HWB appendix', async () => {
    const opinions = await callOk(services, 'listHwbOpinions', { planId: plan.id });
    const boards = plan.places.length;
    expect(text).toContain(`our ${words[boards]} Health and Wellbeing Boards`);
    expect(opinions.filter((o) => o.opinion.trim()).length).toBe(2);
    expect((text.match(/Health and Wellbeing Board opinions/g) ?? []).length).toBeLessThanOrEqual(2); // the heading and its contents entry
    expect(text).not.toMatch(/Appendix: Health and Wellbeing Board opinions/);
  });

  it('gives each figure one date, and a local ambition no "planning guidance"', () => {
    expect(text).not.toMatch(/Local ambition planning guidance/);
    const aande = commitments.filter((c) => c.metric.includes('within 4 hours')).map((c) => c.baseline);
    expect(new Set(aande).size).toBe(1);
    expect(text).toContain('73.4% (Dec 2025)');
    expect(text).not.toContain('73.4% (Nov 2025)');
    expect(text).toContain('about 196,000 (17.8% of our population)');
  });

  it('numbers "How this plan is organised" as the sections are numbered', async () => {
    const sections = await callOk(services, 'listSections', { planId: plan.id });
    const top = sections.filter((s) => s.depth === 1).map((s) => s.title);
    for (const [n, title] of [
      [3, 'Our population and our system'],
      [5, 'Our system priorities'],
      [7, 'Our places'],
    ] as const) {
      expect(top[n - 1]).toBe(title);
      expect(text).toContain(`Section ${n}, ${title}`);
    }
  });
});
