// `jfp export PLAN --format board-paper` with the cover sheet filled from the
// command line: --cover FILE.json and --set field=value over what the app
// saved, refused in one sentence (and nothing written) when a field is unknown,
// of the wrong type or too long, or when required fields are empty unless
// --allow-incomplete; warnings about the whole document name no section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import type { CliIo } from '../../electron/cli';
import { callOk } from '../support/call-ok';
import { runJfp, type CliRun } from '../support/cli-run';
import { paragraphs, readDocx, textOf, wElements } from '../support/docx-reader';
import { FULL_COVER } from '../support/export-fixture';

let dir: string;
let dbPath: string;
let planId: string;

const jfp = (args: string[], io: Partial<CliIo> = {}): Promise<CliRun> => runJfp(['--db', dbPath, ...args], { env: { HOME: dir }, ...io });
const out = (name: string) => path.join(dir, name);
const board = (name: string, ...more: string[]) => jfp(['export', planId, '--format', 'board-paper', '--status', 'approved', '--out', out(name), ...more]);

function writeCover(name: string, value: unknown): string {
  const file = out(name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

/** A refusal: one sentence on stderr, exit 1, and no file where the paper would have been. */
function expectRefused(run: CliRun, file: string, pattern: RegExp) {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^jfp: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(fs.existsSync(out(file))).toBe(false);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-cover-'));
  dbPath = path.join(dir, 'jfp.db');
  const services = startServices(dbPath, { log: () => {} });
  try {
    planId = (await callOk(services, 'createSamplePlan', {})).id;
  } finally {
    services.close();
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('jfp export --format board-paper with a cover sheet', () => {
  it('refuses a paper whose required cover fields are empty, naming each with its key, unless --allow-incomplete', async () => {
    const refused = await board('incomplete.docx');
    expectRefused(
      refused,
      'incomplete.docx',
      /The cover sheet is missing 7 required fields: Purpose of the paper \(purpose\), Date of meeting \(meetingDate\), Agenda item \(agendaItem\), .*--allow-incomplete\./,
    );

    const allowed = await board('incomplete.docx', '--allow-incomplete');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Warning: The cover sheet\'s "Agenda item" is empty.');
    // A warning about the whole document has no section to name.
    expect(allowed.stdout).not.toMatch(/^Warning: :/m);
    expect(allowed.stdout).not.toMatch(/^Warning: [^:\n]*: :/m);
  });

  it('fills the cover sheet from --cover FILE.json and --set, with 0 "Not provided"', async () => {
    const file = writeCover('cover.json', FULL_COVER);
    const run = await board('filled.docx', '--cover', file, '--set', 'agendaItem=9.2', '--set', 'meeting=Board meeting in public = March');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const pkg = readDocx(fs.readFileSync(out('filled.docx')));
    const text = paragraphs(pkg)
      .map((p) => p.text)
      .join('\n');
    expect(text).not.toContain('Not provided');
    const cells = wElements(wElements(pkg.xml('word/document.xml'), 'tbl')[0]!, 'tc').map(textOf);
    expect(cells[cells.indexOf('Agenda item') + 1]).toBe('9.2');
    expect(cells[cells.indexOf('Meeting') + 1]).toBe('Board meeting in public = March');
    expect(cells[cells.indexOf('Report author') + 1]).toBe(FULL_COVER['reportAuthor']);
  });

  it.each([
    ['a misspelt field', ['--set', 'reccomendations=Approve'], /Unknown field "reccomendations" on the cover sheet: did you mean "recommendation"\?/],
    ['a value of the wrong type', ['--cover', '{"meetingDate": 20260326}'], /"Date of meeting" on the cover sheet must be text, not a number\./],
    [
      'a 1 MB summary',
      ['--cover', JSON.stringify({ executiveSummary: 'x'.repeat(1_000_000) })],
      /"Executive summary" on the cover sheet is too long \(1,000,000 characters\)/,
    ],
    ['a file that is not JSON', ['--cover', '{agendaItem: 7}'], /is not valid JSON/],
    ['a file that is a list', ['--cover', '["agendaItem"]'], /must hold one JSON object of field names and their text/],
    ['a --set without a value', ['--set', 'agendaItem'], /--set takes field=value/],
    ['a bad date', ['--set', 'meetingDate=next Tuesday'], /"Date of meeting" on the cover sheet must be a date written as YYYY-MM-DD\./],
  ])('refuses %s in one sentence and writes nothing', async (_what, args, pattern) => {
    const withFile = args[0] === '--cover' ? ['--cover', writeCover('bad.json', args[1]!)] : args;
    const run = await board('bad.docx', ...withFile, '--allow-incomplete');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(pattern);
    expect(fs.existsSync(out('bad.docx'))).toBe(false);
  });

  it('says a missing cover file or an unwritable folder in a sentence', async () => {
    expectRefused(await board('nofile.docx', '--cover', out('missing.json')), 'nofile.docx', /missing\.json could not be read/);
    const run = await jfp(['export', planId, '--format', 'board-paper', '--allow-incomplete', '--out', '/nonexistent-folder/board.docx']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^jfp: [^\n]*nonexistent-folder[^\n]*\n$/);
  });

  it('keeps --cover and --set to board papers', async () => {
    const run = await jfp(['export', planId, '--format', 'docx', '--set', 'agendaItem=1', '--out', out('plan.docx')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--cover, --set and --allow-incomplete are for board papers/);
  });
});
