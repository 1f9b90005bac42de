// Export jobs as the app runs them: through the worker when there is one, and
// still complete when the worker cannot start. A PDF is a job like the others
// (#14): timed whole, written atomically, its failures said in a sentence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JfpError } from '../../shared/errors';
import { buildFailure } from '../../electron/services/export/export-job';
import { readPdfStructure } from '../support/pdf-reader';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import type { ExportStatus } from '../../shared/domain';

let dir: string;
let app: AppServices;

const ports = (target: string): ExportPorts => ({
  chooseSavePath: async () => target,
  chooseOpenPath: async () => null,
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

  it('time a PDF export as the whole job: reading, drawing the PDF and saving it', async () => {
    const target = path.join(dir, 'plan.pdf');
    // When each step was reported: in this thread the job tells its steps as it takes them.
    const steps: { message: string; at: number }[] = [];
    app = startServices(path.join(dir, 'jfp.db'), {
      exportPorts: { ...ports(target), exportStatusChanged: (s) => steps.push({ message: s.message, at: performance.now() }) },
    });
    const plan = await app.dispatch('createSamplePlan', {});
    if (!plan.ok) throw new Error(plan.error.message);
    const before = performance.now();
    const started = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'pdf' });
    if (!started.ok) throw new Error(started.error.message);
    const status = await finished((started.value as { jobId: string }).jobId);
    const waited = performance.now() - before;
    expect(status).toMatchObject({ state: 'done', fileName: 'plan.pdf' });
    const building = steps.find((s) => s.message.startsWith('Building'))!;
    const saving = steps.find((s) => s.message.startsWith('Saving'))!;
    expect(building.message).toMatch(/^Building the PDF \(\d+ sections\)…$/);
    // The PDF is drawn between these two reports: the time given covers all of it, and no more than the wait.
    expect(saving.at - building.at).toBeGreaterThan(0);
    expect(status.elapsedMs).toBeGreaterThanOrEqual(Math.floor(saving.at - building.at));
    expect(status.elapsedMs).toBeLessThanOrEqual(Math.ceil(waited));
    // The sample plan's sections with no text yet are the summary's warnings, as for Word.
    expect(status.warnings.length).toBeGreaterThan(0);
    expect(status.warnings.every((w) => w.message === 'This section has no text yet.')).toBe(true);
    const structure = await readPdfStructure(fs.readFileSync(target));
    expect(structure).toMatchObject({ marked: true, language: 'en-GB' });
    expect(structure.structureRoles).toContain('Document');
    expect(structure.outline.length).toBeGreaterThan(3);
    expect(fs.readdirSync(dir).filter((f) => f !== 'jfp.db' && !f.startsWith('jfp.db-'))).toEqual(['plan.pdf']);
  });

  it('say in one sentence, with its cause, why a document could not be made', () => {
    const failure = buildFailure('PDF', new Error('the page model has a drawing the writer cannot draw.\n  at draw (pdf-writer.ts:1)'));
    expect(failure).toBeInstanceOf(JfpError);
    expect(failure.message).toBe('The PDF could not be made (the page model has a drawing the writer cannot draw. at draw (pdf-writer.ts:1)), so nothing was written.');
    const refusal = new JfpError('invalid_input', 'The cover sheet has an unknown field.');
    expect(buildFailure('PDF', refusal)).toBe(refusal);
  });

  /** A PDF export of a new plan to `target`, as the Export screen starts it, once it has ended. */
  async function pdfExportTo(target: string) {
    app = startServices(path.join(dir, 'jfp.db'), { exportPorts: ports(target) });
    const plan = await app.dispatch('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    if (!plan.ok) throw new Error(plan.error.message);
    const started = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'pdf' });
    if (!started.ok) throw new Error(started.error.message);
    return finished((started.value as { jobId: string }).jobId);
  }

  it('write no PDF over a folder of that name, leaving the folder as it was', async () => {
    const target = path.join(dir, 'plan.pdf');
    fs.mkdirSync(target);
    const status = await pdfExportTo(target);
    expect(status).toMatchObject({ state: 'failed', message: `${target} is a folder, not a file. Choose a file name to save the export as.` });
    expect(fs.readdirSync(target)).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('plan'))).toEqual(['plan.pdf']);
  });

  it('refuse a PDF target that cannot be written in one sentence, leaving nothing behind', async () => {
    const target = path.join(dir, 'no such folder', 'plan.pdf');
    const status = await pdfExportTo(target);
    expect(status.state).toBe('failed');
    expect(status.message).toBe(`The folder ${path.dirname(target)} does not exist. Choose another folder to save plan.pdf in.`);
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  });

  it('refuse an export from a place with no file dialog, with a sentence', async () => {
    app = startServices(path.join(dir, 'jfp.db'));
    const plan = await app.dispatch('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    if (!plan.ok) throw new Error(plan.error.message);
    const outcome = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'docx' });
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Exporting from here needs the app window; from a terminal use `jfp export`.' } });
  });
});
