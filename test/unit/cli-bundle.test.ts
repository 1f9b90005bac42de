// The command line as people run it: built by scripts/build.mjs into
// dist/cli/jfp.cjs and started through bin/jfp.cjs, in a process of its own.
// cli.test.ts runs the sources; a bundle can break where the sources do not
// (playwright-core, copied into the bundle, once failed to load and PDF export
// with it; pdfkit and fontkit are bundled now), so this file runs the bundle itself.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { headings, readDocx } from '../support/docx-reader';
import { readPdf, readPdfStructure } from '../support/pdf-reader';
import { bundlesStale } from './global-setup';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'jfp.cjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
let db: string;
const jfp = (args: string[], env: NodeJS.ProcessEnv = {}) => run([BIN, '--db', db, ...args], env);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-bundle-'));
  db = path.join(dir, 'jfp.db');
  // Everything `npm run build` makes except the renderer, which the e2e tests are serving meanwhile:
  // built once for the unit tests (test/unit/global-setup.ts), unless already newer than the sources.
  const build = inject('unitBuild');
  if (build.ran) expect(build.stderr).toMatch(/build: main, preload and command line built/);
  expect(build.code).toBe(0);
  expect(bundlesStale(), 'the bundles are older than the sources').toBe(false);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bin/jfp.cjs, built', () => {
  it('prints its help', async () => {
    const help = await run([BIN, '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^jfp: JFP Studio on the command line/);
    for (const command of ['sample', 'export', 'a11y']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, 'm'));
  });

  it('creates the sample plan and exports it as a Word document and as a PDF that opens', async () => {
    const sample = await jfp(['sample']);
    expect(sample).toMatchObject({ code: 0, stderr: '' });
    const planId = sample.stdout.trim();
    expect(planId).toMatch(/^[A-Za-z0-9_-]+$/);
    const [plan] = JSON.parse((await jfp(['plans', '--json'])).stdout) as Array<{ id: string; title: string }>;
    expect(plan!.id).toBe(planId);
    const sections = JSON.parse((await jfp(['sections', planId, '--json'])).stdout) as Array<{ title: string; depth: number }>;
    const topLevel = sections.filter((s) => s.depth === 1).map((s) => s.title);
    expect(topLevel.length).toBeGreaterThan(3);

    const docxFile = path.join(dir, 'plan.docx');
    const docx = await jfp(['export', planId, '--format', 'docx', '--out', docxFile]);
    expect(docx.stderr).toBe('');
    expect(docx.code).toBe(0);
    // The sample plan's sections not written yet are each named in a warning (#14).
    expect(docx.stdout).toMatch(
      /^Saved .*plan\.docx \(\d+ sections, \d+ KB, [\d.]+ s\)\.\n(Warning: [^:\n]+: This section has no text yet\.\n)+Accessibility check passed\.\n$/,
    );
    const wordHeadings = headings(readDocx(fs.readFileSync(docxFile))).map(([, text]) => text);
    for (const title of topLevel) expect(wordHeadings.some((h) => h.endsWith(title))).toBe(true);

    const pdfFile = path.join(dir, 'plan.pdf');
    const pdf = await jfp(['export', planId, '--format', 'pdf', '--out', pdfFile]);
    expect(pdf.stderr).toBe('');
    expect(pdf.code).toBe(0);
    expect(pdf.stdout).toMatch(/^Saved .*plan\.pdf /);
    const bytes = fs.readFileSync(pdfFile);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await readPdf(bytes);
    expect(printed.pageCount).toBeGreaterThan(1);
    expect(printed.text).toContain(plan!.title);
    for (const title of topLevel) expect(printed.text).toContain(title);
    // #14: the PDF is accessible: tagged, a structure tree, language, title, a bookmark for every section.
    const structure = await readPdfStructure(bytes);
    expect(structure.marked).toBe(true);
    expect(structure.structureRoles).toEqual(expect.arrayContaining(['Document', 'H1', 'P']));
    expect(structure.language).toBe('en-GB');
    expect(structure.title).toBe(plan!.title);
    const bookmarks = structure.outline.map((o) => o.title);
    for (const title of topLevel) expect(bookmarks.some((b) => b.endsWith(title))).toBe(true);
    // Several exports through the built CLI: more than the default minute on a busy machine.
  }, 180_000);

  // #14 pdf: the PDF is drawn by the export job itself (pdfkit, Arimo), so no browser is looked for or needed.
  it('writes a tagged PDF on a machine with no browser, and refuses a folder that is not there in one sentence', async () => {
    const planId = (await jfp(['new', '--title', 'Joint Forward Plan 2027/28 to 2031/32', '--icb', 'NHS Example ICB', '--template', 'jfp'])).stdout.trim();
    const sections = JSON.parse((await jfp(['sections', planId, '--json'])).stdout) as Array<{ title: string }>;
    expect(sections.length).toBeGreaterThan(3);
    const pdfFile = path.join(dir, 'no-browser.pdf');
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    // CHROMIUM_PATH points nowhere, PATH holds only node, and HOME has no browser caches: nothing to find.
    const noBrowser = { CHROMIUM_PATH: path.join(dir, 'no-chromium-here'), PATH: path.dirname(process.execPath), HOME: home, PLAYWRIGHT_BROWSERS_PATH: home };
    const saved = await jfp(['export', planId, '--format', 'pdf', '--out', pdfFile], noBrowser);
    expect(saved).toMatchObject({ code: 0, stderr: '' });
    expect(saved.stdout).toMatch(/^Saved .*no-browser\.pdf \(\d+ sections, \d+ KB, [\d.]+ s\)\./);
    const structure = await readPdfStructure(fs.readFileSync(pdfFile));
    expect(structure).toMatchObject({ marked: true, language: 'en-GB', title: 'Joint Forward Plan 2027/28 to 2031/32' });
    expect(structure.structureRoles).toEqual(expect.arrayContaining(['Document', 'H1']));
    // A bookmark for every section, in the plan's order (the writer may add its own, such as the contents).
    const bookmarks = structure.outline.map((o) => o.title);
    let next = 0;
    for (const bookmark of bookmarks) if (next < sections.length && bookmark.endsWith(sections[next]!.title)) next++;
    expect(sections.slice(next).map((s) => s.title)).toEqual([]);
    // The bundle carries no browser driver at all.
    expect(fs.readFileSync(path.join(ROOT, 'dist', 'cli', 'jfp.cjs'), 'utf8')).not.toMatch(/playwright-core|@sparticuz\/chromium/);

    const missingFolder = path.join(dir, 'not-there', 'plan.pdf');
    const refused = await jfp(['export', planId, '--format', 'pdf', '--out', missingFolder], noBrowser);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^jfp: [^\n]*\.\n$/);
    expect(refused.stderr).toContain('not-there');
    expect(fs.existsSync(path.dirname(missingFolder))).toBe(false);
  });

  // #11 delivery table: exceljs, csv-parse and fflate load from the bundle as they do from the sources.
  it("saves the sample plan's delivery table as .xlsx and imports it back with nothing to change", async () => {
    const planId = (await jfp(['sample'])).stdout.trim();
    const xlsx = path.join(dir, 'delivery.xlsx');
    expect(await jfp(['commitments', planId, '--xlsx', xlsx])).toMatchObject({ code: 0, stderr: '' });
    const dryRun = await jfp(['import-commitments', planId, xlsx, '--dry-run']);
    expect(dryRun).toMatchObject({ code: 0, stderr: '' });
    expect(dryRun.stdout).toContain('To add: 0. To update: 0. Refused: 0 rows.');
  });

  // #13: the consultation report from the bundle, as Word (checked for accessibility) and as a web page.
  it("writes the sample plan's consultation report as Word and as a web page, and refuses a folder that is not there", async () => {
    const planId = (await jfp(['sample'])).stdout.trim();
    const docx = path.join(dir, 'report.docx');
    const saved = await jfp(['consultation-report', planId, '--out', docx]);
    expect(saved).toMatchObject({ code: 0, stderr: '' });
    expect(saved.stdout).toContain('Saved the published consultation report');
    expect(headings(readDocx(fs.readFileSync(docx))).length).toBeGreaterThan(0);
    const html = path.join(dir, 'report.html');
    expect(await jfp(['consultation-report', planId, '--out', html, '--format', 'html', '--internal'])).toMatchObject({ code: 0, stderr: '' });
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const missing = await jfp(['consultation-report', planId, '--out', path.join(dir, 'nowhere', 'report.docx')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('does not exist');
    expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });
});
