// The board paper's cover sheet as the Export tab saves it: an entry the cover
// sheet has no field for (`foo`, `constructor`, `__proto__`) or a value that
// cannot be right is refused when saved, so a later board paper never fails on
// it; and a database that already holds such entries (saved before they were
// checked) still exports, leaving them out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import type { MethodInput, MethodName } from '../../shared/contract';
import { callOk } from '../support/call-ok';
import type { ExportStatus, Plan } from '../../shared/domain';
import { readDocx } from '../support/docx-reader';

let dir: string;
let app: AppServices;
let plan: Plan;
const target = () => path.join(dir, 'board-paper.docx');

const ports: ExportPorts = {
  chooseSavePath: async () => target(),
  chooseOpenPath: async () => null,
  openPath: async () => undefined,
  showInFolder: () => undefined,
};

const ok = <M extends MethodName>(method: M, input: MethodInput<M>) => callOk(app, method, input);

/** As the renderer's call arrives in the main process: structured-cloned. */
const saveCover = (cover: unknown) => app.dispatch('saveExportSettings', structuredClone({ planId: plan.id, cover }));

const savedRow = () => app.store.db.prepare<[string], { cover: string }>('SELECT cover FROM plan_export_settings WHERE plan_id = ?').get(plan.id)?.cover ?? null;

async function exportBoardPaper(): Promise<{ status: ExportStatus; text: string }> {
  const { jobId } = await ok('startExport', { planId: plan.id, format: 'docx', options: { kind: 'board_paper' } });
  for (let i = 0; i < 400; i++) {
    const status = await ok('exportStatus', { jobId: jobId! });
    if (status.state !== 'running') {
      const text =
        status.state === 'done'
          ? readDocx(fs.readFileSync(target()))
              .text('word/document.xml')
              .replace(/<[^>]+>/g, ' ')
          : '';
      return { status, text };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the export did not finish');
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-cover-'));
  app = startServices(path.join(dir, 'jfp.db'), { exportPorts: ports });
  plan = await ok('createPlan', { title: 'Joint Forward Plan', icbName: 'NHS Test ICB', startYear: 2027, templateId: 'blank' });
  await ok('saveExportSettings', { planId: plan.id, cover: { purpose: 'Discussion', executiveLead: 'Dr Ada Shah' } });
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('saving the cover sheet', () => {
  it.each([
    [{ purpose: 'Approval', foo: 'bar' }, 'Unknown field "foo" on the cover sheet.'],
    [{ purpose: 'Approval', constructor: 'x' }, 'Unknown field "constructor" on the cover sheet.'],
    [JSON.parse('{"purpose":"Approval","__proto__":{"polluted":"yes"}}'), 'The cover sheet has an entry "__proto__" that the board paper template does not have.'],
    [{ purpose: 'Celebration' }, '"Purpose of the paper" on the cover sheet must be one of: Approval, Assurance, Discussion, Information.'],
    [{ meetingDate: 'next Tuesday' }, '"Date of meeting" on the cover sheet must be a date written as YYYY-MM-DD.'],
  ])('refuses %j with a sentence, keeping what was saved', async (cover, message) => {
    const before = savedRow();
    expect(await saveCover(cover)).toEqual({ ok: false, error: { code: 'invalid_input', message } });
    expect(savedRow()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await ok('getExportSettings', { planId: plan.id })).cover).toEqual({ purpose: 'Discussion', executiveLead: 'Dr Ada Shah' });
  });

  it('saves the fields the cover sheet has, and the board paper shows them', async () => {
    expect(await saveCover({ purpose: 'Assurance', executiveLead: 'Dr Ada Shah', meetingDate: '2027-03-04' })).toEqual({ ok: true, value: { saved: true } });
    const { status, text } = await exportBoardPaper();
    expect(status.state).toBe('done');
    expect(text).toContain('Assurance');
    expect(text).toContain('4 March 2027');
  });
});

describe('a database saved before cover sheet entries were checked', () => {
  beforeEach(() => {
    // What an older version could write: unknown keys, a prototype key and a choice no longer offered.
    app.store.db
      .prepare('UPDATE plan_export_settings SET cover = ? WHERE plan_id = ?')
      .run('{"purpose":"Discussion","executiveLead":"Dr Ada Shah","foo":"bar","constructor":"x","__proto__":{"polluted":"yes"},"meetingSession":"Hybrid"}', plan.id);
  });

  it('still exports a board paper, leaving the unknown entries out', async () => {
    const { status, text } = await exportBoardPaper();
    expect(status).toMatchObject({ state: 'done', fileName: 'board-paper.docx' });
    expect(text).toContain('Dr Ada Shah');
    expect(text).not.toContain('Hybrid');
    expect(text).not.toContain('bar');
  });

  it('shows only the usable entries, so saving them again is accepted', async () => {
    const { cover } = await ok('getExportSettings', { planId: plan.id });
    expect(cover).toEqual({ purpose: 'Discussion', executiveLead: 'Dr Ada Shah' });
    expect(await saveCover(cover)).toEqual({ ok: true, value: { saved: true } });
  });
});
