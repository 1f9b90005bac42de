// #15 The plan's records beside its text: engagement activities (summarised in
// the export and for the consultation report), the integrated care strategy's
// priorities and what delivers them (readiness flags an undelivered one; the
// Word export can show the table), and the publication record.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { exportDocument } from '../../electron/services/export';
import { engagementSummary, STRATEGY_TITLE } from '../../electron/services/export/model/plan-records';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import { engagementItems } from '../../electron/services/readiness/engagement-items';
import { publicationItems } from '../../electron/services/readiness/publication-items';
import { strategyItems } from '../../electron/services/readiness/strategy-items';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { headings, paragraphs, readDocx } from '../support/docx-reader';

let dir: string;
let services: AppServices;
let planId: string;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);
const refusal = async (method: MethodName, input: unknown) => {
  const outcome = await services.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} was not refused`);
  return outcome.error.message;
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-records-'));
  services = startServices(path.join(dir, 'jfp.db'), { log: () => undefined });
  planId = (await ok('createPlan', { title: 'Records plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp', places: ['North'] })).id;
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const activity = (over: Partial<MethodInput<'saveEngagementActivity'>> = {}): MethodInput<'saveEngagementActivity'> => ({
  planId,
  startsOn: '2025-11-10',
  endsOn: '2026-01-05',
  method: 'Online survey',
  audience: 'Residents',
  reach: 1412,
  partners: 'Healthwatch',
  heard: 'Easier GP appointments.',
  ...over,
});

describe('the engagement record', () => {
  it('refuses an activity that would read wrongly, and summarises the rest in English', async () => {
    expect(await refusal('saveEngagementActivity', activity({ endsOn: '2025-10-01' }))).toBe('The end date is before the start date.');
    expect(await refusal('saveEngagementActivity', activity({ reach: -3 }))).toMatch(/The reach cannot be negative/);
    expect(services.store.engagement.list(planId)).toEqual([]);
    expect(services.store.read(() => engagementItems(services.store, planId))).toMatchObject([{ id: 'engagement:recorded', done: false }]);

    await ok('saveEngagementActivity', activity());
    const second = await ok('saveEngagementActivity', activity({ startsOn: '2026-01-14', endsOn: null, method: 'Board presentations', reach: null, heard: '' }));
    expect(engagementSummary(services.store, planId).sentence).toBe(
      'We held 2 engagement activities between 10 November 2025 and 14 January 2026, reaching 1,412 people in those whose numbers we counted.',
    );
    const items = services.store.read(() => engagementItems(services.store, planId));
    expect(items.map((i) => [i.id, i.done])).toEqual([
      ['engagement:recorded', true],
      ['engagement:heard', false],
    ]);
    expect(items[1]!.detail).toBe('1 of 2 activities has no summary of what was heard: Board presentations.');
    await ok('saveEngagementActivity', {
      ...activity({ heard: 'Six-monthly reports, please.', method: 'Board presentations', startsOn: '2026-01-14', endsOn: null, reach: null }),
      activityId: second.id,
    });
    expect(services.store.read(() => engagementItems(services.store, planId)).every((i) => i.done)).toBe(true);
  });
});

describe('the integrated care strategy', () => {
  it('links sections and commitments to its priorities, flags one nothing delivers, and prints the table when asked', async () => {
    expect(services.store.read(() => strategyItems(services.store, planId))).toMatchObject([{ id: 'strategy:entered', done: false }]);
    const startWell = await ok('saveStrategyPriority', {
      planId,
      title: 'Start well',
      description: 'The best start in life.',
      source: 'Northmoor Integrated Care Strategy',
      sourceDate: '2024-03-27',
    });
    const ageWell = await ok('saveStrategyPriority', { planId, title: 'Age well', description: '', source: 'Northmoor Integrated Care Strategy', sourceDate: null });
    expect(startWell).toMatchObject({ fromStrategy: true, sourceDate: '2024-03-27', sectionIds: [], commitmentIds: [] });
    // The template's "Start well" and "Age well" are adopted as the strategy's, not added twice.
    expect((await ok('listPriorities', { planId })).map((p) => [p.title, p.description, p.source])).toEqual([
      ['Start well', 'The best start in life.', 'Northmoor Integrated Care Strategy'],
      ['Live well', '', ''],
      ['Age well', '', 'Northmoor Integrated Care Strategy'],
    ]);
    expect(await refusal('saveStrategyPriority', { planId, title: 'start well', description: '', source: '', sourceDate: null })).toBe(
      'The strategy already has a priority called "Start well".',
    );

    const sections = await ok('listSections', { planId });
    const target = sections.find((s) => s.title === 'Start well')!;
    expect(await ok('setSectionPriority', { sectionId: target.id, priorityId: startWell.id, delivers: true })).toEqual({ priorityIds: [startWell.id] });
    const commitment = await ok('addCommitment', { planId, fields: { commitment: 'Family hubs in every ward', priorityId: startWell.id } });

    const listed = await ok('listStrategy', { planId });
    expect(listed.filter((p) => p.fromStrategy).map((p) => [p.title, p.sectionIds, p.commitmentIds])).toEqual([
      ['Start well', [target.id], [commitment.id]],
      ['Age well', [], []],
    ]);
    const items = services.store.read(() => strategyItems(services.store, planId));
    expect(items.map((i) => [i.label, i.done, i.detail])).toEqual([
      ['Show how the plan delivers the strategy priority “Start well”', true, 'Delivered by 1 section and 1 commitment.'],
      ['Show how the plan delivers the strategy priority “Age well”', false, 'No section or commitment delivers this priority yet.'],
    ]);

    // A section of another plan cannot deliver this plan's priority.
    const other = await ok('createPlan', { title: 'Other plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    const otherSection = (await ok('listSections', { planId: other.id }))[0]!;
    expect(await refusal('setSectionPriority', { sectionId: otherSection.id, priorityId: ageWell.id, delivers: true })).toBe(
      'A section can only deliver a priority of its own plan.',
    );

    const data = loadPlanExport(services.store, planId);
    const without = readDocx(new Uint8Array((await exportDocument({ data, options: {} })).content as Buffer));
    expect(headings(without).some(([, t]) => t.includes(STRATEGY_TITLE))).toBe(false);
    const withTable = readDocx(new Uint8Array((await exportDocument({ data, options: { includeStrategyTable: true } })).content as Buffer));
    expect(headings(withTable).filter(([, t]) => t.includes(STRATEGY_TITLE))).toEqual([[1, `Appendix C: ${STRATEGY_TITLE}`]]);
    const text = paragraphs(withTable).map((p) => p.text);
    expect(text).toContain('Start well (Northmoor Integrated Care Strategy, 27 March 2024)');
    expect(text).toContain('Family hubs in every ward');
    expect(text).toContain('None yet');
  });
});

describe('the publication record', () => {
  it('takes only an https address, with its date, and shows in readiness', async () => {
    const base = { planId, publishedOn: '2026-06-30', sentToIcpOn: null, sentToNhseOn: null };
    expect(await refusal('savePublication', { ...base, webAddress: 'http://example.nhs.uk/jfp' })).toMatch(
      /^Enter the full web address the plan is published at, starting https:\/\//,
    );
    expect(await refusal('savePublication', { ...base, webAddress: 'javascript:alert(1)' })).toMatch(/starting https:\/\//);
    expect(await refusal('savePublication', { ...base, publishedOn: null, webAddress: 'https://www.example.nhs.uk/jfp' })).toBe(
      'Enter the date the plan was published as well as its web address.',
    );
    expect(services.store.read(() => publicationItems(services.store, planId)).filter((i) => i.done)).toEqual([]);

    const saved = await ok('savePublication', { ...base, webAddress: 'https://www.example.nhs.uk/jfp', sentToNhseOn: '2026-06-30' });
    expect(saved).toMatchObject({ publishedOn: '2026-06-30', webAddress: 'https://www.example.nhs.uk/jfp', sentToNhseOn: '2026-06-30', sentToIcpOn: null });
    const items = services.store.read(() => publicationItems(services.store, planId));
    expect(items.map((i) => [i.label, i.done])).toEqual([
      ['Publish the plan', true],
      ['Send the plan to the Integrated Care Partnership', false],
      ['Send the plan to NHS England', true],
      ['Send the plan to North', false],
    ]);
    expect(items[0]!.detail).toBe('Published on 30 June 2026 at https://www.example.nhs.uk/jfp.');
    expect((await ok('listPlanEvents', { planId })).map((e) => e.kind)).toContain('publication_recorded');
  });
});
