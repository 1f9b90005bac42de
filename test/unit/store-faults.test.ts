// Faults are named, and nothing is claimed that did not happen: a full disk, a
// read-only file or folder, a missing folder, a path under a regular file and a
// file locked by another program each get one sentence saying what is wrong and
// what to do; close() never throws and always closes; a `jfp new` that
// committed reports its plan.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJfp } from '../support/cli-run';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { closeDatabase } from '../../electron/services/store/database';
import { classifyFault, storeFault } from '../../electron/services/store/faults';
import { callOk } from '../support/call-ok';
import { JfpError } from '../../shared/errors';
import { contentFromParagraphs } from '../../shared/lexical-json';

const SqliteError = (Database as unknown as { SqliteError: new (message: string, code: string) => Error }).SqliteError;
const isRoot = process.getuid?.() === 0;

let dir: string;
const undo: (() => void)[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-faults-'));
});
afterEach(() => {
  while (undo.length) undo.pop()!();
  fs.rmSync(dir, { recursive: true, force: true });
});

const jfp = (args: string[]) => runJfp(args, { env: { HOME: dir } });

const call = callOk;

const words = (count: number, seed: string) => Array.from({ length: count }, (_, i) => `${seed}${i % 97}`).join(' ');

/**
 * Makes a file or folder read-only the way the machine allows: chmod for an
 * ordinary user; root ignores permission bits, so for root the immutable
 * attribute (chattr +i), which refuses writes to root as well.
 */
function makeReadOnly(target: string): void {
  if (!isRoot) {
    const mode = fs.statSync(target).mode & 0o777;
    fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o555 : 0o444);
    undo.push(() => fs.chmodSync(target, mode));
    return;
  }
  execFileSync('chattr', ['+i', target]);
  undo.push(() => execFileSync('chattr', ['-i', target]));
}

async function planWithSection(services: AppServices) {
  const plan = await call(services, 'createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
  const section = await call(services, 'addSection', { planId: plan.id, parentId: null, title: 'Our population' });
  const saved = await call(services, 'saveSectionContent', {
    sectionId: section.id,
    revision: section.revision,
    content: contentFromParagraphs(['Growing and ageing.']),
  });
  return { plan, section, revision: saved.revision };
}

describe('a full disk', () => {
  it('refuses a save in one sentence, keeps the saved text, and the same save succeeds once there is room (max_page_count)', async () => {
    const services = startServices(path.join(dir, 'jfp.db'));
    try {
      const { plan, section, revision } = await planWithSection(services);
      const { db } = services.store;
      // SQLite's page limit gives the same SQLITE_FULL as a disk with no room left.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const big = contentFromParagraphs([words(10_000, 'ward')]);
      const refused = await services.dispatch('saveSectionContent', { sectionId: section.id, revision, content: big });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'io_error',
          message: `The disk holding the plan database ${path.join(dir, 'jfp.db')} is full, so this change was not saved. Free some space on that disk, then try again.`,
        },
      });
      expect((await call(services, 'listPlans', {})).map((p) => [p.id, p.wordCount])).toEqual([[plan.id, 3]]);
      const kept = await call(services, 'getSection', { sectionId: section.id });
      expect([kept.revision, kept.wordCount]).toEqual([revision, 3]);

      db.pragma('max_page_count = 1073741823');
      const saved = await call(services, 'saveSectionContent', { sectionId: section.id, revision, content: big });
      expect(saved).toMatchObject({ revision: revision + 1, wordCount: 10_000 });
    } finally {
      services.close();
    }
  });

  it('close() logs a checkpoint that fails and still closes, without throwing (SQLITE_FULL injected into the checkpoint)', () => {
    const file = path.join(dir, 'jfp.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const failingCheckpoint = Object.assign(Object.create(db) as Database.Database, {
      pragma(source: string) {
        if (source.startsWith('wal_checkpoint')) throw new SqliteError('database or disk is full', 'SQLITE_FULL');
        return db.pragma(source);
      },
      close: () => db.close(),
    });
    const logged: string[] = [];
    expect(() => closeDatabase(failingCheckpoint, file, (m) => logged.push(m))).not.toThrow();
    expect(db.open).toBe(false);
    expect(logged).toEqual([
      `jfp: the plan database ${file} was closed without its checkpoint; every saved change is kept in jfp.db-wal and is applied when it is next opened (The disk holding the plan database ${file} is full, so this change was not saved. Free some space on that disk, then try again.).`,
    ]);
  });
});

/** A real small disk: a tmpfs, where the machine lets this user mount one (root on Linux). */
function smallDisk(megabytes: number): string | undefined {
  if (!isRoot || process.platform !== 'linux') return undefined;
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', mountPoint], { stdio: 'ignore' });
  } catch {
    fs.rmdirSync(mountPoint);
    return undefined;
  }
  undo.push(() => {
    execFileSync('umount', [mountPoint]);
    fs.rmdirSync(mountPoint);
  });
  return mountPoint;
}

/** Fills what is left of the disk with one file; returns a function that gives back `bytes` of it. */
function fillDisk(folder: string): (bytes: number) => void {
  const filler = path.join(folder, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const block = Buffer.alloc(16 * 1024, 7);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  return (bytes) => fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - bytes));
}

const canMount = smallDisk.length >= 0 && isRoot && process.platform === 'linux';

describe.runIf(canMount)('a real 3 MB disk that fills up (tmpfs, where it can be mounted)', () => {
  it('names the full disk at every refusal, close() never throws, and every acknowledged save is there afterwards', async () => {
    const disk = smallDisk(3);
    expect(disk, 'mounting a tmpfs failed although running as root on Linux').toBeDefined();
    const file = path.join(disk!, 'jfp.db');
    const warnings: string[] = [];
    let services = startServices(file, { warn: (m) => warnings.push(m) });
    const { section } = await planWithSection(services);
    let revision = (await call(services, 'getSection', { sectionId: section.id })).revision;
    const acknowledged: string[] = [];
    const refusals: string[] = [];
    for (let i = 0; i < 60 && refusals.length < 3; i++) {
      const content = contentFromParagraphs([words(6_000, `save${i}x`)]);
      const outcome = await services.dispatch('saveSectionContent', { sectionId: section.id, revision, content });
      if (outcome.ok) {
        revision = (outcome.value as { revision: number }).revision;
        acknowledged.push(content);
      } else refusals.push(outcome.error.message);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refusals.length).toBeGreaterThan(0);
    for (const message of refusals)
      expect(message).toBe(`The disk holding the plan database ${file} is full, so this change was not saved. Free some space on that disk, then try again.`);
    // Whatever room is left goes too, so the checkpoint on close has nowhere to write.
    const giveBack = fillDisk(disk!);
    expect(() => services.close()).not.toThrow();
    expect(services.store.db.open).toBe(false);

    // A new database cannot be started on the full disk: said as such, and no plan claimed.
    const second = path.join(disk!, 'second.db');
    expect(await jfp(['new', '--db', second, '--title', 'Plan', '--icb', 'NHS Test ICB'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `jfp: The disk holding the plan database ${second} is full, so the new plan database could not be made there; no plan was added. Free some space on that disk, then try again.\n`,
    });

    // jfp new on the full disk: whatever it says is what happened.
    const printedIds: string[] = [];
    let closedWithoutCheckpoint = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      const run = await jfp(['new', '--db', file, '--title', `Plan ${attempt}`, '--icb', 'NHS Test ICB']);
      if (/closed without its checkpoint/.test(run.stderr)) closedWithoutCheckpoint++;
      if (run.code === 0) printedIds.push(run.stdout.trim());
      else {
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(
          // (after the warning that the close could not checkpoint, when that happened too)
          /^jfp: The disk holding the plan database .* is full, so (this change was not saved|it could not be opened; it has not been changed)\. Free some space/m,
        );
      }
      expect(run.stderr).not.toMatch(/Something went wrong|nothing was changed \(/);
      giveBack(256 * 1024);
    }
    giveBack(Number.MAX_SAFE_INTEGER);
    services = startServices(file, { warn: (m) => warnings.push(m) });
    try {
      const section2 = await call(services, 'getSection', { sectionId: section.id });
      expect([section2.revision, section2.content]).toEqual([revision, acknowledged.at(-1)]);
      const plans = await call(services, 'listPlans', {});
      expect(
        plans
          .filter((p) => p.title.startsWith('Plan '))
          .map((p) => p.id)
          .sort(),
      ).toEqual([...printedIds].sort());
      expect(services.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      services.close();
    }
    console.log(
      `full disk: ${acknowledged.length} saves acknowledged, ${refusals.length} refused, jfp new printed ${printedIds.length} ids (${closedWithoutCheckpoint} of them closed without a checkpoint); ${warnings.length} checkpoint warnings from the app's close`,
    );
  });
});

describe('a read-only file or folder', () => {
  it(`a read-only database file is refused for writing in one sentence and can still be read (${isRoot ? 'chattr +i, as root' : 'chmod'})`, async () => {
    const file = path.join(dir, 'jfp.db');
    const services = startServices(file);
    const { plan } = await planWithSection(services);
    services.close();
    makeReadOnly(file);
    const before = fs.readFileSync(file);
    const expected = `The plan database ${file} is read-only, so it could not be opened; it has not been changed. Allow writing to the file (it may be marked read-only or belong to another user), then try again.`;
    expect(() => startServices(file)).toThrow(expected);
    expect(await jfp(['new', '--db', file, '--title', 'Plan', '--icb', 'NHS Test ICB'])).toEqual({ code: 1, stdout: '', stderr: `jfp: ${expected}\n` });
    const listed = await jfp(['plans', '--db', file, '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((p) => p.id)).toEqual([plan.id]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it(`a read-only folder is named: the database needs its -wal and -shm files beside it (${isRoot ? 'chattr +i, as root' : 'chmod'})`, async () => {
    const folder = path.join(dir, 'plans');
    const file = path.join(folder, 'jfp.db');
    const services = startServices(file);
    await planWithSection(services);
    services.close();
    makeReadOnly(folder);
    const before = fs.readFileSync(file);
    const expected = `The folder ${folder} is read-only, and the plan database needs to keep its working files (jfp.db-wal and -shm) beside it, so it could not be opened; it has not been changed. Allow writing to the folder, or move the database to a folder you can write to.`;
    expect(() => startServices(file)).toThrow(expected);
    expect((await jfp(['new', '--db', file, '--title', 'Plan', '--icb', 'NHS Test ICB'])).stderr).toBe(`jfp: ${expected}\n`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(folder)).toEqual(['jfp.db']);
  });

  it('a write through a connection SQLite opened read-only is refused with the sentence, not "attempt to write a readonly database"', async () => {
    const file = path.join(dir, 'jfp.db');
    const writer = startServices(file);
    const { section, revision } = await planWithSection(writer);
    writer.close();
    const reader = startServices(file, { readonly: true });
    try {
      const outcome = await reader.dispatch('saveSectionContent', { sectionId: section.id, revision, content: contentFromParagraphs(['New words.']) });
      expect(outcome).toEqual({
        ok: false,
        error: {
          code: 'io_error',
          message: expect.stringMatching(/^The plan database .* may not be written \(it may be on a read-only drive\), so this change was not saved\./),
        },
      });
    } finally {
      reader.close();
    }
  });
});

describe('a path that cannot hold the database', () => {
  it('a missing folder: jfp new says so and creates nothing; the app makes its own data folder', async () => {
    const file = path.join(dir, 'no-such-folder', 'plans', 'jfp.db');
    expect(await jfp(['new', '--db', file, '--title', 'Plan', '--icb', 'NHS Test ICB'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `jfp: The folder ${path.dirname(file)} does not exist, so the plan database ${file} could not be opened or created; nothing was changed. Create the folder or choose another place for the database.\n`,
    });
    expect(fs.existsSync(path.join(dir, 'no-such-folder'))).toBe(false);
    expect(() => startServices(file, { makeFolder: false })).toThrow(/does not exist/);
    const app = startServices(file);
    app.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a path under a regular file names that file, for the CLI and the app, and leaves it alone', async () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'Board dates\n');
    const file = path.join(notes, 'jfp.db');
    const expected = `${notes} is a file, not a folder, so there can be no plan database at ${file}; nothing was changed. Choose a path inside a folder.`;
    expect(await jfp(['new', '--db', file, '--title', 'Plan', '--icb', 'NHS Test ICB'])).toEqual({ code: 1, stdout: '', stderr: `jfp: ${expected}\n` });
    expect((await jfp(['plans', '--db', file])).stderr).toBe(`jfp: ${expected}\n`);
    expect(() => startServices(file)).toThrow(expected);
    expect(fs.readFileSync(notes, 'utf8')).toBe('Board dates\n');
  });
});

describe('a file locked by another program', () => {
  it('a save waits for busy_timeout, then says who holds it and that the change was not saved; it succeeds once released', async () => {
    const file = path.join(dir, 'jfp.db');
    const services = startServices(file, { busyTimeoutMs: 300 });
    const other = new Database(file);
    try {
      const { section, revision } = await planWithSection(services);
      other.exec('BEGIN EXCLUSIVE');
      const started = performance.now();
      const content = contentFromParagraphs(['Written while the file was locked.']);
      const outcome = await services.dispatch('saveSectionContent', { sectionId: section.id, revision, content });
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(outcome).toEqual({
        ok: false,
        error: {
          code: 'io_error',
          message: `The plan database ${file} is locked by another program, so this change was not saved. Wait for that program to finish or close it, then try again.`,
        },
      });
      other.exec('COMMIT');
      expect(await call(services, 'saveSectionContent', { sectionId: section.id, revision, content })).toMatchObject({ revision: revision + 1 });
    } finally {
      other.close();
      services.close();
    }
  });
});

describe('one mapping from an error to its sentence', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_BUSY', 'locked'],
    ['SQLITE_BUSY_SNAPSHOT', 'locked'],
    ['SQLITE_LOCKED', 'locked'],
    ['SQLITE_CORRUPT', 'damaged'],
    ['SQLITE_NOTADB', 'damaged'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_IOERR_WRITE', 'disk_error'],
    ['ENOSPC', 'disk_full'],
    ['ENOTDIR', 'under_a_file'],
  ])('%s (injected) is %s, in a sentence that says what to do', (code, kind) => {
    const file = path.join(dir, 'jfp.db');
    fs.writeFileSync(file, 'x');
    const error = code.startsWith('SQLITE') ? new SqliteError('raw message', code) : Object.assign(new Error('raw message'), { code });
    expect(classifyFault(error, file)).toBe(kind);
    const working = storeFault(error, file, 'working')!;
    expect(working).toBeInstanceOf(JfpError);
    expect(working.message).not.toMatch(/Something went wrong|raw message/);
    expect(working.message).toMatch(/\. [A-Z][^.]*(then try again|a copy made while the app was closed|inside a folder)\.$/);
  });

  it('leaves errors that are not about the disk or SQLite alone', () => {
    expect(storeFault(new Error('bad arithmetic'), path.join(dir, 'jfp.db'), 'working')).toBeUndefined();
    const own = new JfpError('conflict', 'Changed elsewhere.');
    expect(storeFault(own, path.join(dir, 'jfp.db'), 'working')).toBe(own);
  });
});

describe('checkpoints', () => {
  it('saved text reaches the database file itself once calls pause (idle checkpoint), not only its -wal', async () => {
    const file = path.join(dir, 'jfp.db');
    const services = startServices(file, { idleCheckpointMs: 50 });
    try {
      const { section, revision } = await planWithSection(services);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await call(services, 'saveSectionContent', { sectionId: section.id, revision, content: contentFromParagraphs(['Zebracrossing audit of every school route.']) });
      expect(fs.readFileSync(file).includes('Zebracrossing')).toBe(false);
      expect(fs.readFileSync(`${file}-wal`).includes('Zebracrossing')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fs.readFileSync(file).includes('Zebracrossing')).toBe(true);
    } finally {
      services.close();
    }
  });

  it('a copy of jfp.db taken while the app is open holds none of the last 50 saves (why the README says close the app first)', async () => {
    const file = path.join(dir, 'jfp.db');
    const services = startServices(file);
    try {
      const { section } = await planWithSection(services);
      services.store.db.pragma('wal_checkpoint(TRUNCATE)');
      let revision = (await call(services, 'getSection', { sectionId: section.id })).revision;
      const before = revision;
      for (let i = 0; i < 50; i++)
        revision = (await call(services, 'saveSectionContent', { sectionId: section.id, revision, content: contentFromParagraphs([`Save number ${i}.`]) })).revision;
      const copy = path.join(dir, 'copy-while-open.db');
      fs.copyFileSync(file, copy);
      const copied = new Database(copy, { readonly: true });
      expect(copied.prepare<[string], number>('SELECT revision FROM sections WHERE id = ?').pluck().get(section.id)).toBe(before);
      copied.close();
    } finally {
      services.close();
    }
  });
});
