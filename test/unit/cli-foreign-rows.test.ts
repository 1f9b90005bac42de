// The command line on a plan database that another program has written to
// (the sqlite3 shell, a script with better-sqlite3), within the schema but not
// as the app would, and on export options the app's own panel cannot send:
// what the person typing gets back, and the files written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices } from '../../electron/services/app-services';
import { MIGRATIONS, READABLE_FROM, SCHEMA_VERSION } from '../../electron/services/store/migrations';
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract';
import type { Plan } from '../../shared/domain';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';
import { runJfp, type CliRun } from '../support/cli-run';
import { paragraphs, readDocx } from '../support/docx-reader';
import { SCHEMA6_PLAN_ID, writeSchema6File } from '../support/schema6-file';

let dir: string;
let dbPath: string;

const jfp = (args: string[]): Promise<CliRun> => runJfp(['--db', dbPath, ...args], { env: { HOME: dir } });

async function inApp<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const services = startServices(dbPath, { log: () => {} });
  try {
    return await callOk(services, method, input);
  } finally {
    services.close();
  }
}

/** A plan with two places, one partner trust and one section with text, made by the app. */
async function planWithSection(): Promise<{ planId: string; sectionId: string }> {
  const plan = await inApp('createPlan', {
    title: 'Joint Forward Plan 2026/27 to 2030/31',
    icbName: 'NHS Test ICB',
    startYear: 2026,
    templateId: 'blank',
    partnerTrusts: ['Northtown Hospitals NHS FT'],
    places: ['Northtown', 'Southshire'],
  });
  const section = await inApp('addSection', { planId: plan.id, parentId: null, title: 'Start well' });
  await inApp('saveSectionContent', { sectionId: section.id, content: contentFromParagraphs(['Every child ready for school.']), revision: section.revision });
  return { planId: plan.id, sectionId: section.id };
}

/** Writes to the file directly, as another program would. */
function foreignWrite(sql: string, ...params: unknown[]): void {
  const db = new Database(dbPath);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** A reviewer in the plan's register, written by another program. */
function addReviewer(planId: string): void {
  foreignWrite(
    "INSERT INTO stakeholders (id, plan_id, name, organisation, org_type, email, created_at) VALUES ('asha', ?, 'Asha Patel', 'Healthwatch Test', 'healthwatch', '', '2026-01-01')",
    planId,
  );
}

/** The text of a Word file's body, paragraph by paragraph (read with the tests' own unzip, so no unzip program is needed). */
function wordText(file: string): string {
  return paragraphs(readDocx(fs.readFileSync(file)))
    .map((p) => p.text)
    .join('\n');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-foreign-'));
  dbPath = path.join(dir, 'jfp.db');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('JSON columns another program left as something else', () => {
  it("still opens and exports the plan, reading those columns as empty, and keeps the section's text", async () => {
    const { planId, sectionId } = await planWithSection();
    foreignWrite("UPDATE plans SET places = 'Northtown; Southshire', partner_trusts = '{\"trust\": 1}' WHERE id = ?", planId);
    foreignWrite("UPDATE sections SET checklist = 'to do', expected_content = '[1, 2]' WHERE id = ?", sectionId);
    foreignWrite("INSERT INTO plan_export_settings (plan_id, house_style, cover, updated_at) VALUES (?, 'Arial 12pt', '[\"x\"]', '2026-01-01')", planId);

    const plan = await inApp('getPlan', { planId });
    expect(plan).toMatchObject<Partial<Plan>>({ places: [], partnerTrusts: [] });
    expect(await inApp('getSection', { sectionId })).toMatchObject({ checklist: [], expectedContent: [] });
    expect(await inApp('getExportSettings', { planId })).toMatchObject({ houseStyle: {}, cover: {} });

    for (const [format, file] of [
      ['docx', 'plan.docx'],
      ['board-paper', 'board.docx'],
      ['html', 'plan.html'],
    ] as const) {
      const incomplete = format === 'board-paper' ? ['--allow-incomplete'] : [];
      const run = await jfp(['export', planId, '--format', format, ...incomplete, '--out', path.join(dir, file)]);
      expect({ format, code: run.code, stderr: run.stderr }).toEqual({ format, code: 0, stderr: '' });
    }
    expect(wordText(path.join(dir, 'plan.docx'))).toContain('Every child ready for school.');
    expect(fs.readFileSync(path.join(dir, 'plan.html'), 'utf8')).toContain('Every child ready for school.');
  });

  it('reads JSON of the right shape as it is', async () => {
    const { planId } = await planWithSection();
    foreignWrite('UPDATE plans SET places = ? WHERE id = ?', JSON.stringify(['Westmere']), planId);
    expect((await inApp('getPlan', { planId })).places).toEqual(['Westmere']);
  });
});

describe('jfp export options the app panel cannot send', () => {
  it('refuses a --sections id the plan does not have, naming it, and writes no file', async () => {
    const { planId, sectionId } = await planWithSection();
    const out = path.join(dir, 'plan.docx');
    const run = await jfp(['export', planId, '--format', 'docx', '--sections', `${sectionId},no-such-section`, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^jfp: [^\n]*no section with the id no-such-section;[^\n]*\n$/);
    expect(fs.existsSync(out)).toBe(false);

    const known = await jfp(['export', planId, '--format', 'docx', '--sections', sectionId, '--out', out]);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/\(1 sections,/);
  });

  it('prints a warning about the whole document without an empty title before it', async () => {
    const { planId } = await planWithSection();
    const run = await jfp(['export', planId, '--format', 'html', '--status', 'approved', '--comments', '--out', path.join(dir, 'plan.html')]);
    expect(run.code).toBe(0);
    const warnings = run.stdout.split('\n').filter((line) => line.startsWith('Warning:'));
    expect(warnings).toEqual([
      'Warning: Reviewers’ comments are only included in Word exports; this web page has none.',
      'Warning: No sections matched the export filter, so the document has no plan sections.',
    ]);
  });
});

describe('a database from the release before this one', () => {
  /** The file as that release left it: its schema, with the versions table migration 6 drops. */
  async function fileAtSchema(version: number): Promise<string> {
    const { planId } = await planWithSection();
    const db = new Database(dbPath);
    db.exec('CREATE TABLE versions (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, name TEXT NOT NULL, snapshot TEXT NOT NULL, created_at TEXT NOT NULL)');
    db.pragma(`user_version = ${version}`);
    db.close();
    return planId;
  }
  const bytes = () => fs.readFileSync(dbPath).toString('base64');

  // #11: migration 7 adds what the delivery table reads, so a schema-6 file is no longer read as it is.
  it('is refused by the commands that only read, with the file unchanged, and migrated by one that writes', async () => {
    // #15 part 2: the HWB boards' own table, which jfp export and jfp hwb read, raises it to that migration.
    expect(READABLE_FROM).toBe(MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE hwb_boards')) + 1);
    expect(READABLE_FROM).toBeGreaterThanOrEqual(8); // #15 jfp check reads the audit trail (migration 8)
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(READABLE_FROM);
    writeSchema6File(dbPath);
    const before = bytes();
    for (const command of [['plans'], ['sections', SCHEMA6_PLAN_ID], ['commitments', SCHEMA6_PLAN_ID]]) {
      const run = await jfp(command);
      expect({ command: command[0], code: run.code }).toEqual({ command: command[0], code: 1 });
      expect(run.stderr).toMatch(/made by an earlier version of JFP Studio and must be updated/);
    }
    expect(bytes()).toBe(before);

    // A command that writes migrates it; then the readers read it, with its plan and delivery table.
    expect((await jfp(['new', '--title', 'Another plan', '--icb', 'NHS Test ICB'])).code).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const run = await jfp(['commitments', SCHEMA6_PLAN_ID]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Family hubs in every ward');
  });

  it('is not migrated by jfp review-pack, which only reads the plan', async () => {
    writeSchema6File(dbPath);
    const before = bytes();
    const out = path.join(dir, 'asha.jfpreview');
    const run = await jfp(['review-pack', SCHEMA6_PLAN_ID, '--reviewer', 'asha', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/made by an earlier version of JFP Studio and must be updated/);
    expect(fs.existsSync(out)).toBe(false);
    expect(bytes()).toBe(before);
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    db.close();
  });

  it('is still refused by readers when older than they can read', async () => {
    const planId = await fileAtSchema(READABLE_FROM - 1);
    const run = await jfp(['sections', planId]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/made by an earlier version of JFP Studio and must be updated/);
  });
});

describe('a write that fails part way, on a trigger another program added', () => {
  it('leaves nothing of it, and says how to see the failure', async () => {
    await planWithSection();
    // The sample's fifth commitment cannot be written: the sample plan stops part way through.
    foreignWrite(
      "CREATE TRIGGER stop_sample BEFORE INSERT ON commitments WHEN (SELECT count(*) FROM commitments) >= 4 BEGIN SELECT RAISE(ABORT, 'stopped by a test trigger'); END",
    );
    const count = (table: string) => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = { plans: count('plans'), sections: count('sections'), commitments: count('commitments') };

    const run = await jfp(['sample']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('jfp: An unexpected error stopped the command and nothing was changed; set JFP_DEBUG=1 to see it.\n');
    expect({ plans: count('plans'), sections: count('sections'), commitments: count('commitments') }).toEqual(before);

    const debug = await runJfp(['--db', dbPath, 'sample'], { env: { HOME: dir, JFP_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('stopped by a test trigger');
    expect(debug.stderr).toMatch(/jfp: The unexpected error shown above stopped the command; nothing was changed\.\n$/);
  });
});

describe('saving over the plan database', () => {
  it('is refused for an export, a review pack and any name for that file, and the plans are kept', async () => {
    const { planId } = await planWithSection();
    addReviewer(planId);
    const plansBefore = (await jfp(['plans', '--json'])).stdout;
    fs.linkSync(dbPath, path.join(dir, 'other-name.db'));
    for (const args of [
      ['export', planId, '--format', 'html', '--out', dbPath],
      ['export', planId, '--format', 'docx', '--out', path.join(dir, '.', 'jfp.db')],
      ['export', planId, '--format', 'docx', '--out', `${dbPath}-wal`],
      ['export', planId, '--format', 'docx', '--out', path.join(dir, 'other-name.db')],
      ['review-pack', planId, '--reviewer', 'asha', '--out', dbPath],
    ]) {
      const run = await jfp(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^jfp: \S+ is the plan database itself, so nothing was saved over it\. Choose another file name\.\n$/);
    }
    expect((await jfp(['plans', '--json'])).stdout).toBe(plansBefore);
    expect(fs.readFileSync(dbPath).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
