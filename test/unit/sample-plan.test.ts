// The fictional sample plan a new user opens to see a finished Joint Forward
// Plan: its outline, content the editor can load, statuses and owners, and a
// delivery table with this year's national targets and local ambitions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEditor } from 'lexical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { contentFromBlocks, inlineNodes } from '../../electron/services/sample-plan';
import { EDITOR_NODES } from '../../renderer/editor/nodes';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { SECTION_STATUSES, type Plan, type Section } from '../../shared/domain';
import { countWords, parseContent, plainText, type SerializedNode } from '../../shared/lexical-json';

let dir: string;
let services: AppServices;
let plan: Plan;
let sections: Section[];

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

function nodesOf(node: SerializedNode): SerializedNode[] {
  return [node, ...(node.children ?? []).flatMap(nodesOf)];
}

const allNodes = () =>
  sections.flatMap((s) => {
    const parsed = parseContent(s.content);
    return parsed.ok ? nodesOf(parsed.state.root) : [];
  });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-sample-'));
  services = startServices(path.join(dir, 'jfp.db'));
  plan = await ok('createSamplePlan', {});
  const outline = await ok('listSections', { planId: plan.id });
  sections = await Promise.all(outline.map((s) => ok('getSection', { sectionId: s.id })));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the sample plan', () => {
  it('is a plan for a fictional ICB, its partner trusts and three places', () => {
    expect(plan).toMatchObject({
      title: 'Joint Forward Plan 2026/27 to 2030/31',
      icbName: 'NHS Wessex Vale Integrated Care Board',
      startYear: 2026,
      endYear: 2030,
      templateId: 'jfp',
      protectiveMarking: 'OFFICIAL',
      places: ['Harrowfield', 'Silverbrook', 'Westmere'],
      isFinal: false,
    });
    expect(plan.partnerTrusts).toHaveLength(4);
  });

  it('follows the JFP template, with a part for each place and each Health and Wellbeing Board', () => {
    const titles = sections.map((s) => `${s.depth}:${s.title}`);
    expect(plan.sectionCount).toBe(sections.length);
    expect(sections.length).toBeGreaterThan(75);
    expect(titles).toEqual(expect.arrayContaining(['1:Foreword', '2:Start well', '3:What we will do', '2:Silverbrook', '3:About Westmere']));
    const cyp = sections.find((s) => s.title === 'Children and young people under 25')!;
    expect(cyp.checklist).toEqual(['must-d-under-25']);
    expect(cyp.guidance).not.toBe('');
  });

  it('has substantial content that the editor can load, in every top-level section', () => {
    for (const section of sections) {
      const parsed = parseContent(section.content);
      expect(parsed.ok, section.title).toBe(true);
      if (parsed.ok) expect(section.wordCount, section.title).toBe(countWords(plainText(parsed.state)));
    }
    for (const top of sections.filter((s) => s.depth === 1)) expect(top.wordCount, top.title).toBeGreaterThan(20);
    expect(plan.wordCount).toBeGreaterThan(6000);
    const foreword = sections.find((s) => s.title === 'Foreword')!;
    const text = plainText((parseContent(foreword.content) as { ok: true; state: never }).state);
    expect(text).toContain('1.1 million people who live in Harrowfield, Silverbrook and Westmere');
  });

  it("round-trips through the editor's own node classes unchanged", () => {
    const editor = createEditor({
      nodes: [...EDITOR_NODES],
      onError: (error) => {
        throw error;
      },
    });
    for (const section of sections) {
      const state = editor.parseEditorState(section.content);
      expect(state.toJSON(), section.title).toEqual(JSON.parse(section.content));
    }
  });

  it('shows off what the editor can hold: headings, lists, a table with a header row, a link, bold, italic and quotes', () => {
    const nodes = allNodes();
    expect(nodes.some((n) => n.type === 'heading' && n.tag === 'h3')).toBe(true);
    expect(nodes.some((n) => n.type === 'list' && n.listType === 'bullet' && n.tag === 'ul')).toBe(true);
    expect(nodes.some((n) => n.type === 'list' && n.listType === 'number' && n.tag === 'ol' && n.start === 1)).toBe(true);
    expect(nodes.some((n) => n.type === 'quote')).toBe(true);
    expect(nodes.some((n) => n.type === 'text' && n.format === 1)).toBe(true);
    expect(nodes.some((n) => n.type === 'text' && n.format === 2)).toBe(true);
    const link = nodes.find((n) => n.type === 'link')!;
    expect(link.url).toBe('https://www.legislation.gov.uk/ukpga/2006/41/section/14Z52');
    const table = nodes.find((n) => n.type === 'table')!;
    const [header, body] = table.children!;
    expect(header!.children!.every((cell) => cell.type === 'tablecell' && cell.headerState === 1)).toBe(true);
    expect(body!.children!.every((cell) => cell.headerState === 0)).toBe(true);
  });

  it('is a draft in progress: sections in every status, with owners', () => {
    expect(new Set(sections.map((s) => s.status))).toEqual(new Set(SECTION_STATUSES));
    expect(sections.filter((s) => s.owner === '')).toEqual([]);
    const unwritten = sections.filter((s) => s.wordCount === 0);
    expect(unwritten.length).toBeGreaterThan(0);
    expect(unwritten.every((s) => s.status === 'not_started')).toBe(true);
  });

  it('has a delivery table with national targets, the guidance year that set them, and local ambitions', async () => {
    const commitments = await ok('listCommitments', { planId: plan.id });
    expect(commitments.length).toBeGreaterThanOrEqual(20);
    const aande = commitments.find((c) => c.metric.startsWith('Patients admitted, transferred or discharged within 4 hours') && c.guidanceYear === '2025/26')!;
    expect(aande).toMatchObject({ target: '78%', targetYear: 2026 });
    expect(commitments.find((c) => c.metric === 'Cancer 62-day standard')).toMatchObject({ target: '75%', targetYear: 2026, guidanceYear: '2025/26' });
    expect(commitments.find((c) => c.metric === 'Virtual ward beds per 100,000 population')).toMatchObject({ target: '45' });
    expect(commitments.some((c) => c.metric.includes('under 18 weeks') && c.target === '65%')).toBe(true);
    expect(commitments.filter((c) => c.guidanceYear === 'Local ambition').length).toBeGreaterThan(5);
    expect(new Set(commitments.map((c) => c.priority))).toEqual(
      new Set(['Start well', 'Live well', 'Age well', 'Urgent and emergency care', 'Enablers', 'Victims of abuse']),
    );
    const sectionIds = new Set(sections.map((s) => s.id));
    for (const c of commitments) {
      expect(sectionIds.has(c.sectionId!), c.commitment).toBe(true);
      expect([c.commitment, c.metric, c.baseline, c.target, c.leadOrg].every(Boolean), c.commitment).toBe(true);
    }
  });

  it('can be searched like any plan', async () => {
    const hits = await ok('search', { planId: plan.id, query: 'virtual wards' });
    expect(hits.map((h) => h.kind)).toEqual(expect.arrayContaining(['section', 'commitment']));
  });

  it('is a fresh copy each time, so exploring one never changes another', async () => {
    const second = await ok('createSamplePlan', {});
    expect(second.id).not.toBe(plan.id);
    const intro = sections.find((s) => s.title === 'Introduction')!;
    await ok('renameSection', { sectionId: intro.id, title: 'Changed' });
    const secondOutline = await ok('listSections', { planId: second.id });
    expect(secondOutline.map((s) => s.title)).toContain('Introduction');
    expect(secondOutline.map((s) => s.title)).not.toContain('Changed');
    expect((await ok('listCommitments', { planId: second.id })).length).toBe((await ok('listCommitments', { planId: plan.id })).length);
    expect((await ok('listPlans', {})).length).toBe(2);
  });
});

describe('the block format the sample is written in', () => {
  it('understands bold, italic and https links inside text', () => {
    expect(inlineNodes('Plain **bold** and *italic* with [the Act](https://example.org/act).').map((n) => [n.type, n.text ?? n.url, n.format ?? null])).toEqual([
      ['text', 'Plain ', 0],
      ['text', 'bold', 1],
      ['text', ' and ', 0],
      ['text', 'italic', 2],
      ['text', ' with ', 0],
      ['link', 'https://example.org/act', ''],
      ['text', '.', 0],
    ]);
  });

  it('numbers list items from the start given', () => {
    const content = JSON.parse(contentFromBlocks([{ numbers: ['a', 'b'], start: 3 }]));
    const list = content.root.children[0];
    expect(list).toMatchObject({ type: 'list', listType: 'number', start: 3, tag: 'ol' });
    expect(list.children.map((item: { value: number }) => item.value)).toEqual([3, 4]);
  });
});
