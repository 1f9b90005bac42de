// The plan database: migrations, the section tree, optimistic concurrency, and
// the dispatcher refusing bad input without changing anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { SCHEMA_VERSION } from '../../electron/services/store/migrations';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import { databaseRows } from '../support/db-snapshot';
import { contentFromParagraphs } from '../../shared/lexical-json';

let dir: string;
let dbPath: string;
let services: AppServices;

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(services, method, input);

async function refused(method: string, input: unknown) {
  const outcome = await services.dispatch(method, input);
  if (outcome.ok) throw new Error(`${method} unexpectedly succeeded`);
  return outcome.error;
}

const snapshot = () => databaseRows(dbPath);

const newPlan = () => ok('createPlan', { title: 'Joint Forward Plan 2026/27 to 2030/31', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-store-'));
  dbPath = path.join(dir, 'jfp.db');
  services = startServices(dbPath);
});
afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the plan database', () => {
  it('is one SQLite file in WAL mode with foreign keys and the current schema version', () => {
    const { db } = services.store;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['plans', 'sections', 'stakeholders', 'comments', 'commitments', 'section_fts']));
    // The unused versions table of the first schema is gone (the versions feature designs its own).
    expect(tables).not.toContain('versions');
  });

  it('keeps everything after closing and reopening', async () => {
    const plan = await newPlan();
    const section = await ok('addSection', { planId: plan.id, parentId: null, title: 'Our population' });
    await ok('saveSectionContent', { sectionId: section.id, revision: 1, content: contentFromParagraphs(['Growing and ageing.']) });
    services.close();
    services = startServices(dbPath);
    const reopened = await ok('getSection', { sectionId: section.id });
    expect(reopened.title).toBe('Our population');
    expect(reopened.wordCount).toBe(3);
    expect((await ok('listPlans', {})).map((p) => p.title)).toEqual(['Joint Forward Plan 2026/27 to 2030/31']);
  });

  it('refuses a database written by a newer version of the app, leaving the file unchanged', () => {
    services.close();
    const db = new Database(dbPath);
    // A file that is not in WAL mode: refusing it must not switch it over either.
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(dbPath);
    expect(() => startServices(dbPath)).toThrow(/newer version of JFP Studio/);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
    const check = new Database(dbPath);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    check.close();
    fs.rmSync(dbPath);
    services = startServices(dbPath);
  });
});

describe('the section tree', () => {
  it('adds sections in order, nests them, and lists them depth-first', async () => {
    const plan = await newPlan();
    const a = await ok('addSection', { planId: plan.id, parentId: null, title: 'A' });
    const c = await ok('addSection', { planId: plan.id, parentId: null, title: 'C' });
    await ok('addSection', { planId: plan.id, parentId: null, title: 'B', afterSectionId: a.id });
    const a1 = await ok('addSection', { planId: plan.id, parentId: a.id, title: 'A.1' });
    await ok('addSection', { planId: plan.id, parentId: a1.id, title: 'A.1.1' });
    await ok('addSection', { planId: plan.id, parentId: c.id, title: 'C.1' });
    const list = await ok('listSections', { planId: plan.id });
    expect(list.map((s) => `${s.depth}:${s.title}`)).toEqual(['1:A', '2:A.1', '3:A.1.1', '1:B', '1:C', '2:C.1']);
  });

  it('moves a section with its subsections, and refuses a move under its own child', async () => {
    const plan = await newPlan();
    const a = await ok('addSection', { planId: plan.id, parentId: null, title: 'A' });
    const a1 = await ok('addSection', { planId: plan.id, parentId: a.id, title: 'A.1' });
    const b = await ok('addSection', { planId: plan.id, parentId: null, title: 'B' });
    let list = await ok('moveSection', { sectionId: a.id, parentId: b.id, index: 0 });
    expect(list.map((s) => `${s.depth}:${s.title}`)).toEqual(['1:B', '2:A', '3:A.1']);
    list = await ok('moveSection', { sectionId: a.id, parentId: null, index: 0 });
    expect(list.map((s) => `${s.depth}:${s.title}`)).toEqual(['1:A', '2:A.1', '1:B']);

    const before = snapshot();
    const error = await refused('moveSection', { sectionId: a.id, parentId: a1.id, index: 0 });
    expect(error).toEqual({ code: 'invalid_input', message: 'A section cannot be moved inside itself or one of its own subsections.' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses nesting deeper than four levels', async () => {
    const plan = await newPlan();
    let parentId: string | null = null;
    for (const title of ['1', '1.1', '1.1.1', '1.1.1.1']) {
      parentId = (await ok('addSection', { planId: plan.id, parentId, title })).id;
    }
    const error = await refused('addSection', { planId: plan.id, parentId, title: 'too deep' });
    expect(error.message).toBe('Sections can be nested at most 4 levels deep.');
  });

  it('deletes a section with its subsections and restores them with undo', async () => {
    const plan = await newPlan();
    const a = await ok('addSection', { planId: plan.id, parentId: null, title: 'A' });
    await ok('addSection', { planId: plan.id, parentId: a.id, title: 'A.1' });
    await ok('addSection', { planId: plan.id, parentId: null, title: 'B' });
    const { deletedIds } = await ok('deleteSection', { sectionId: a.id });
    expect(deletedIds).toHaveLength(2);
    expect((await ok('listSections', { planId: plan.id })).map((s) => s.title)).toEqual(['B']);
    expect((await refused('getSection', { sectionId: a.id })).code).toBe('not_found');
    const restored = await ok('restoreSection', { sectionId: a.id });
    expect(restored.map((s) => s.title)).toEqual(['A', 'A.1', 'B']);
  });

  it('saves content with its plain text and word count, and refuses a stale revision', async () => {
    const plan = await newPlan();
    const s = await ok('addSection', { planId: plan.id, parentId: null, title: 'Finance' });
    const saved = await ok('saveSectionContent', { sectionId: s.id, revision: 1, content: contentFromParagraphs(['We will break even.', 'Every year.']) });
    expect(saved.revision).toBe(2);
    expect(saved.wordCount).toBe(6);

    const before = snapshot();
    const error = await refused('saveSectionContent', { sectionId: s.id, revision: 1, content: contentFromParagraphs(['Overwrite!']) });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Finance" was changed elsewhere');
    expect(snapshot()).toEqual(before);

    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT plain_text, word_count, revision FROM sections WHERE id = ?').get(s.id)).toEqual({
      plain_text: 'We will break even.\nEvery year.',
      word_count: 6,
      revision: 2,
    });
    db.close();
  });

  it('records status changes in the audit trail', async () => {
    const plan = await newPlan();
    const s = await ok('addSection', { planId: plan.id, parentId: null, title: 'Workforce' });
    await ok('updateSectionMeta', { sectionId: s.id, status: 'drafting', owner: 'Director of People' });
    const updated = await ok('updateSectionMeta', { sectionId: s.id, status: 'in_review' });
    expect(updated).toMatchObject({ status: 'in_review', owner: 'Director of People' });
    const log = services.store.db.prepare('SELECT from_status, to_status FROM section_status_log WHERE section_id = ?').all(s.id);
    expect(log).toEqual([
      { from_status: 'not_started', to_status: 'drafting' },
      { from_status: 'drafting', to_status: 'in_review' },
    ]);
  });
});

describe('bad input is refused with a sentence and changes nothing', () => {
  it.each([
    ['an unknown method', 'dropAllTables', {}, 'There is no action called "dropAllTables".'],
    ['an empty title', 'createPlan', { title: '   ', icbName: 'NHS X ICB', startYear: 2026 }, 'Give the plan a title.'],
    ['a missing ICB name', 'createPlan', { title: 'Plan', icbName: '', startYear: 2026 }, "Enter the ICB's name."],
    ['a year as text', 'createPlan', { title: 'Plan', icbName: 'NHS X', startYear: '2026' }, 'Choose the first year of the plan.'],
    ['an extra field', 'createPlan', { title: 'Plan', icbName: 'NHS X', startYear: 2026, admin: true }, 'The request has a field this app does not know: admin.'],
    ['a malformed id', 'getPlan', { planId: "'; DROP TABLE plans; --" }, 'That id is not valid.'],
    ['input that is not an object', 'listSections', 'plan-1', undefined],
    ['content that is not Lexical JSON', 'saveSectionContent', { sectionId: 'x', revision: 1, content: '{"root":{"type":"script"}}' }, undefined],
  ])('%s', async (_name, method, input, message) => {
    await newPlan();
    const before = snapshot();
    const error = await refused(method, input);
    expect(error.code).toBe('invalid_input');
    if (message) expect(error.message).toBe(message);
    expect(error.message).toMatch(/^[A-Z"].*[.!?]$/);
    expect(snapshot()).toEqual(before);
  });

  it('an unknown plan id is not_found with a sentence', async () => {
    const error = await refused('listSections', { planId: 'no-such-plan' });
    expect(error).toEqual({ code: 'not_found', message: 'That plan could not be found. It may have been deleted.' });
  });

  it('content with an element the editor does not know is refused, keeping the saved text', async () => {
    const plan = await newPlan();
    const s = await ok('addSection', { planId: plan.id, parentId: null, title: 'A' });
    await ok('saveSectionContent', { sectionId: s.id, revision: 1, content: contentFromParagraphs(['Kept.']) });
    const hostile = JSON.stringify({ root: { type: 'root', children: [{ type: 'html-embed', html: '<script>alert(1)</script>' }] } });
    const error = await refused('saveSectionContent', { sectionId: s.id, revision: 2, content: hostile });
    expect(error.message).toBe('The section content has an element this app does not know ("html-embed").');
    expect((await ok('getSection', { sectionId: s.id })).content).toBe(contentFromParagraphs(['Kept.']));
  });
});
