// One transaction per change: every writing method of the contract either
// makes its whole change or none of it, and methods that wait for a person (a
// file dialog) or read a file first do not hold the write lock while they wait,
// so the app or a `jfp` command beside them can still save.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import { METHOD_ACCESS } from '../../electron/services/method-access';
import { METHOD_NAMES } from '../../shared/contract';
import { contentFromParagraphs } from '../../shared/lexical-json';
import { callOk } from '../support/call-ok';

let dir: string;
let dbPath: string;
let app: AppServices;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-transactions-'));
  dbPath = path.join(dir, 'jfp.db');
});
afterEach(() => {
  app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const newPlan = () => callOk(app, 'createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2026, places: ['Northtown'] });

/** From now on, marking the plan as changed fails: the last step of most changes. */
function failPlanTouches(): void {
  app.store.db.exec("CREATE TEMP TRIGGER refuse_touch BEFORE UPDATE OF updated_at ON plans BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
}

describe('each writing method', () => {
  it('is declared once as reading, writing, or preparing then writing', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('leaves nothing behind when its last step fails: no section, no commitment, no new text', async () => {
    app = startServices(dbPath, { log: () => undefined });
    const plan = await newPlan();
    const section = await callOk(app, 'addSection', { planId: plan.id, parentId: null, title: 'Start well' });
    failPlanTouches();

    expect((await app.dispatch('addSection', { planId: plan.id, parentId: null, title: 'Age well' })).ok).toBe(false);
    expect((await callOk(app, 'listSections', { planId: plan.id })).map((s) => s.title)).toEqual(['Start well']);

    expect((await app.dispatch('addCommitment', { planId: plan.id, fields: { commitment: 'Open two virtual wards' } })).ok).toBe(false);
    expect(await callOk(app, 'listCommitments', { planId: plan.id })).toEqual([]);

    const saved = await app.dispatch('saveSectionContent', { sectionId: section.id, revision: section.revision, content: contentFromParagraphs(['New words']) });
    expect(saved.ok).toBe(false);
    const after = await callOk(app, 'getSection', { sectionId: section.id });
    expect([after.revision, after.wordCount]).toEqual([section.revision, 0]);
  });

  it('creates the sample plan whole or not at all', async () => {
    app = startServices(dbPath, { log: () => undefined });
    // The sample's commitments are its last rows: refusing them must take its plan and sections away too.
    app.store.db.exec("CREATE TEMP TRIGGER refuse_commitment BEFORE INSERT ON commitments BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    expect((await app.dispatch('createSamplePlan', {})).ok).toBe(false);
    expect(await callOk(app, 'listPlans', {})).toEqual([]);
  });
});

describe('a method that asks a person first', () => {
  /** Ports whose dialogs, while open, let another connection to the same file save a plan. */
  function portsThatWrite(answer: string | null): { ports: ExportPorts; written: string[] } {
    const written: string[] = [];
    const writeBeside = async () => {
      // No waiting: a write lock held by the method would make this fail at once.
      const other = startServices(dbPath, { busyTimeoutMs: 0 });
      try {
        written.push((await callOk(other, 'createPlan', { title: `Saved meanwhile ${written.length + 1}`, icbName: 'NHS Test ICB', startYear: 2026 })).id);
      } finally {
        other.close();
      }
    };
    return {
      written,
      ports: {
        chooseSavePath: async () => (await writeBeside(), answer),
        chooseOpenPath: async () => (await writeBeside(), answer),
        openPath: async () => undefined,
        showInFolder: () => undefined,
      },
    };
  }

  it('holds no write lock while the dialog is open, then imports in one transaction', async () => {
    const file = path.join(dir, 'not-a-comments-file.jfpcomments');
    fs.writeFileSync(file, '{"format":"something else"}');
    const { ports, written } = portsThatWrite(file);
    app = startServices(dbPath, { exportPorts: ports });
    const plan = await newPlan();

    const imported = await app.dispatch('importComments', { planId: plan.id });
    expect(imported.ok).toBe(false);
    const opened = await app.dispatch('openReviewPack', {});
    expect(opened.ok).toBe(false);
    const exported = await app.dispatch('startExport', { planId: plan.id, format: 'html' });
    expect(exported.ok).toBe(true);

    expect(written).toHaveLength(3);
    expect((await callOk(app, 'listPlans', {})).map((p) => p.title).sort()).toEqual([
      'Joint Forward Plan',
      'Saved meanwhile 1',
      'Saved meanwhile 2',
      'Saved meanwhile 3',
    ]);
  });
});
