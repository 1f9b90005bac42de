// #13: `jfp consultation-report PLAN --out FILE [--format docx|html] [--internal]`
// writes the app's consultation report through the contract dispatcher: the
// published edition by default (organisations only, no workflow states), the
// internal one on request, and one sentence for an unknown plan, a bad format
// or a path it cannot write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { callOk } from '../support/call-ok';
import { runJfp, type CliRun } from '../support/cli-run';

let dir: string;
let dbPath: string;
let planId: string;
const jfp = (args: string[]): Promise<CliRun> => runJfp(['--db', dbPath, ...args], { env: { HOME: dir } });

function expectOneSentence(run: CliRun, code: number, pattern: RegExp) {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^jfp: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-report-cli-'));
  dbPath = path.join(dir, 'jfp.db');
  const services = startServices(dbPath, { log: () => {} });
  try {
    const plan = await callOk(services, 'createPlan', { title: 'Fellside plan', icbName: 'NHS Fellside ICB', startYear: 2026, templateId: 'blank' });
    planId = plan.id;
    const section = await callOk(services, 'addSection', { planId, parentId: null, title: 'Start well' });
    const asha = await callOk(services, 'addStakeholder', { planId, name: 'Asha Patel', organisation: 'Healthwatch Fellside', orgType: 'healthwatch', email: '' });
    const thread = await callOk(services, 'createThread', {
      planId,
      sectionId: section.id,
      stakeholderId: asha.id,
      body: 'Please add the baseline for waits.',
      quote: '',
    });
    await callOk(services, 'respondToThread', { threadId: thread.id, response: 'We added the 2025 baseline.' });
  } finally {
    services.close();
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('jfp consultation-report', () => {
  it('writes the published Word report by default, and the internal web page on request', async () => {
    const out = path.join(dir, 'report.docx');
    const run = await jfp(['consultation-report', planId.slice(0, 8), '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Saved the published consultation report of "Fellside plan" to ${out}.`);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)))['word/document.xml']!);
    expect(xml).toContain('Please add the baseline for waits.');
    expect(xml).toContain('We added the 2025 baseline.');
    expect(xml).toContain('Healthwatch Fellside');
    // Published: no name without consent.
    expect(xml).not.toContain('Asha Patel');

    const html = path.join(dir, 'internal.html');
    const internal = await jfp(['consultation-report', planId, '--format', 'html', '--internal', '--out', html, '--json']);
    expect(internal.code).toBe(0);
    expect(JSON.parse(internal.stdout)).toMatchObject({ file: html, format: 'html', edition: 'internal' });
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain('Asha Patel');
    expect(page).toContain('Please add the baseline for waits.');

    const help = await jfp(['consultation-report', '--help']);
    expect(help.stdout).toContain('--internal');
    expect((await jfp(['--help'])).stdout).toContain('consultation-report');
  });

  it('refuses an unknown plan, a bad format and a path it cannot write, in one sentence, writing nothing', async () => {
    expectOneSentence(await jfp(['consultation-report', 'no-such-plan', '--out', path.join(dir, 'x.docx')]), 1, /no-such-plan/);
    expectOneSentence(await jfp(['consultation-report', planId, '--format', 'pdf', '--out', path.join(dir, 'x.pdf')]), 2, /--format/);
    expectOneSentence(await jfp(['consultation-report', planId]), 2, /--out/);
    expectOneSentence(await jfp(['consultation-report', planId, '--out', '/nonexistent-folder/report.docx']), 1, /nonexistent-folder/);
    const outDir = path.join(dir, 'read-only');
    fs.mkdirSync(outDir);
    const existing = path.join(outDir, 'keep.docx');
    fs.writeFileSync(existing, 'previous report');
    fs.chmodSync(outDir, 0o555);
    try {
      if (process.getuid?.() !== 0) expectOneSentence(await jfp(['consultation-report', planId, '--out', existing]), 1, /keep\.docx/);
    } finally {
      fs.chmodSync(outDir, 0o755);
    }
    expect(fs.readFileSync(existing, 'utf8')).toBe('previous report');
    expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
  });
});
