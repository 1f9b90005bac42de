// Only our own files are touched: another program's SQLite file, an empty file
// nobody chose to create, or a newer file is refused without a byte written
// (same bytes, same mtime, no -wal or -shm left); files made by earlier
// versions of the app are migrated and marked; commands that only read open
// the file read-only and never migrate it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJfp } from '../support/cli-run';
import { startServices } from '../../electron/services/app-services';
import { JFP_APPLICATION_ID } from '../../electron/services/store/file-check';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/services/store/migrations';
import type { PlanSummary, SearchHit } from '../../shared/domain';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-files-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const jfp = (args: string[]) => runJfp(args, { env: { HOME: dir } });

/** Everything about a file and its neighbours that opening must not change. */
function fingerprint(file: string) {
  const stat = fs.statSync(file);
  return {
    bytes: fs.readFileSync(file).toString('base64'),
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    neighbours: fs
      .readdirSync(path.dirname(file))
      .filter((name) => name.startsWith(path.basename(file)))
      .sort(),
  };
}

/** A SQLite file of another program, left as that program leaves it: WAL, closed cleanly. */
function otherProgramsFile(file: string, withOwnSections = false) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO songs (title) VALUES ('Blue Monday')");
  if (withOwnSections) db.exec('CREATE TABLE sections (id TEXT PRIMARY KEY, name TEXT); CREATE TABLE plans (id TEXT)');
  db.pragma('user_version = 3');
  db.close();
}

/** A plan database as versions of the app before application_id made them: its migrations up to `version`, WAL, mark 0. */
function earlierVersionFile(file: string, version: number): string {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < version; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  const at = '2025-11-02T09:00:00.000Z';
  db.prepare('INSERT INTO plans (id, title, icb_name, start_year, end_year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'plan-from-2025',
    'Joint Forward Plan 2025/26 to 2029/30',
    'NHS Old Version ICB',
    2025,
    2029,
    at,
    at,
  );
  db.prepare(
    "INSERT INTO sections (id, plan_id, parent_id, position, title, content, plain_text, word_count, created_at, updated_at) VALUES ('s-1', 'plan-from-2025', NULL, 0, 'Our population', '{}', 'Growing and ageing fast', 4, ?, ?)",
  ).run(at, at);
  db.close();
  return 'plan-from-2025';
}

describe('a file that is not a JFP Studio database', () => {
  it("another program's SQLite file is refused by jfp plans and by the app, naming it, without a byte written", async () => {
    const file = path.join(dir, 'other-app.sqlite');
    otherProgramsFile(file);
    const before = fingerprint(file);
    const run = await jfp(['plans', '--db', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `jfp: ${file} is not a plan database (it is the database of another program), so JFP Studio did not open it; it has not been changed. Check the path, or choose another file.\n`,
    );
    expect(() => startServices(file, { create: 'missing-or-empty' })).toThrow(/is not a plan database .* it has not been changed/);
    expect((await jfp(['new', '--db', file, '--title', 'Plan', '--icb', 'NHS Test ICB'])).code).toBe(1);
    expect(fingerprint(file)).toEqual(before);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['songs']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('a file with tables called plans and sections of its own is refused before anything is changed', async () => {
    const file = path.join(dir, 'lookalike.sqlite');
    otherProgramsFile(file, true);
    const before = fingerprint(file);
    for (const command of [['plans'], ['new', '--title', 'Plan', '--icb', 'NHS Test ICB'], ['sample']]) {
      const run = await jfp([...command, '--db', file]);
      expect(run.stderr).toMatch(/is not a plan database \(it is the database of another program\)/);
      expect(run.code).toBe(1);
    }
    expect(fingerprint(file)).toEqual(before);
  });

  it('is refused while the other program has it open, leaving its -wal as that program left it', async () => {
    const file = path.join(dir, 'in-use.sqlite');
    otherProgramsFile(file);
    const theirs = new Database(file);
    theirs.pragma('wal_autocheckpoint = 0');
    theirs.exec("INSERT INTO songs (title) VALUES ('Atmosphere')");
    try {
      const before = { main: fingerprint(file), wal: fs.readFileSync(`${file}-wal`).toString('base64') };
      expect((await jfp(['plans', '--db', file])).stderr).toMatch(/is not a plan database/);
      expect({ main: fingerprint(file), wal: fs.readFileSync(`${file}-wal`).toString('base64') }).toEqual(before);
    } finally {
      theirs.close();
    }
  });

  it('a marked database of another program, a text file and a folder are each refused in one sentence', async () => {
    const marked = path.join(dir, 'marked.db');
    const db = new Database(marked);
    db.pragma('application_id = 1234');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const notes = path.join(dir, 'notes.db');
    fs.writeFileSync(notes, 'Meeting notes, not a database.\n'.repeat(20));
    const folder = path.join(dir, 'folder.db');
    fs.mkdirSync(folder);
    const before = [fingerprint(marked), fingerprint(notes)];
    expect((await jfp(['plans', '--db', marked])).stderr).toMatch(/is not a plan database \(it is the database of another program\)/);
    expect((await jfp(['plans', '--db', notes])).stderr).toMatch(/is not a plan database \(it is not a SQLite database\)/);
    expect((await jfp(['new', '--db', folder, '--title', 'Plan', '--icb', 'NHS Test ICB'])).stderr).toMatch(/is not a plan database \(it is a folder\)/);
    expect([fingerprint(marked), fingerprint(notes)]).toEqual(before);
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});

describe('an empty file', () => {
  it('is refused by commands that do not create a plan, and stays 0 bytes', async () => {
    const file = path.join(dir, 'empty.db');
    fs.writeFileSync(file, '');
    const before = fingerprint(file);
    for (const command of [['plans'], ['sections', 'abc'], ['import-comments', 'abc', file]]) {
      const run = await jfp([...command, '--db', file]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `jfp: ${file} is an empty file, not a JFP Studio plan database, so it was not opened; it has not been changed. A new plan database starts in an empty file only when you create a plan in it (jfp new --db ${file}).\n`,
      );
    }
    expect(() => startServices(file)).toThrow(/is an empty file/);
    expect(fingerprint(file)).toEqual(before);
  });

  it('becomes a marked plan database when the user creates a plan in it with jfp new', async () => {
    const file = path.join(dir, 'chosen.db');
    fs.writeFileSync(file, '');
    const created = await jfp(['new', '--db', file, '--title', 'Joint Forward Plan', '--icb', 'NHS Test ICB']);
    expect(created.code).toBe(0);
    const listed = JSON.parse((await jfp(['plans', '--db', file, '--json'])).stdout) as PlanSummary[];
    expect(listed.map((p) => [p.id, p.title])).toEqual([[created.stdout.trim(), 'Joint Forward Plan']]);
    // The mark is in the file's own header, where the next opening reads it.
    expect(fs.readFileSync(file).readUInt32BE(68)).toBe(JFP_APPLICATION_ID);
  });
});

describe('a new database', () => {
  it('carries application_id "JFPS" and the schema version', () => {
    const file = path.join(dir, 'new.db');
    const services = startServices(file);
    services.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x4a465053);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});

describe('a database made by an earlier version of the app (application_id 0)', () => {
  it.each([1, 3, SCHEMA_VERSION - 1, SCHEMA_VERSION])('from schema %i opens, keeps its plans, is migrated and marked', async (version) => {
    const file = path.join(dir, `v${version}.db`);
    const planId = earlierVersionFile(file, version);
    const services = startServices(file);
    try {
      const outcome = await services.dispatch('listPlans', {});
      expect(outcome.ok && (outcome.value as PlanSummary[]).map((p) => [p.id, p.title, p.wordCount])).toEqual([[planId, 'Joint Forward Plan 2025/26 to 2029/30', 4]]);
      const found = await services.dispatch('search', { planId, query: 'ageing' });
      expect(found.ok && (found.value as SearchHit[]).map((hit) => [hit.kind, hit.sectionTitle])).toEqual([['section', 'Our population']]);
    } finally {
      services.close();
    }
    const db = new Database(file, { readonly: true });
    expect([db.pragma('user_version', { simple: true }), db.pragma('application_id', { simple: true })]).toEqual([SCHEMA_VERSION, JFP_APPLICATION_ID]);
    // The first schema's versions table, never used, is dropped by the migration that follows.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'versions'").all()).toEqual([]);
    db.close();
    expect(fs.readFileSync(file).readUInt32BE(68)).toBe(JFP_APPLICATION_ID);
  });

  it('is not migrated by any command that only reads: each refuses in one sentence, and the file is unchanged', async () => {
    const file = path.join(dir, 'v3.db');
    const planId = earlierVersionFile(file, 3);
    const before = fingerprint(file);
    const readers = [
      ['plans'],
      ['sections', planId],
      ['comments', planId],
      ['search', planId, 'ageing'],
      ['commitments', planId],
      ['export', planId, '--format', 'html', '--out', path.join(dir, 'out.html')],
    ];
    for (const command of readers) {
      const run = await jfp([...command, '--db', file]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/was made by an earlier version of JFP Studio and must be updated before it can be read here; .* It has not been changed\.\n$/);
    }
    expect(fingerprint(file)).toEqual(before);
  });
});

describe('commands that only read', () => {
  it('open the file read-only: the database file keeps its bytes and mtime', async () => {
    const file = path.join(dir, 'jfp.db');
    const id = (await jfp(['new', '--db', file, '--title', 'Joint Forward Plan', '--icb', 'NHS Test ICB'])).stdout.trim();
    const before = fingerprint(file);
    const exported = path.join(dir, 'plan.html');
    for (const command of [
      ['plans'],
      ['sections', id],
      ['comments', id],
      ['search', id, 'plan'],
      ['commitments', id],
      ['export', id, '--format', 'html', '--out', exported],
    ]) {
      expect((await jfp([...command, '--db', file])).code).toBe(0);
    }
    const after = fingerprint(file);
    expect({ bytes: after.bytes, mtimeMs: after.mtimeMs }).toEqual({ bytes: before.bytes, mtimeMs: before.mtimeMs });
    expect(fs.readFileSync(exported, 'utf8')).toContain('Joint Forward Plan');
  });

  it('a database written by a newer version is refused without a byte written, in the app and the CLI', async () => {
    const file = path.join(dir, 'newer.db');
    startServices(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fingerprint(file);
    expect((await jfp(['plans', '--db', file])).stderr).toMatch(/written by a newer version of JFP Studio .* the file has not been changed/);
    expect(fingerprint(file)).toEqual(before);
    expect(() => startServices(file)).toThrow(/newer version/);
    expect(fingerprint(file)).toEqual(before);
  });
});
