// Export jobs as the app runs them: through the worker when there is one, and
// still complete when the worker cannot start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import type { ExportStatus } from '../../shared/domain';

let dir: string;
let app: AppServices;

const ports = (target: string): ExportPorts => ({
  chooseSavePath: async () => target,
  chooseOpenPath: async () => null,
  printToPdf: async () => new Uint8Array(),
  openPath: async () => undefined,
  showInFolder: () => undefined,
});

async function finished(jobId: string): Promise<ExportStatus> {
  for (let i = 0; i < 400; i++) {
    const outcome = await app.dispatch('exportStatus', { jobId });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const status = outcome.value as ExportStatus;
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the export did not finish');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-export-service-'));
});
afterEach(() => {
  app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('export jobs', () => {
  it('still save the document when the worker script cannot be started', async () => {
    const target = path.join(dir, 'plan.docx');
    app = startServices(path.join(dir, 'jfp.db'), { exportPorts: ports(target), exportWorkerScript: path.join(dir, 'missing-worker.cjs') });
    const plan = await app.dispatch('createSamplePlan', {});
    if (!plan.ok) throw new Error(plan.error.message);
    const started = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'docx' });
    if (!started.ok) throw new Error(started.error.message);
    const status = await finished((started.value as { jobId: string }).jobId);
    expect(status).toMatchObject({ state: 'done', fileName: 'plan.docx', accessibilityProblems: [] });
    expect(fs.readFileSync(target).subarray(0, 2).toString()).toBe('PK');
  });

  it('count the printing in the time a PDF export took', async () => {
    const target = path.join(dir, 'plan.pdf');
    const printing = async () => {
      await new Promise((r) => setTimeout(r, 400));
      return new TextEncoder().encode('%PDF-1.7\n');
    };
    app = startServices(path.join(dir, 'jfp.db'), { exportPorts: { ...ports(target), printToPdf: printing } });
    const plan = await app.dispatch('createSamplePlan', {});
    if (!plan.ok) throw new Error(plan.error.message);
    const started = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'pdf' });
    if (!started.ok) throw new Error(started.error.message);
    const status = await finished((started.value as { jobId: string }).jobId);
    expect(status).toMatchObject({ state: 'done', fileName: 'plan.pdf' });
    expect(status.elapsedMs).toBeGreaterThanOrEqual(400);
  });

  it('refuse an export from a place with no file dialog, with a sentence', async () => {
    app = startServices(path.join(dir, 'jfp.db'));
    const plan = await app.dispatch('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    if (!plan.ok) throw new Error(plan.error.message);
    const outcome = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'docx' });
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Exporting from here needs the app window; from a terminal use `jfp export`.' } });
  });
});
