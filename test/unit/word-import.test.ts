// #16 Word import: a .docx becomes a plan, through the same contract methods
// the Import screen and `jfp import-docx` use. Word files are made here by
// other producers (pandoc; LibreOffice where present) and by our own exporter.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/ports';
import type { MethodInput, MethodName } from '../../shared/contract';
import { readContent, type SerializedNode } from '../../shared/lexical-json';
import { listBackupFiles } from '../../electron/services/backups/backup-service';
import { ICB_NAME_NEEDED, icbNameIn } from '../../electron/services/word-import/word-import-handlers';
import { hostileZip } from '../support/hostile-zip';
import { solidPng } from '../support/png';
import { SOFFICE } from '../support/libreoffice';
import { callOk, refusalOf } from '../support/call-ok';

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, program)));
}
const PANDOC = onPath('pandoc');
const needsPandoc = (context: TestContext) => {
  if (!PANDOC) context.skip('needs pandoc: no pandoc on the PATH (apt-get install pandoc)');
};

let dir: string;
let app: AppServices;
let openFrom: string | null;
let saveTo: string | null;

const ports: ExportPorts = {
  chooseSavePath: async () => saveTo,
  chooseOpenPath: async () => openFrom,
  openPath: async () => undefined,
  showInFolder: () => undefined,
};

const call = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(app, method, input);
const refusal = <M extends MethodName>(method: M, input: MethodInput<M>) => refusalOf(app, method, input);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-word-import-'));
  app = startServices(path.join(dir, 'jfp.db'), { exportPorts: ports, log: () => {} });
  openFrom = null;
  saveTo = null;
});

afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const MARKDOWN = `# Introduction

The plan of NHS Northshire and Dale Integrated Care Board and its partners.

Some **bold**, *italic* and [a link](https://example.org/plan) text.[^1]

## About this plan

- First point
- Second point
    - A nested point
1. Numbered one
2. Numbered two

| Measure | Target |
|---------|--------|
| Waiting times | 18 weeks |

![A chart of waiting times](chart.png)

# Our population

Our population is growing.

# Our local priorities

Local text.

[^1]: The source of the figures.
`;

function pandocDocx(markdown: string, name = 'Last year plan.docx'): string {
  const md = path.join(dir, 'source.md');
  fs.writeFileSync(md, markdown);
  fs.writeFileSync(path.join(dir, 'chart.png'), solidPng(20, 10, [0, 94, 184]));
  const out = path.join(dir, name);
  execFileSync('pandoc', [md, '-o', out], { stdio: 'ignore', cwd: dir });
  return out;
}

function types(node: SerializedNode, out: string[] = []): string[] {
  out.push(node.type);
  for (const child of node.children ?? []) types(child, out);
  return out;
}

function texts(node: SerializedNode, out: SerializedNode[] = []): SerializedNode[] {
  if (node.type === 'text') out.push(node);
  for (const child of node.children ?? []) texts(child, out);
  return out;
}

async function sectionContent(sectionId: string): Promise<SerializedNode> {
  const section = await call('getSection', { sectionId });
  const read = readContent(section.content);
  if (!read.ok) throw new Error('content did not parse');
  return read.state.root;
}

describe('Word import', () => {
  it('keeps headings, lists, tables, formatting, links and footnotes from a pandoc document, and matches template sections', async (context) => {
    needsPandoc(context);
    openFrom = pandocDocx(MARKDOWN);
    const preview = await call('previewWordImport', { splitLevel: 1 });
    expect(preview).not.toBeNull();
    expect(preview!.sections.map((s) => s.title)).toEqual(['Introduction', 'Our population', 'Our local priorities']);
    // Matched to the JFP template by title: exactly, and the rest are plain sections.
    expect(preview!.sections.map((s) => s.templateSection)).toEqual(['Introduction', 'Our population', null]);
    expect(preview!.notCarried.join(' ')).toMatch(/image .*“A chart of waiting times”.* not imported/);

    const { plan, notCarried } = await call('importWordPlan', { importId: preview!.importId });
    expect(notCarried).toEqual(preview!.notCarried);
    expect(plan.title).toBe('Last year plan');
    // The ICB's name as the document's first page gives it.
    expect(preview!.icbName).toBe('NHS Northshire and Dale Integrated Care Board');
    expect(preview!.icbNameFrom).toBe('document');
    expect(plan.icbName).toBe('NHS Northshire and Dale Integrated Care Board');
    const sections = await call('listSections', { planId: plan.id });
    expect(sections.map((s) => s.title)).toEqual(['Introduction', 'Our population', 'Our local priorities']);

    const intro = await sectionContent(sections[0]!.id);
    const kinds = types(intro);
    // Heading 2 stays a heading inside the section at split level 1.
    expect(intro.children!.some((n) => n.type === 'heading' && n.tag === 'h2')).toBe(true);
    expect(kinds.filter((t) => t === 'list')).toHaveLength(3); // bullets, nested bullets, numbers
    const lists = intro.children!.filter((n) => n.type === 'list');
    expect(lists.map((l) => l.listType)).toEqual(['bullet', 'number']);
    const nestedItem = lists[0]!.children!.find((item) => item.children?.[0]?.type === 'list');
    expect(texts(nestedItem!).map((t) => t.text)).toEqual(['A nested point']);
    const table = intro.children!.find((n) => n.type === 'table')!;
    expect(table.children).toHaveLength(2);
    expect(table.children![0]!.children!.map((c) => c.headerState)).toEqual([1, 1]);
    expect(texts(table).map((t) => t.text)).toEqual(['Measure', 'Target', 'Waiting times', '18 weeks']);
    const all = texts(intro);
    expect(all.find((t) => t.text === 'bold')!.format).toBe(1);
    expect(all.find((t) => t.text === 'italic')!.format).toBe(2);
    const link = intro.children!.flatMap((n) => n.children ?? []).find((n) => n.type === 'link');
    expect(link?.url).toBe('https://example.org/plan');
    // The footnote is text at the end of its section.
    const last = intro.children![intro.children!.length - 1]!;
    expect(
      texts(last)
        .map((t) => t.text)
        .join(''),
    ).toBe('[1] The source of the figures.');

    // The template's guidance and statutory checklist tags followed the matched section.
    const matched = await call('getSection', { sectionId: sections[1]!.id });
    expect(matched.guidance.length).toBeGreaterThan(0);
    const plain = await call('getSection', { sectionId: sections[2]!.id });
    expect(plain.guidance).toBe('');
    // A backup was taken before the import.
    expect(listBackupFiles(path.join(dir, 'jfp.db')).map((b) => b.reason)).toContain('before-word-import');
  });

  it('splits at Heading 2 as subsections when asked', async (context) => {
    needsPandoc(context);
    openFrom = pandocDocx(MARKDOWN);
    const preview = await call('previewWordImport', { splitLevel: 2 });
    const { plan } = await call('importWordPlan', { importId: preview!.importId, splitLevel: 2 });
    const sections = await call('listSections', { planId: plan.id });
    expect(sections.map((s) => [s.title, s.depth])).toEqual([
      ['Introduction', 1],
      ['About this plan', 2],
      ['Our population', 1],
      ['Our local priorities', 1],
    ]);
  });

  it('keeps headings, lists and tables from a LibreOffice document', async (context) => {
    if (!SOFFICE) context.skip('needs LibreOffice: no soffice on the PATH');
    const html = path.join(dir, 'plan.html');
    fs.writeFileSync(
      html,
      '<html><body><h1>Foreword</h1><p>Opening words.</p><ul><li>Alpha<ul><li>Beta</li></ul></li></ul><table border="1"><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table><h1>Health inequalities</h1><p>Gap text.</p></body></html>',
    );
    execFileSync(SOFFICE!, ['--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, html], { stdio: 'ignore', timeout: 120_000 });
    openFrom = path.join(dir, 'plan.docx');
    const preview = await call('previewWordImport', {});
    expect(preview!.sections.map((s) => s.title)).toEqual(['Foreword', 'Health inequalities']);
    expect(preview!.sections.map((s) => s.templateSection)).toEqual(['Foreword', 'Health inequalities']);
    const { plan } = await call('importWordPlan', { importId: preview!.importId, icbName: 'NHS Test ICB' });
    const sections = await call('listSections', { planId: plan.id });
    const foreword = await sectionContent(sections[0]!.id);
    expect(types(foreword)).toContain('list');
    expect(types(foreword)).toContain('table');
    expect(texts(foreword).map((t) => t.text)).toEqual(expect.arrayContaining(['Alpha', 'Beta', 'A', 'B', '1', '2']));
  });

  it('puts a document with no headings into one section named after the file, with a note', async (context) => {
    needsPandoc(context);
    openFrom = pandocDocx('Just a paragraph.\n\nAnd another.\n', 'Board notes.docx');
    const preview = await call('previewWordImport', {});
    expect(preview!.sections).toEqual([{ title: 'Board notes', templateSection: null, words: 5 }]);
    expect(preview!.notCarried.join(' ')).toContain('has no Heading 1 headings');
  });

  it('asks for the ICB name when neither the document nor the profile gives one, saving no placeholder, and takes the profile’s organisation otherwise', async (context) => {
    needsPandoc(context);
    openFrom = pandocDocx('# Foreword\n\nOur plan for the NHS and our partners. NHS England. Our Integrated Care Board sets out.\n', 'Unnamed.docx');
    const preview = (await call('previewWordImport', {}))!;
    expect(preview.icbName).toBeNull();
    expect(preview.icbNameFrom).toBeNull();
    expect(await refusal('importWordPlan', { importId: preview.importId })).toBe(ICB_NAME_NEEDED);
    expect(await call('listPlans', {})).toEqual([]);
    // Refused before anything was written, the backup included.
    expect(listBackupFiles(path.join(dir, 'jfp.db'))).toEqual([]);
    // Given by the person (the Import screen's field, or jfp import-docx --icb).
    const given = await call('importWordPlan', { importId: preview.importId, icbName: '  NHS Westmoor ICB ' });
    expect(given.plan.icbName).toBe('NHS Westmoor ICB');

    // With an organisation in the profile, the preview offers it and the plan takes it.
    await call('saveProfile', { name: 'Pat Lee', role: 'Planning lead', organisation: 'NHS Eastvale Integrated Care Board', email: '' });
    const again = (await call('previewWordImport', {}))!;
    expect(again).toMatchObject({ icbName: 'NHS Eastvale Integrated Care Board', icbNameFrom: 'profile' });
    expect((await call('importWordPlan', { importId: again.importId })).plan.icbName).toBe('NHS Eastvale Integrated Care Board');
    expect((await call('listPlans', {})).map((p) => p.icbName).sort()).toEqual(['NHS Eastvale Integrated Care Board', 'NHS Westmoor ICB']);
  });

  it('finds the ICB name on the title page, as written, and not in sentences that only mention the NHS', () => {
    expect(icbNameIn('<h1>Joint Forward Plan</h1><p>NHS Cheshire and Merseyside</p><p>Integrated Care Board</p>')).toBe(
      'NHS Cheshire and Merseyside Integrated Care Board',
    );
    expect(icbNameIn('<p>Prepared by NHS Kent and Medway ICB with its partners.</p>')).toBe('NHS Kent and Medway ICB');
    expect(icbNameIn('<p>The NHS Long Term Plan asks every Integrated Care Board to plan.</p>')).toBeNull();
    expect(icbNameIn('<p>NHS England. Our Integrated Care Board</p>')).toBeNull();
    // Beyond the first pages it is not the plan's own name.
    expect(icbNameIn(`<p>${'Words about the plan. '.repeat(1000)}</p><p>NHS Faraway Integrated Care Board</p>`)).toBeNull();
  });

  it('refuses 2,000 headings with a sentence and creates no plan', async (context) => {
    needsPandoc(context);
    openFrom = pandocDocx(Array.from({ length: 2000 }, (_, i) => `# Heading ${i + 1}\n`).join('\n'));
    expect(await refusal('previewWordImport', {})).toMatch(/would make 2,000 sections, more than the 1,000 a plan can hold; nothing was imported/);
    expect(await call('listPlans', {})).toEqual([]);
  });

  it('refuses what is not a Word document with a sentence, and creates no plan', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['report.docx', Buffer.from('%PDF-1.7\n1 0 obj\n'), /is a PDF, not a Word document; nothing was imported/],
      ['locked.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000)]), /password-protected or is an older Word file/],
      ['notes.docx', Buffer.from('plain text pretending'), /is not a Word document \(\.docx\); nothing was imported/],
      [
        'strict.docx',
        await hostileZip([
          { name: '[Content_Types].xml', head: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
          { name: 'word/document.xml', head: '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>' },
        ]),
        /Strict Open XML/,
      ],
      [
        'bomb.docx',
        // 400 MB inflated: the fastest deflate, the refusal reads only how much it inflates to.
        await hostileZip([{ name: 'word/document.xml', head: '<w:document>', body: 'A'.repeat(1024), times: 400_000, tail: '</w:document>' }], { level: 1 }),
        /limit|over .* uncompressed/,
      ],
    ];
    for (const [name, bytes, expected] of cases) {
      openFrom = path.join(dir, name);
      fs.writeFileSync(openFrom, bytes);
      expect(await refusal('previewWordImport', {}), name).toMatch(expected);
    }
    expect(await call('listPlans', {})).toEqual([]);
  });

  it('leaves no plan, section or search row behind when the import fails partway, and says so in a sentence', async (context) => {
    needsPandoc(context);
    const db = app.store.db;
    await call('createPlan', { title: 'Existing plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const counts = () => ({
      plans: (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n,
      sections: (db.prepare('SELECT count(*) AS n FROM sections').get() as { n: number }).n,
      search: (db.prepare('SELECT count(*) AS n FROM section_fts').get() as { n: number }).n,
      events: (db.prepare('SELECT count(*) AS n FROM plan_events').get() as { n: number }).n,
    });
    const before = counts();
    openFrom = pandocDocx(MARKDOWN);

    // 1. The store refuses a write late in the sections (as a constraint or a bad row would): the first two are already in.
    let written = 0;
    db.function('jfp_test_sections_written', () => ++written);
    db.exec(`CREATE TEMP TRIGGER fail_late BEFORE INSERT ON main.sections
      WHEN jfp_test_sections_written() > 2 BEGIN SELECT RAISE(ABORT, 'the section could not be saved'); END`);
    const first = await call('previewWordImport', {});
    const refusedLate = await refusal('importWordPlan', { importId: first!.importId });
    expect(written).toBeGreaterThan(2);
    expect(refusedLate).toBe(
      'Last year plan.docx could not be saved as a plan (the section could not be saved), so nothing was imported and your other plans are unchanged.',
    );
    expect(counts()).toEqual(before);
    db.exec('DROP TRIGGER temp.fail_late');

    // 2. The disk fills once every section and search row is written, while the plan's history is recorded.
    const record = app.store.events.record;
    app.store.events.record = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    try {
      const second = await call('previewWordImport', {});
      const refusedFull = await refusal('importWordPlan', { importId: second!.importId });
      expect(refusedFull).toMatch(/^The disk holding the plan database .* is full, so this change was not saved\. Free some space on that disk, then try again\.$/);
      expect(counts()).toEqual(before);
    } finally {
      app.store.events.record = record;
    }
    expect((await call('listPlans', {})).map((p) => p.title)).toEqual(['Existing plan']);

    // Nothing was spoiled for the next attempt: the same document imports whole.
    const third = await call('previewWordImport', {});
    const { plan } = await call('importWordPlan', { importId: third!.importId });
    expect((await call('listSections', { planId: plan.id })).length).toBe(third!.sections.length);
  });

  it('refuses a file over the size limit before reading it', async () => {
    openFrom = path.join(dir, 'huge.docx');
    const fd = fs.openSync(openFrom, 'w');
    fs.ftruncateSync(fd, 100 * 1024 * 1024);
    fs.closeSync(fd);
    expect(await refusal('previewWordImport', {})).toMatch(/huge\.docx is 100 MB, over the 60 MB a Word document to import may be; nothing was imported/);
  });
});
