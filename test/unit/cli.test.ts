// The `jfp` command line: what a planner, a script or a support engineer types
// and what they get back (stdout, one-sentence errors, exit codes), checked
// against the database file itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../electron/cli';
import { runJfp, type CliRun } from '../support/cli-run';
import { COMMANDS } from '../../electron/cli/commands';
import { startServices } from '../../electron/services/app-services';
import { JFP_APPLICATION_ID } from '../../electron/services/store/file-check';
import { buildCommentsFile, openReviewPack, parseReviewFile, reviewPackSchema } from '../../electron/services/review/review-pack';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { Commitment, Plan, PlanSummary, SearchHit, SectionSummary } from '../../shared/domain';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { databaseRows } from '../support/db-snapshot';
import { readPdf, readPdfStructure } from '../support/pdf-reader';

const repoRoot = path.resolve(__dirname, '../..');

let dir: string;
let dbPath: string;

const jfp = (args: string[], io: Partial<CliIo> = {}): Promise<CliRun> => runJfp(['--db', dbPath, ...args], { env: { HOME: dir }, ...io });

async function jfpJson<T>(args: string[]): Promise<T> {
  const run = await jfp([...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** A failure as a user sees it: one line on stderr, nothing on stdout. */
function expectOneSentence(run: CliRun, code: number, pattern: RegExp) {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^jfp: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

/** Calls a contract method on the same database file, as the app would. */
async function inApp<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const services = startServices(dbPath, { log: () => {} });
  try {
    return await callOk(services, method, input);
  } finally {
    services.close();
  }
}

const snapshot = () => databaseRows(dbPath);

async function newPlan(title = 'Joint Forward Plan 2026/27 to 2030/31'): Promise<string> {
  const run = await jfp(['new', '--title', title, '--icb', 'NHS Test ICB', '--start-year', '2026']);
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cli-'));
  dbPath = path.join(dir, 'jfp.db');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('jfp new', () => {
  it('prints just the new plan id, and the plan is in the database file', async () => {
    const run = await jfp([
      'new',
      '--title',
      'Joint Forward Plan 2026/27 to 2030/31',
      '--icb',
      'NHS Test ICB',
      '--start-year',
      '2026',
      '--marking',
      'official-sensitive',
      '--trust',
      'Northtown Hospitals NHS FT',
      '--trust',
      'Southshire Community NHS Trust',
      '--place',
      'Northtown',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[A-Za-z0-9_-]+\n$/);

    const db = new Database(dbPath, { readonly: true });
    const row = db.prepare('SELECT * FROM plans WHERE id = ?').get(run.stdout.trim()) as Record<string, unknown>;
    db.close();
    expect(row).toMatchObject({
      title: 'Joint Forward Plan 2026/27 to 2030/31',
      icb_name: 'NHS Test ICB',
      start_year: 2026,
      protective_marking: 'OFFICIAL-SENSITIVE',
      partner_trusts: JSON.stringify(['Northtown Hospitals NHS FT', 'Southshire Community NHS Trust']),
      places: JSON.stringify(['Northtown']),
    });
  });

  it('starts the plan in the next financial year to begin (they start on 1 April)', async () => {
    const startFor = async (today: string) => {
      let out = '';
      const code = await runCli(['--db', dbPath, 'new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--json'], {
        stdout: (s) => (out += s),
        stderr: () => {},
        now: () => new Date(today),
      });
      expect(code).toBe(0);
      return (JSON.parse(out) as Plan).startYear;
    };
    expect(await startFor('2026-03-31T12:00:00')).toBe(2026);
    expect(await startFor('2026-04-01T12:00:00')).toBe(2027);
    expect(await startFor('2026-12-31T12:00:00')).toBe(2027);
  });

  it('takes the start year as 2026 or 2026/27', async () => {
    const plan = await jfpJson<Plan>(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--start-year', '2028/29']);
    expect(plan.startYear).toBe(2028);
  });

  it('refuses an empty title, a bad start year or a missing ICB in one sentence and changes nothing', async () => {
    await newPlan();
    const before = snapshot();
    expectOneSentence(await jfp(['new', '--title', '', '--icb', 'NHS Test ICB']), 2, /Give the plan a title\./);
    expectOneSentence(await jfp(['new', '--title', '   ', '--icb', 'NHS Test ICB']), 2, /Give the plan a title\./);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--start-year', 'next']), 2, /--start-year must be a year such as \d{4}/);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--start-year', '2026/28']), 2, /--start-year must be a year/);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--start-year', '2019']), 2, /must start in 2020\/21 or later/);
    expectOneSentence(await jfp(['new', '--title', 'Plan']), 2, /needs --icb/);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--marking', 'SECRET']), 2, /--marking must be OFFICIAL or OFFICIAL-SENSITIVE/);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--template', 'no such template']), 2, /not valid/);
    expectOneSentence(await jfp(['new', '--title']), 2, /--title needs a value\./);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB', '--colour', 'blue']), 2, /jfp new has no option --colour; run jfp help new/);
    expect(snapshot()).toEqual(before);
  });
});

describe('jfp plans', () => {
  it('lists each plan with its id, title, ICB, period, sections, words and last change', async () => {
    const id = await newPlan();
    await inApp('addSection', { planId: id, parentId: null, title: 'Our population' });
    const run = await jfp(['plans']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [heading, line, ...rest] = run.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(heading).toMatch(/^ID\s+TITLE\s+ICB\s+PERIOD\s+SECTIONS\s+WORDS\s+UPDATED$/);
    expect(line).toMatch(
      new RegExp(
        `^${id.slice(0, 8)}\\S*\\s+Joint Forward Plan 2026/27 to 2030/31\\s+NHS Test ICB\\s+2026/27 to 2030/31\\s+1\\s+0\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`,
      ),
    );
  });

  it('gives the full plan summaries as JSON', async () => {
    const id = await newPlan();
    const plans = await jfpJson<PlanSummary[]>(['plans']);
    expect(plans).toEqual([expect.objectContaining({ id, title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, sectionCount: 0 })]);
  });

  it('says which database it looked in when there is none yet, and does not create one', async () => {
    expectOneSentence(await jfp(['plans']), 1, new RegExp(`There is no plan database at ${dbPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('uses JFP_DB when no --db is given', async () => {
    const id = await newPlan();
    let out = '';
    const code = await runCli(['plans', '--json'], { stdout: (s) => (out += s), stderr: () => {}, env: { HOME: dir, JFP_DB: dbPath } });
    expect(code).toBe(0);
    expect((JSON.parse(out) as PlanSummary[]).map((p) => p.id)).toEqual([id]);
  });
});

describe('jfp sections', () => {
  it("shows the plan's outline as an indented tree with status, owner, words and open comments", async () => {
    const id = await newPlan();
    const population = await inApp('addSection', { planId: id, parentId: null, title: 'Our population' });
    const children = await inApp('addSection', { planId: id, parentId: population.id, title: "Children and young people's health" });
    await inApp('addSection', { planId: id, parentId: null, title: 'Finance' });
    await inApp('updateSectionMeta', { sectionId: children.id, status: 'drafting', owner: 'Priya Shah' });
    await inApp('saveSectionContent', { sectionId: children.id, revision: 1, content: contentFromParagraphs(['Every child gets a good start in life.']) });

    const run = await jfp(['sections', id]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SECTION\s+STATUS\s+OWNER\s+WORDS\s+OPEN COMMENTS$/);
    expect(lines[1]).toMatch(/^1 Our population\s+Not started\s+-\s+0\s+0$/);
    expect(lines[2]).toMatch(/^ {2}1\.1 Children and young people's health\s+Drafting\s+Priya Shah\s+8\s+0$/);
    expect(lines[3]).toMatch(/^2 Finance\s+Not started/);
    expect(lines).toHaveLength(4);

    const sections = await jfpJson<SectionSummary[]>(['sections', id]);
    expect(sections.map((s) => [s.title, s.depth])).toEqual([
      ['Our population', 1],
      ["Children and young people's health", 2],
      ['Finance', 1],
    ]);
  });

  it('finds the plan from a unique start of its id, like git', async () => {
    const id = await newPlan();
    await inApp('addSection', { planId: id, parentId: null, title: 'Our population' });
    const run = await jfp(['sections', id.slice(0, 5)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 Our population');
  });

  it('refuses an unknown or ambiguous plan in one sentence, changing nothing', async () => {
    const ids: string[] = [];
    // Seventeen ids must share a first character: there are only sixteen hex digits.
    for (let i = 0; i < 17; i++) ids.push(await newPlan(`Plan ${i}`));
    const shared = ids.map((id) => id[0]!).find((c, i, all) => all.indexOf(c) !== i)!;
    const before = snapshot();
    expectOneSentence(await jfp(['sections', 'zzzz']), 1, /No plan has an id starting with "zzzz"; run jfp plans/);
    expectOneSentence(await jfp(['sections', shared]), 1, new RegExp(`"${shared}" is the start of \\d+ plans' ids; give more of the id\\.`));
    expectOneSentence(await jfp(['sections']), 2, /jfp sections needs PLAN/);
    expectOneSentence(await jfp(['sections', ids[0]!, 'extra']), 2, /does not take "extra"/);
    expect(snapshot()).toEqual(before);
  });
});

describe('jfp sample', () => {
  it('creates the fictional sample plan and prints its id', async () => {
    const run = await jfp(['sample']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const id = run.stdout.trim();
    const db = new Database(dbPath, { readonly: true });
    const sections = db.prepare('SELECT count(*) FROM sections WHERE plan_id = ?').pluck().get(id) as number;
    db.close();
    expect(sections).toBeGreaterThan(0);
  });
});

describe('jfp search', () => {
  async function planWithText() {
    const id = await newPlan();
    const section = await inApp('addSection', { planId: id, parentId: null, title: 'Elective recovery' });
    await inApp('saveSectionContent', {
      sectionId: section.id,
      revision: 1,
      content: contentFromParagraphs(['We will cut waiting times for planned care across every place.']),
    });
    return id;
  }

  it('lists matches with their kind, section and snippet, the matching words in [brackets]', async () => {
    const id = await planWithText();
    const run = await jfp(['search', id, 'waiting']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KIND\s+SECTION\s+MATCH$/);
    expect(lines[1]).toMatch(/^Section\s+Elective recovery\s+.*\[waiting\]/i);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('shows the matching words in bold on a terminal', async () => {
    const id = await planWithText();
    const run = await jfp(['search', id, 'waiting'], { color: true });
    expect(run.stdout).toMatch(/\u001b\[1mwaiting\u001b\[22m/i);
  });

  it('takes the rest of the line as the query and gives hits as JSON', async () => {
    const id = await planWithText();
    const hits = await jfpJson<SearchHit[]>(['search', id.slice(0, 6), 'planned', 'care']);
    expect(hits[0]).toMatchObject({ kind: 'section', sectionTitle: 'Elective recovery' });
    expect(hits[0]!.snippet.some((part) => part.match)).toBe(true);
  });
});

describe('jfp commitments', () => {
  async function planWithCommitments() {
    const id = await newPlan();
    const rows: Array<Partial<Commitment>> = [
      {
        priority: 'Elective recovery',
        commitment: 'Cut the longest waits',
        metric: 'Patients waiting over 65 weeks',
        baseline: '1,240',
        target: '0',
        targetYear: 2027,
        leadOrg: 'Northtown Hospitals NHS FT',
        rag: 'amber',
        ragOverrideReason: 'Set in the test.',
      },
      {
        priority: 'Mental health',
        commitment: 'Expand talking therapies',
        metric: 'People starting NHS Talking Therapies treatment for anxiety or depression each year',
        baseline: '9,000',
        target: '12,000',
        targetYear: 2028,
        leadOrg: 'Southshire Partnership NHS FT',
        rag: 'green',
        ragOverrideReason: 'Set in the test.',
      },
      {
        priority: 'Elective recovery',
        commitment: 'More day-case surgery',
        metric: 'Day-case rate',
        baseline: '78%',
        target: '85%',
        targetYear: 2028,
        leadOrg: 'Northtown Hospitals NHS FT',
        rag: 'red',
        ragOverrideReason: 'Set in the test.',
      },
    ];
    for (const fields of rows) await inApp('addCommitment', { planId: id, fields: fields as MethodInput<'addCommitment'>['fields'] });
    return id;
  }

  it('shows the delivery table with priority, commitment, metric, baseline, target, year, lead and RAG', async () => {
    const id = await planWithCommitments();
    const run = await jfp(['commitments', id]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+PRIORITY\s+COMMITMENT\s+METRIC\s+BASELINE\s+TARGET\s+YEAR\s+LEAD\s+LATEST\s+RAG$/);
    // #11: target years are financial years; the status set in the old status column is an override.
    expect(lines[1]).toMatch(
      /^1\s+Elective recovery\s+Cut the longest waits\s+Patients waiting over 65 weeks\s+1,240\s+0\s+2027\/28\s+Northtown Hospitals NHS FT\s+-\s+Amber - at risk \(set by hand\)$/,
    );
    // Long cells are shortened in the table; --json has them in full.
    expect(lines[2]).toMatch(/People starting NHS Talking\S* ?\S*\.\.\./);
    expect((await jfpJson<Commitment[]>(['commitments', id]))[1]!.metric).toBe('People starting NHS Talking Therapies treatment for anxiety or depression each year');
    expect(lines).toHaveLength(4);
  });

  it('filters by priority, lead and target year', async () => {
    const id = await planWithCommitments();
    const titles = async (...filters: string[]) => (await jfpJson<Commitment[]>(['commitments', id, ...filters])).map((c) => c.commitment);
    expect(await titles('--priority', 'elective')).toEqual(['Cut the longest waits', 'More day-case surgery']);
    expect(await titles('--lead', 'southshire')).toEqual(['Expand talking therapies']);
    expect(await titles('--year', '2028', '--priority', 'Elective recovery')).toEqual(['More day-case surgery']);
    expect(await titles('--year', '2028/29', '--priority', 'Elective recovery')).toEqual(['More day-case surgery']);
    expect(await titles('--status', 'red')).toEqual(['More day-case surgery']);
    expectOneSentence(await jfp(['commitments', id, '--year', 'soon']), 2, /--year must be a financial year such as 2028\/29/);
  });
});

describe('every command', () => {
  it('prints parseable JSON with --json', async () => {
    const id = await newPlan();
    const readyId = await newPlan('Ready plan'); // #15
    await inApp('addSection', { planId: id, parentId: null, title: 'Our population' });
    const argsFor: Record<string, string[]> = {
      plans: ['plans'],
      new: ['new', '--title', 'Another plan', '--icb', 'NHS Test ICB'],
      sample: ['sample'],
      sections: ['sections', id],
      search: ['search', id, 'population'],
      commitments: ['commitments', id],
      actual: ['actual', id, '1', '--value', '5', '--date', '2026-05-01'],
      comments: ['comments', id],
      export: ['export', id, '--format', 'html', '--out', path.join(dir, 'every-command.html')],
      a11y: ['a11y', path.join(dir, 'every-command.docx')],
      'review-pack': ['review-pack', id, '--reviewer', 'Every', '--out', path.join(dir, 'every-command.jfpreview')],
      'import-comments': ['import-comments', id, path.join(dir, 'every-command.docx')],
      'consultation-report': ['consultation-report', id, '--out', path.join(dir, 'every-command-report.docx')], // #13
      'import-commitments': ['import-commitments', id, path.join(dir, 'every-command.csv'), '--dry-run'], // #11
      // #16 versions
      version: ['version', id, '--label', 'Every command'],
      versions: ['versions', id],
      compare: ['compare', id, 'current', 'current'],
      'restore-version': ['restore-version', id, 'latest'],
      refresh: ['refresh', id],
      hwb: ['hwb', id], // #15
      // #15 a blank plan with no sections has no blocking item, so check exits 0 and sign-off needs no reason
      check: ['check', readyId],
      'sign-off': ['sign-off', readyId, '--name', 'Every Command', '--role', 'Tester'],
      // #16 backups and Word import: our own export imported back
      'import-docx': ['import-docx', path.join(dir, 'every-command.docx')],
      backup: ['backup'],
      backups: ['backups'],
      restore: ['restore', path.join(dir, 'every-command-backup.db')],
    };
    fs.writeFileSync(path.join(dir, 'every-command.csv'), 'Commitment,Lead\nCut waits,Trust\n'); // #11
    await inApp('addStakeholder', { planId: id, name: 'Every Command', organisation: '', orgType: 'other', email: '' });
    await inApp('addCommitment', { planId: id, fields: { commitment: 'Every command' } });
    expect((await jfp(['export', id, '--format', 'docx', '--out', path.join(dir, 'every-command.docx')])).code).toBe(0);
    expect((await jfp(['backup', '--out', path.join(dir, 'every-command-backup.db')])).code).toBe(0); // #16
    for (const command of COMMANDS) {
      const args = argsFor[command.name];
      expect(args, `a --json case for jfp ${command.name}`).toBeDefined();
      const run = await jfp([...args!, '--json']);
      expect({ command: command.name, code: run.code, stderr: run.stderr }).toEqual({ command: command.name, code: 0, stderr: '' });
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
    expect(JSON.parse((await jfp(['--version', '--json'])).stdout)).toMatchObject({ version: expect.any(String) });
  });

  it('refuses an unknown command with a hint to run jfp --help', async () => {
    expectOneSentence(await jfp(['publish']), 2, /"publish" is not a jfp command; run jfp --help to see the commands\./);
  });

  it('opens a database from a newer version of the app without changing it and says so', async () => {
    const db = new Database(dbPath);
    // A newer JFP Studio marks its files as every version since this one does.
    db.pragma(`application_id = ${JFP_APPLICATION_ID}`);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE plans (id TEXT)');
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(dbPath);
    expectOneSentence(await jfp(['plans']), 1, /written by a newer version of JFP Studio/);
    expectOneSentence(await jfp(['new', '--title', 'Plan', '--icb', 'NHS Test ICB']), 1, /newer version/);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('reports a file that is not a plan database in one sentence', async () => {
    fs.writeFileSync(dbPath, 'These are my meeting notes, not a database.\n'.repeat(100));
    expectOneSentence(await jfp(['plans']), 1, /not a plan database/);
  });
});

describe('jfp comments', () => {
  it('lists threads with their section, reviewer, comment, replies and status, filtered as in the app', async () => {
    const plan = await inApp('createPlan', { title: 'Review plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const section = await inApp('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
    const asha = await inApp('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
    const sam = await inApp('addStakeholder', { planId: plan.id, name: 'Sam Jones', organisation: 'NHS Test ICB', orgType: 'icb', email: '' });
    const first = await inApp('createThread', { planId: plan.id, sectionId: section.id, stakeholderId: asha.id, body: 'Add the baseline.', quote: '' });
    await inApp('replyToThread', { threadId: first.id, stakeholderId: sam.id, body: 'Done.' });
    await inApp('createThread', { planId: plan.id, sectionId: section.id, stakeholderId: sam.id, body: 'Shorten this.', quote: '' });
    await inApp('setThreadStatus', { threadId: first.id, status: 'resolved' });

    const all = await jfp(['comments', plan.id]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/SECTION\s+BY\s+COMMENT/);
    expect(all.stdout).toContain('Asha Patel, Healthwatch Test');
    expect(all.stdout).toContain('Add the baseline.');

    const open = await jfpJson<Array<{ comments: Array<{ body: string }> }>>(['comments', plan.id, '--status', 'open']);
    expect(open.map((t) => t.comments[0]!.body)).toEqual(['Shorten this.']);
    const healthwatch = await jfpJson<Array<{ comments: Array<{ body: string }> }>>(['comments', plan.id, '--type', 'healthwatch']);
    expect(healthwatch.map((t) => t.comments.map((c) => c.body))).toEqual([['Add the baseline.', 'Done.']]);
    const bySam = await jfpJson<unknown[]>(['comments', plan.id, '--stakeholder', 'sam']);
    expect(bySam).toHaveLength(2);
    expect((await jfp(['comments', plan.id, '--section', 'nowhere'])).stdout).toBe('No comment threads in "Review plan" match.\n');
  });
});

describe('jfp export and jfp a11y', () => {
  it('exports the sample plan as Word, a board paper, a web page and a PDF, checking Word files', async () => {
    const sample = await inApp('createSamplePlan', {});
    const docx = path.join(dir, 'plan.docx');
    const run = await jfp(['export', sample.id, '--format', 'docx', '--out', docx]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The sample plan has sections not written yet: each is named in a warning (#14).
    expect(run.stdout).toMatch(
      /^Saved .*plan\.docx \(\d+ sections, \d+ KB, [\d.]+ s\)\.\n(Warning: [^:\n]+: This section has no text yet\.\n)+Accessibility check passed\.\n$/,
    );
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');

    const board = await jfpJson<{ summary: { kind: string; sectionCount: number } }>([
      'export',
      sample.id,
      '--format',
      'board-paper',
      '--status',
      'approved',
      '--allow-incomplete',
      '--out',
      path.join(dir, 'board.docx'),
    ]);
    expect(board.summary.kind).toBe('board_paper');
    // The approved sections, and the parents whose headings they sit under (#14: the plan's numbers are kept).
    const all = await inApp('listSections', { planId: sample.id });
    const approved = all.filter((s) => s.status === 'approved').length;
    expect(board.summary.sectionCount).toBeGreaterThanOrEqual(approved);
    expect(board.summary.sectionCount).toBeLessThan(all.length);

    const html = path.join(dir, 'plan.html');
    expect((await jfp(['export', sample.id, '--format', 'html', '--out', html])).code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/i);

    const pdf = path.join(dir, 'plan.pdf');
    // #14 pdf: drawn by the export job (no browser), with the same warnings as Word; tagged, with bookmarks.
    const pdfRun = await jfp(['export', sample.id, '--format', 'pdf', '--out', pdf]);
    expect(pdfRun).toMatchObject({ code: 0, stderr: '' });
    expect(pdfRun.stdout).toMatch(/^Saved .*plan\.pdf \(\d+ sections, \d+ KB, [\d.]+ s\)\.\n(Warning: [^:\n]+: This section has no text yet\.\n)+$/);
    const printed = await readPdf(fs.readFileSync(pdf));
    expect(printed.pageCount).toBeGreaterThan(1);
    expect(printed.text).toContain(sample.title);
    const structure = await readPdfStructure(fs.readFileSync(pdf));
    expect(structure).toMatchObject({ marked: true, language: 'en-GB', title: sample.title });
    expect(structure.outline.length).toBeGreaterThan(3);

    const check = await jfp(['a11y', docx]);
    expect(check).toMatchObject({ code: 0, stdout: 'plan.docx: no accessibility problems found.\n' });
  });

  it('refuses a bad format or an unwritable path in one sentence, keeping an existing file', async () => {
    const id = await newPlan();
    expectOneSentence(await jfp(['export', id, '--format', 'odt', '--out', path.join(dir, 'x.odt')]), 2, /--format/);
    // The output's folder is read-only, not the database's: an export records itself in the plan's trail (#14).
    const outDir = path.join(dir, 'out');
    fs.mkdirSync(outDir);
    const existing = path.join(outDir, 'keep.docx');
    fs.writeFileSync(existing, 'previous good file');
    fs.chmodSync(outDir, 0o555);
    try {
      if (process.getuid?.() !== 0) expectOneSentence(await jfp(['export', id, '--format', 'docx', '--out', existing]), 1, /keep\.docx/);
    } finally {
      fs.chmodSync(outDir, 0o755);
    }
    expectOneSentence(await jfp(['export', id, '--format', 'docx', '--out', '/nonexistent-folder/plan.docx']), 1, /nonexistent-folder/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('previous good file');
  });

  it('lists the problems in a badly made document and exits 1; a file that is not Word is one sentence', async () => {
    const doc = new Document({
      creator: 'Someone',
      styles: { default: { document: { run: { font: 'Times New Roman', size: 20, language: { value: 'en-US' } } } } },
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Introduction')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Skipped a level')] }),
            new Paragraph({ children: [new TextRun('Small body text.')] }),
          ],
        },
      ],
    });
    const bad = path.join(dir, 'bad.docx');
    fs.writeFileSync(bad, await Packer.toBuffer(doc));
    const run = await jfp(['a11y', bad]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\.docx: \d+ accessibility problems:\n/);
    expect(run.stdout).toContain('Headings go in order without skipping a level');
    expect(run.stdout).toContain('The document has a title in its properties');
    const json = await jfp(['a11y', bad, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });

    const notWord = path.join(dir, 'not-a-docx.docx');
    fs.writeFileSync(notWord, 'this is not a zip file');
    const refused = await jfp(['a11y', notWord]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^jfp: [^\n]+\n$/);
  });
});

describe('jfp review-pack and jfp import-comments', () => {
  it("writes a pack for a reviewer, and imports their returned comments once, with the app's summary", async () => {
    const plan = await inApp('createPlan', { title: 'Review plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    const section = await inApp('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
    await inApp('addStakeholder', { planId: plan.id, name: 'Asha Patel', organisation: 'Healthwatch Test', orgType: 'healthwatch', email: '' });
    const packPath = path.join(dir, 'asha.jfpreview');
    const sent = await jfp(['review-pack', plan.id, '--reviewer', 'asha', '--out', packPath]);
    expect(sent).toMatchObject({ code: 0, stdout: `Saved the review pack for Asha Patel to ${packPath}.\n` });

    // The reviewer, in their own database.
    const theirs = startServices(path.join(dir, 'reviewer.db'), { log: () => {} });
    try {
      const copy = openReviewPack(theirs.store, parseReviewFile(fs.readFileSync(packPath), reviewPackSchema, 'review pack'));
      const outcome = await theirs.dispatch('createThread', {
        planId: copy.id,
        sectionId: section.id,
        stakeholderId: copy.reviewCopy!.localStakeholderId,
        body: 'Add a measure.',
        quote: '',
      });
      expect(outcome.ok).toBe(true);
      fs.writeFileSync(path.join(dir, 'back.jfpcomments'), JSON.stringify(buildCommentsFile(theirs.store, copy.id)));
    } finally {
      theirs.close();
    }

    const first = await jfp(['import-comments', plan.id, path.join(dir, 'back.jfpcomments')]);
    expect(first).toMatchObject({ code: 0, stdout: 'From the comments file: 1 new comment, 0 replies, 0 already imported, 0 could not be placed.\n' });
    const again = await jfpJson<{ newThreads: number; alreadyImported: number }>(['import-comments', plan.id, path.join(dir, 'back.jfpcomments')]);
    expect(again).toMatchObject({ newThreads: 0, alreadyImported: 1 });

    const other = await inApp('createPlan', { title: 'Other plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    expectOneSentence(await jfp(['import-comments', other.id, path.join(dir, 'back.jfpcomments')]), 2, /This comments file is for another plan/);
    expect(await inApp('listThreads', { planId: other.id })).toEqual([]);
  });
});

describe('help', () => {
  it('lists every command and the global options', async () => {
    const run = await jfp(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command.name}\\s+\\S`, 'm'));
    for (const option of ['--db PATH', '--json', '--help', '--version']) expect(run.stdout).toContain(option);
  });

  it('explains one command, its options and the default start year, as jfp help new or jfp new --help', async () => {
    const viaHelp = await jfp(['help', 'new']);
    const viaFlag = await jfp(['new', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag).toEqual(viaHelp);
    expect(viaHelp.stdout).toMatch(/^Usage: jfp new --title TITLE --icb NAME \[options\]/);
    for (const option of ['--template ID', '--start-year YYYY', '--marking', '--trust NAME', '--place NAME']) expect(viaHelp.stdout).toContain(option);
    expect(viaHelp.stdout).toMatch(/before 1 April 2026 that is 2026\/27, from 1 April 2026 it is 2027\/28/);
  });

  it('runs as bin/jfp.cjs, building the command line first if needed', () => {
    const bin = path.join(repoRoot, 'bin', 'jfp.cjs');
    expect(fs.readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    const result = spawnSync(process.execPath, [bin, '--help'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    // A first build may report progress on stderr; stdout stays the help alone.
    expect(result.stderr).not.toMatch(/^jfp: /m);
    expect(result.status).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.name} `);
  });

  it('builds itself in a fresh checkout where dist/ does not exist yet', () => {
    // A checkout of its own (sources linked, scripts and templates copied) so the build writes into it.
    const clone = path.join(dir, 'clone');
    fs.mkdirSync(clone);
    for (const entry of ['bin', 'scripts', 'templates']) fs.cpSync(path.join(repoRoot, entry), path.join(clone, entry), { recursive: true });
    for (const entry of ['electron', 'shared', 'node_modules', 'package.json', 'tsconfig.json']) {
      fs.symlinkSync(path.join(repoRoot, entry), path.join(clone, entry));
    }
    const result = spawnSync(process.execPath, [path.join(clone, 'bin', 'jfp.cjs'), 'help', 'plans'], { cwd: clone, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).not.toMatch(/could not/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: jfp plans/);
    expect(fs.existsSync(path.join(clone, 'dist', 'cli', 'jfp.cjs'))).toBe(true);
  });
});
