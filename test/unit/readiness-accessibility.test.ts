// #15 Readiness lists what the export's accessibility check would report about
// the plan's Word export: each problem with the section it is in and a link to
// it, not blocking sign-off; a clean plan gets one "passes" item.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { ACCESSIBILITY_CHECKING_ID, accessibilityItems, createAccessibilityCheck, documentPlaces } from '../../electron/services/readiness/accessibility-items';
import type { MethodInput, MethodName } from '../../shared/contract';
import type { ReadinessItem } from '../../shared/domain';
import { HEADER_STATE, contentFromParagraphs, paragraphNode, serializeContent, tableCellNode, tableNode, tableRowNode, textNode } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';

let dir: string;
let services: AppServices;
const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-readiness-a11y-'));
  services = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cell = (text: string, headerState = 0) => tableCellNode([paragraphNode([textNode(text)])], headerState);

/** A table of waiting times, its first row marked as the header row or not. */
function waitingTable(withHeader: boolean): string {
  const header = withHeader ? HEADER_STATE.row : 0;
  return serializeContent([
    paragraphNode([textNode('Waiting times by site are below.')]),
    tableNode([
      tableRowNode([cell('Site', header), cell('Weeks', header)]),
      tableRowNode([cell('Harrowfield General'), cell('18')]),
      tableRowNode([cell('Riverside Community'), cell('12')]),
    ]),
  ]);
}

async function planWithSections() {
  const plan = await ok('createPlan', { title: 'Access plan', icbName: 'NHS Test ICB', startYear: 2026 });
  const intro = await ok('addSection', { planId: plan.id, parentId: null, title: 'Introduction' });
  const services_ = await ok('addSection', { planId: plan.id, parentId: null, title: 'Planned care' });
  const waits = await ok('addSection', { planId: plan.id, parentId: services_.id, title: 'Waiting times' });
  await save(intro.id, contentFromParagraphs(['This plan sets out how we will shorten waits across the system.']));
  return { plan, intro, waits };
}

async function save(sectionId: string, content: string) {
  const section = await ok('getSection', { sectionId });
  await ok('saveSectionContent', { sectionId, revision: section.revision, content });
}

const accessibility = (items: ReadinessItem[]) => items.filter((i) => i.group === 'accessibility');

/** The readiness report once the accessibility check has finished (the service answers at once while it runs). */
async function settledReadiness(planId: string) {
  for (;;) {
    const report = await ok('getReadiness', { planId });
    if (!report.items.some((i) => i.id === ACCESSIBILITY_CHECKING_ID)) return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('accessibility problems in the readiness list', () => {
  it('says the Word export passes when the check finds nothing', async () => {
    const { plan, waits } = await planWithSections();
    await save(waits.id, waitingTable(true));
    const report = await settledReadiness(plan.id);
    expect(accessibility(report.items)).toEqual([
      expect.objectContaining({ id: 'accessibility', label: 'The Word export passes the accessibility check', done: true, blocking: false }),
    ]);
  });

  it('lists a table without a header row, in the section it is in, with a link to that section, not blocking', async () => {
    const { plan, waits } = await planWithSections();
    await save(waits.id, waitingTable(false));
    const report = await settledReadiness(plan.id);
    const found = accessibility(report.items);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      label: 'Tables have a header row that repeats (in 2.1 Waiting times)',
      done: false,
      blocking: false,
      fix: { tab: 'sections', sectionId: waits.id },
    });
    expect(found[0]!.detail).toMatch(/no header row marked to repeat/);
    expect(found[0]!.detail).toMatch(/table 1 \(first row "SiteWeeks"\)/);
    // Counted in the figure, but sign-off is not held up by it.
    expect(report.counts.total).toBe(report.items.length);
    const open = report.items.filter((i) => i.blocking && !i.done);
    expect(report.counts.blockingOpen).toBe(open.length);
    expect(open.some((i) => i.group === 'accessibility')).toBe(false);
  });

  it('follows the plan: fixing the table clears the problem at the next check', async () => {
    const { plan, waits } = await planWithSections();
    await save(waits.id, waitingTable(false));
    expect(accessibility((await settledReadiness(plan.id)).items)[0]).toMatchObject({ done: false });
    await save(waits.id, waitingTable(true));
    expect(accessibility((await settledReadiness(plan.id)).items)).toEqual([expect.objectContaining({ id: 'accessibility', done: true })]);
  });
});

describe('a check that takes longer than the view waits', () => {
  it('says the check is running, then gives its result', async () => {
    const { plan, waits } = await planWithSections();
    await save(waits.id, waitingTable(false));
    const check = createAccessibilityCheck(services.store);
    await check.refresh(plan.id, 0);
    expect(check.items(plan.id)).toEqual([expect.objectContaining({ id: ACCESSIBILITY_CHECKING_ID, done: false, blocking: false })]);
    await check.refresh(plan.id);
    expect(check.items(plan.id)).toEqual([expect.objectContaining({ label: 'Tables have a header row that repeats (in 2.1 Waiting times)' })]);
  });
});

describe('placing the checker’s findings', () => {
  it('links a problem outside any section (and any whole-document rule) to the Export tab', () => {
    const places = { paragraphs: [null, 's1'], tables: ['s1'], images: [null] };
    const sections = [
      { id: 's1', number: '3', title: 'Our places', status: 'drafting' as const, owner: '', templateKey: null, checklist: [], realText: true, plainText: '' },
    ];
    const items = accessibilityItems(
      {
        ok: false,
        problems: [
          { rule: 'table-header', message: 'No header row.', location: 'table 1 (first row "A")' },
          { rule: 'image-alt-text', message: 'No alt text.', location: 'image 1 ("Logo")' },
          { rule: 'document-title', message: 'No title.', location: 'docProps/core.xml' },
        ],
      },
      places,
      sections,
    );
    expect(items.map((i) => [i.label, i.fix])).toEqual([
      ['Tables have a header row that repeats (in 3 Our places)', { tab: 'sections', sectionId: 's1' }],
      ['Images have alternative text (outside the sections)', { tab: 'export' }],
      ['The document has a title in its properties (in the document settings and house style)', { tab: 'export' }],
    ]);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
  });

  it('refuses a file that is not a Word document', () => {
    expect(() => documentPlaces(new Uint8Array([1, 2, 3]), [])).toThrow();
  });
});
