// #14 pdf: the printer (the CLI's browser and tab, the app's hidden window) is started as a PDF export begins,
// so it gets ready while the HTML is built rather than after it; an export that fails before printing closes it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import type { ExportPorts } from '../../electron/services/export-service';
import type { PdfPrinter } from '../../electron/services/ports';
import type { ExportStatus } from '../../shared/domain';

let dir: string;
let app: AppServices;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-pdf-printer-'));
});
afterEach(() => {
  app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Ports whose printer writes down what happened, in order. */
function recordingPorts(target: string, log: string[]): ExportPorts {
  return {
    chooseSavePath: async () => target,
    chooseOpenPath: async () => null,
    printToPdf: async () => {
      log.push('printToPdf (no printer made ready)');
      return new TextEncoder().encode('%PDF-1.7\n');
    },
    startPrinting(): PdfPrinter {
      log.push('printer started');
      return {
        async print(html) {
          log.push(`printed ${/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'no title'}`);
          return new TextEncoder().encode('%PDF-1.7\n');
        },
        async cancel() {
          log.push('printer cancelled');
        },
      };
    },
    openPath: async () => undefined,
    showInFolder: () => undefined,
    exportStatusChanged: (status: ExportStatus) => {
      if (status.state === 'running') log.push(`progress: ${status.message}`);
    },
  };
}

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

describe('a PDF export', () => {
  it('starts its printer before the HTML is built and prints the built page with it', async () => {
    const log: string[] = [];
    app = startServices(path.join(dir, 'jfp.db'), { exportPorts: recordingPorts(path.join(dir, 'plan.pdf'), log) });
    const plan = await app.dispatch('createSamplePlan', {});
    if (!plan.ok) throw new Error(plan.error.message);
    const started = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'pdf' });
    if (!started.ok) throw new Error(started.error.message);
    expect(await finished((started.value as { jobId: string }).jobId)).toMatchObject({ state: 'done', fileName: 'plan.pdf' });
    const building = log.findIndex((line) => /^progress: Building/.test(line));
    expect(building).toBeGreaterThan(0);
    expect(log.indexOf('printer started')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('printer started')).toBeLessThan(building);
    expect(log.filter((line) => line.startsWith('printed '))).toEqual([expect.stringMatching(/^printed .+/)]);
    expect(log).not.toContain('printToPdf (no printer made ready)');
    expect(log).not.toContain('printer cancelled');
  });
});

describe('a PDF export whose HTML cannot be built', () => {
  it('closes the printer it started, prints nothing and writes no file', async () => {
    const log: string[] = [];
    const target = path.join(dir, 'plan.pdf');
    // A worker that starts, then fails as a full disk would.
    const worker = path.join(dir, 'failing-worker.cjs');
    fs.writeFileSync(
      worker,
      `const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'progress', progress: { stage: 'building', message: 'Building the web page' } });
parentPort.postMessage({ type: 'error', error: { code: 'io_error', message: 'The disk is full.' } });`,
    );
    app = startServices(path.join(dir, 'jfp.db'), { exportPorts: recordingPorts(target, log), exportWorkerScript: worker });
    const plan = await app.dispatch('createPlan', { title: 'Plan', icbName: 'NHS Test ICB', startYear: 2026, templateId: 'blank' });
    if (!plan.ok) throw new Error(plan.error.message);
    const started = await app.dispatch('startExport', { planId: (plan.value as { id: string }).id, format: 'pdf' });
    if (!started.ok) throw new Error(started.error.message);
    expect(await finished((started.value as { jobId: string }).jobId)).toMatchObject({ state: 'failed' });
    expect(log).toContain('printer started');
    expect(log).toContain('printer cancelled');
    expect(log.some((line) => line.startsWith('printed '))).toBe(false);
    expect(fs.existsSync(target)).toBe(false);
  });
});
