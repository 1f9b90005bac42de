// #14: every saved export from the app is in the plan's audit trail
// (listPlanEvents): the format, the file's name, how many sections it held, and
// whether it was the plan or a board paper. `jfp export` only reads (it never
// migrates or locks the file it exports from), so it records nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import type { ExportStatus, PlanEvent } from '../../shared/domain';
import { callOk } from '../support/call-ok';
import { runJfp } from '../support/cli-run';

let dir: string;
let dbPath: string;
let app: AppServices | undefined;

const ports = (target: string): ExportPorts => ({
  chooseSavePath: async () => target,
  chooseOpenPath: async () => null,
  openPath: async () => undefined,
  showInFolder: () => undefined,
});

async function finished(services: AppServices, jobId: string): Promise<ExportStatus> {
  for (let i = 0; i < 600; i++) {
    const status = await callOk(services, 'exportStatus', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the export did not finish');
}

const exported = (events: PlanEvent[]) => events.filter((e) => e.kind === 'exported');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-export-audit-'));
  dbPath = path.join(dir, 'jfp.db');
});
afterEach(() => {
  app?.close();
  app = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('records an export from the app in the plan’s trail, with the format, file name and sections, credited to the profile', async () => {
  const target = path.join(dir, 'board.docx');
  app = startServices(dbPath, { exportPorts: ports(target) });
  await callOk(app, 'saveProfile', { name: 'Asha Patel', role: 'Planning lead', organisation: 'NHS Test ICB', email: '' });
  const plan = await callOk(app, 'createSamplePlan', {});
  expect(exported(await callOk(app, 'listPlanEvents', { planId: plan.id }))).toEqual([]);
  const { jobId } = await callOk(app, 'startExport', {
    planId: plan.id,
    format: 'docx',
    options: { kind: 'board_paper', sections: { statuses: ['approved'], withSubsections: true } },
  });
  const status = await finished(app, jobId!);
  expect(status.state).toBe('done');
  const [event, ...more] = exported(await callOk(app, 'listPlanEvents', { planId: plan.id }));
  expect(more).toEqual([]);
  expect(event!.actor).toBe('Asha Patel (Planning lead, NHS Test ICB)');
  expect(event!.summary).toMatch(/^The board paper was exported as Word \(board\.docx, \d+ sections\)\.$/);
  expect(event!.detail).toMatchObject({ format: 'docx', kind: 'board_paper', fileName: 'board.docx' });
  expect(event!.detail.sectionCount).toBeGreaterThan(0);

  // A PDF is recorded as a PDF (printed from the HTML, but saved as .pdf).
  app.close();
  app = startServices(dbPath, { exportPorts: ports(path.join(dir, 'plan.pdf')) });
  const second = await callOk(app, 'startExport', { planId: plan.id, format: 'pdf' });
  expect((await finished(app, second.jobId!)).state).toBe('done');
  const latest = exported(await callOk(app, 'listPlanEvents', { planId: plan.id }))[0]!;
  expect(latest.detail).toMatchObject({ format: 'pdf', kind: 'plan', fileName: 'plan.pdf' });
  expect(latest.summary).toMatch(/^The plan was exported as PDF \(plan\.pdf, \d+ sections\)\.$/);
}, 180_000);

it('records nothing when the export failed (no file was written)', async () => {
  app = startServices(dbPath, { exportPorts: ports(path.join(dir, 'no-such-folder', 'plan.docx')) });
  const plan = await callOk(app, 'createSamplePlan', {});
  const { jobId } = await callOk(app, 'startExport', { planId: plan.id, format: 'docx' });
  expect((await finished(app, jobId!)).state).toBe('failed');
  expect(exported(await callOk(app, 'listPlanEvents', { planId: plan.id }))).toEqual([]);
}, 120_000);

it('leaves the trail as it was after `jfp export`, which opens the database read-only, and its file is saved', async () => {
  app = startServices(dbPath, { log: () => {} });
  const plan = await callOk(app, 'createSamplePlan', {});
  app.close();
  app = undefined;
  const out = path.join(dir, 'plan.html');
  const run = await runJfp(['--db', dbPath, 'export', plan.id, '--format', 'html', '--out', out], { env: { HOME: dir } });
  expect(run.code).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toContain('<html');
  app = startServices(dbPath, { log: () => {} });
  expect(exported(await callOk(app, 'listPlanEvents', { planId: plan.id }))).toEqual([]);
}, 120_000);
