// Plan templates as data: the app's templates load and validate, a new plan
// from the JFP template has the outline, guidance and statutory checklist a
// strategy lead expects, and a broken template file is reported by name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { findTemplatesDir, lazyTemplates, loadTemplates } from '../../electron/services/templates';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import type { TemplateSection } from '../../shared/template';

let dir: string;
let services: AppServices;

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-templates-'));
  services = startServices(path.join(dir, 'jfp.db'));
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const REPO_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));
const flatten = (sections: TemplateSection[]): TemplateSection[] => sections.flatMap((s) => [s, ...flatten(s.children ?? [])]);

function writeTemplate(folder: string, name: string, body: unknown): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

const minimal = (id: string, extra: object = {}) => ({ id, name: `Template ${id}`, description: 'For tests.', version: '1', checklist: [], sections: [], ...extra });

describe("the app's templates", () => {
  it('load and validate, the Joint Forward Plan first and the blank plan last', async () => {
    const list = await ok('listTemplates', {});
    expect(list.map((t) => t.id)).toEqual(['jfp', 'blank']);
    expect(list[0]).toMatchObject({ name: 'Joint Forward Plan', sectionCount: expect.any(Number) });
    expect(list[0]!.sectionCount).toBeGreaterThan(60);
    expect(list[1]).toMatchObject({ id: 'blank', sectionCount: 0 });
    expect(findTemplatesDir({})).toBe(REPO_TEMPLATES);
  });

  it('give a new plan the JFP outline, three levels deep, with a part for each place', async () => {
    const plan = await ok('createPlan', {
      title: 'Joint Forward Plan 2026/27 to 2030/31',
      icbName: 'NHS Test ICB',
      startYear: 2026,
      templateId: 'jfp',
      places: ['Riverside', 'Hillcrest'],
    });
    const outline = await ok('listSections', { planId: plan.id });
    const lines = outline.map((s) => `${s.depth}:${s.title}`);
    expect(Math.max(...outline.map((s) => s.depth))).toBe(3);
    expect(lines.slice(0, 2)).toEqual(['1:Foreword', '1:Introduction']);
    const startWell = lines.indexOf('2:Start well');
    expect(lines.slice(startWell, startWell + 5)).toEqual([
      '2:Start well',
      '3:Why this matters for our population',
      '3:What we will do',
      '3:How we will know we are making a difference',
      '3:What local people told us',
    ]);
    expect(lines).toEqual(expect.arrayContaining(['2:Live well', '2:Age well', '2:Riverside', '3:About Riverside', '2:Hillcrest', '2:Workforce']));
    expect(lines).toEqual(
      expect.arrayContaining(['1:Children and young people under 25', '1:Victims of abuse', '1:How we will meet our statutory duties', '1:Glossary']),
    );
    // #15 the boards' opinions are printed once, in the appendix the export generates, not as template sections.
    expect(lines.filter((l) => /Health and Wellbeing Board$/.test(l))).toEqual([]);
    // #15 optional sections wait for "Add section from template".
    expect(lines).not.toContain('1:The Armed Forces Covenant');
    expect(plan.sectionCount).toBe(outline.length);
  });

  it('store guidance, expected content and statutory checklist references on each section', async () => {
    const plan = await ok('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'jfp' });
    const outline = await ok('listSections', { planId: plan.id });
    const cyp = await ok('getSection', { sectionId: outline.find((s) => s.title === 'Children and young people under 25')!.id });
    expect(cyp.guidance).toMatch(/children and young people under 25/);
    expect(cyp.expectedContent).toContain("Transition from children's to adult services");
    expect(cyp.checklist).toEqual(['must-d-under-25']);
    // Shown beside the text with its label and legal reference, not as an id.
    expect(cyp.checklistItems).toEqual([{ id: 'must-d-under-25', label: expect.stringMatching(/under 25/i), reference: expect.stringMatching(/14Z52/) }]);
    expect(cyp.content).toBe(JSON.stringify(JSON.parse(cyp.content)));
    expect(cyp.wordCount).toBe(0);
    // With no places named, one placeholder place is created for the user to rename.
    expect(outline.map((s) => s.title)).toEqual(expect.arrayContaining(['[Place name]', 'About [Place name]']));
  });

  it('cover each thing the law says the plan must in particular contain, and each general duty', () => {
    const catalogue = loadTemplates();
    const sections = flatten(catalogue.get('jfp').sections);
    const covered = new Set(sections.flatMap((s) => s.checklist));
    for (const id of ['must-a-services', 'must-b-general-duties', 'must-b-financial-duties', 'must-c-jlhws', 'must-d-under-25', 'must-e-victims-of-abuse']) {
      expect(covered, id).toContain(id);
    }
    const duties = catalogue.checklist('jfp').filter((item) => item.group === 'general_duty');
    expect(duties.map((d) => d.reference)).toEqual(
      ['14Z34', '14Z35', '14Z36', '14Z37', '14Z38', '14Z39', '14Z40', '14Z41', '14Z42', '14Z43', '14Z44', '14Z45'].map((s) => `NHS Act 2006 s${s}`),
    );
    const dutySections = catalogue.get('jfp').sections.find((s) => s.key === 'duties')!.children!;
    for (const duty of duties)
      expect(
        dutySections.some((s) => s.checklist.includes(duty.id)),
        duty.label,
      ).toBe(true);
    // Every checklist item is addressed by some section (its own list or the item's), so none is dead weight.
    for (const item of catalogue.checklist('jfp')) expect([...covered, ...(item.sections ?? []).map(() => item.id)], item.id).toContain(item.id);
  });

  it('give each checklist item a label, a legal or guidance reference and a description', () => {
    const catalogue = loadTemplates();
    expect(catalogue.checklistItem('jfp', 'must-a-services')).toEqual({
      id: 'must-a-services',
      group: 'plan_content',
      label: '(a) The health services the ICB proposes to arrange',
      reference: 'NHS Act 2006 s14Z52(2)(a)',
      description: expect.stringMatching(/health services/),
    });
    const groups = new Set(catalogue.checklist('jfp').map((i) => i.group));
    expect([...groups].sort()).toEqual(['financial_duty', 'general_duty', 'hwb', 'ics_purpose', 'nhs_commitment', 'plan_content']);
    expect(catalogue.checklistItem('jfp', 'no-such-item')).toBeUndefined();
  });

  it('refuse an unknown template without creating a plan', async () => {
    const outcome = await services.dispatch('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'nope' });
    expect(outcome).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no template called "nope".' } });
    expect(await ok('listPlans', {})).toEqual([]);
  });

  it('give a blank plan no sections', async () => {
    const plan = await ok('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    expect(await ok('listSections', { planId: plan.id })).toEqual([]);
  });
});

describe('a broken template file', () => {
  it('that is not JSON is reported with its file name', () => {
    const folder = path.join(dir, 'broken-json');
    writeTemplate(folder, 'blank.template.json', minimal('blank'));
    const file = writeTemplate(folder, 'ours.template.json', '{ "id": "ours", ');
    // #15 the broken file is refused on its own; the others load.
    const loaded = loadTemplates(folder);
    expect(loaded.list().map((t) => t.id)).toEqual(['blank']);
    expect(loaded.problems()[0]).toContain(`The template file ${file} is not valid: it is not valid JSON`);
  });

  it('that breaks the rules is reported with its file name and where the problem is', () => {
    const folder = path.join(dir, 'broken-rules');
    const file = writeTemplate(
      folder,
      'ours.template.json',
      minimal('ours', { sections: [{ key: 'intro', title: 'Introduction', guidance: '', expectedContent: [], checklist: ['must-z'] }] }),
    );
    expect(() => loadTemplates(folder)).toThrow(
      `The template file ${file} is not valid: at sections.0.checklist.0: There is no checklist item "must-z" in this template.`,
    );
  });

  // #15 a checklist item naming an unknown section, a duplicate id, or a keyword rule that is not a regular expression
  it.each([
    ['an unknown section key', { sections: ['nowhere'] }, 'at checklist.0.sections.0: There is no section with the key "nowhere" in this template'],
    ['an invalid regular expression', { keywords: ['abuse(('] }, 'at checklist.0.keywords.0: The keyword rule "abuse((" is not a valid regular expression'],
  ])('whose checklist has %s is refused with the file and the problem, and the app starts with the others', (_what, extra, message) => {
    const folder = path.join(dir, `bad-${Object.keys(extra)[0]}`);
    writeTemplate(folder, 'blank.template.json', minimal('blank'));
    const item = { id: 'must-a', group: 'plan_content', label: 'A', reference: 'NHS Act 2006 s14Z52(2)(a)', description: 'A.', ...extra };
    const file = writeTemplate(
      folder,
      'ours.template.json',
      minimal('ours', { checklist: [item], sections: [{ key: 'intro', title: 'Introduction', guidance: '', expectedContent: [], checklist: [] }] }),
    );
    const loaded = loadTemplates(folder);
    expect(loaded.list().map((t) => t.id)).toEqual(['blank']);
    expect(loaded.problems()).toEqual([expect.stringContaining(`The template file ${file} is not valid: ${message}`)]);
  });

  it('whose checklist lists an item id twice is refused with the file and the problem', () => {
    const folder = path.join(dir, 'dup-items');
    writeTemplate(folder, 'blank.template.json', minimal('blank'));
    const item = { id: 'must-a', group: 'plan_content', label: 'A', reference: 'NHS Act 2006 s14Z52(2)(a)', description: 'A.' };
    const file = writeTemplate(folder, 'ours.template.json', minimal('ours', { checklist: [item, item], sections: [] }));
    const loaded = loadTemplates(folder);
    expect(loaded.list().map((t) => t.id)).toEqual(['blank']);
    expect(loaded.problems()[0]).toContain(`The template file ${file} is not valid: at checklist.1.id: Checklist item "must-a" is listed twice`);
  });

  it('that reuses another template id is reported with both file names', () => {
    const folder = path.join(dir, 'clash');
    const a = writeTemplate(folder, 'a.template.json', minimal('same'));
    const b = writeTemplate(folder, 'b.template.json', minimal('same'));
    expect(loadTemplates(folder).problems()[0]).toContain(`The template files ${a} and ${b} both use the id "same"`);
  });

  it('does not stop the app opening: the call that needs templates says what is wrong', async () => {
    const folder = path.join(dir, 'broken-app');
    const file = writeTemplate(folder, 'jfp.template.json', '[]');
    services.close();
    services = startServices(path.join(dir, 'other.db'), { templates: lazyTemplates(() => loadTemplates(folder)) });
    expect(await ok('listPlans', {})).toEqual([]);
    const outcome = await services.dispatch('listTemplates', {});
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('io_error');
    expect(!outcome.ok && outcome.error.message).toContain(file);
  });
});

describe('finding the templates folder', () => {
  it('prefers dist/templates beside a bundled build, then the app folder, and honours JFP_TEMPLATES_DIR', () => {
    const app = path.join(dir, 'app');
    writeTemplate(path.join(app, 'templates'), 'blank.template.json', minimal('blank'));
    fs.writeFileSync(path.join(app, 'package.json'), '{}');
    fs.mkdirSync(path.join(app, 'dist', 'main'), { recursive: true });
    expect(findTemplatesDir({}, path.join(app, 'dist', 'main'))).toBe(path.join(app, 'templates'));
    writeTemplate(path.join(app, 'dist', 'templates'), 'blank.template.json', minimal('blank'));
    expect(findTemplatesDir({}, path.join(app, 'dist', 'main'))).toBe(path.join(app, 'dist', 'templates'));
    expect(findTemplatesDir({ JFP_TEMPLATES_DIR: '/somewhere/else' }, app)).toBe('/somewhere/else');
  });

  it('explains what to do when there is none', () => {
    const lonely = path.join(dir, 'lonely', 'dist');
    fs.mkdirSync(lonely, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lonely', 'package.json'), '{}');
    expect(() => findTemplatesDir({}, lonely)).toThrow(/set JFP_TEMPLATES_DIR/);
  });
});
