// #16 `jfp version`, `jfp versions`, `jfp compare`, `jfp restore-version` and
// `jfp refresh`: the command line bundled as `npm run build` bundles it, run in
// a process of its own, checked against what it prints and the database.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { paragraphs, readDocx } from '../support/docx-reader';
import { bundlesStale } from './global-setup';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The command line as `npm run build` bundles it, built once for the unit tests (test/unit/global-setup.ts).
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'jfp.cjs');

let dir: string;
let db: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function jfp(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUNDLE, '--db', db, ...args],
      { cwd: dir, env: { ...process.env, HOME: dir }, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-versions-cli-'));
  db = path.join(dir, 'jfp.db');
  expect(inject('unitBuild').code).toBe(0);
  expect(bundlesStale(), 'the bundles are older than the sources').toBe(false);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('saves, lists, compares (with the Word paper), restores and refreshes a plan from the command line', async () => {
  const created = await jfp(['new', '--title', 'JFP 2026/27 to 2030/31', '--icb', 'NHS Test ICB', '--start-year', '2026']);
  expect(created).toMatchObject({ code: 0, stderr: '' });
  const planId = created.stdout.trim();
  // Sections and text through the services on the same file (the CLI has no command to write text).
  const services = startServices(db);
  let sectionId: string;
  try {
    const section = await callOk(services, 'addSection', { planId, parentId: null, title: 'Urgent care' });
    sectionId = section.id;
    await callOk(services, 'saveSectionContent', { sectionId, revision: section.revision, content: contentFromParagraphs(['Forty beds by March.']) });
  } finally {
    services.close();
  }

  const saved = await jfp(['version', planId.slice(0, 8), '--label', 'HWB draft', '--note', 'For the HWBs']);
  expect(saved).toMatchObject({ code: 0, stderr: '' });
  const versionId = saved.stdout.trim();
  expect(versionId).toMatch(/^[0-9a-f-]{36}$/);

  const tooLong = await jfp(['version', planId, '--label', 'x'.repeat(10_000)]);
  expect(tooLong.code).toBe(2);
  expect(tooLong.stderr).toContain('A version label must be 200 characters or fewer.');

  const services2 = startServices(db);
  try {
    const section = await callOk(services2, 'getSection', { sectionId });
    await callOk(services2, 'saveSectionContent', { sectionId, revision: section.revision, content: contentFromParagraphs(['Sixty beds by March.']) });
  } finally {
    services2.close();
  }

  const listed = await jfp(['versions', planId]);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/HWB draft\s+Saved/);
  expect(listed.stdout).toContain('For the HWBs');

  const out = path.join(dir, 'changes.docx');
  const compared = await jfp(['compare', planId, versionId.slice(0, 8), 'current', '--out', out]);
  expect(compared).toMatchObject({ code: 0, stderr: '' });
  expect(compared.stdout).toContain('Comparing “HWB draft” with “Current draft”.');
  expect(compared.stdout).toContain('Urgent care: text changed (+1 / -1 words)');
  expect(paragraphs(readDocx(fs.readFileSync(out))).some((p) => p.text.includes('[Removed: Forty]') && p.text.includes('[Added: Sixty]'))).toBe(true);

  const badSide = await jfp(['compare', planId, 'zzzz', 'current']);
  expect(badSide.code).toBe(2);
  expect(badSide.stderr).toContain('No version of this plan has an id starting "zzzz"');

  const restored = await jfp(['restore-version', planId, versionId]);
  expect(restored).toMatchObject({ code: 0, stderr: '' });
  expect(restored.stdout).toContain('Restored “HWB draft”. The plan as it was is saved as “Before restoring HWB draft”');
  const file = new Database(db, { readonly: true });
  try {
    expect(file.prepare('SELECT plain_text FROM sections WHERE id = ?').pluck().get(sectionId)).toBe('Forty beds by March.');
    expect(file.prepare('SELECT kind FROM plan_versions WHERE plan_id = ? ORDER BY created_at').pluck().all(planId)).toEqual(['manual', 'before-restore']);
  } finally {
    file.close();
  }

  const refreshed = await jfp(['refresh', planId]);
  expect(refreshed).toMatchObject({ code: 0, stderr: '' });
  const nextId = refreshed.stdout.trim();
  const plans = JSON.parse((await jfp(['plans', '--json'])).stdout) as Array<{ id: string; title: string; startYear: number }>;
  expect(plans.find((p) => p.id === nextId)).toMatchObject({ title: 'JFP 2027/28 to 2031/32', startYear: 2027 });
  const across = await jfp(['compare', nextId, 'previous', 'current']);
  expect(across.code).toBe(0);
  expect(across.stdout).toContain('What changed since last year: added');
  expect(across.stdout).not.toContain('Urgent care: added');
  expect((await jfp(['versions', nextId])).stdout).toContain('Continues JFP 2026/27 to 2030/31.');
}, 180_000);
