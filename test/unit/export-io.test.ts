// Saving and running exports: a file is replaced in one step or not at all,
// an unwritable place gives a sentence a person can act on, and an export of a
// plan read from the database runs in a worker thread with its own read-only
// connection, reporting progress while the main connection keeps writing.
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServices, type AppServices } from '../../electron/services/app-services';
import { writeFileAtomic, type AtomicWriteIo } from '../../electron/services/export/atomic-write';
import { runExportJob, type ExportProgress } from '../../electron/services/export/export-job';
import { runExportInWorker } from '../../electron/services/export/export-worker';
import { loadPlanExport } from '../../electron/services/export/store-loader';
import { JfpError } from '../../shared/errors';
import type { Plan } from '../../shared/domain';
import { headings, readDocx } from '../support/docx-reader';
import { bundlesStale } from './global-setup';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jfp-export-io-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function ioFailure(promise: Promise<unknown>): Promise<JfpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JfpError);
  expect((error as JfpError).code).toBe('io_error');
  return error as JfpError;
}

describe('saving an export', () => {
  it('writes the file and leaves no temporary file behind', async () => {
    const target = path.join(tmp, 'plan.docx');
    await writeFileAtomic(target, Buffer.from('new plan'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new plan');
    await writeFileAtomic(target, 'second version');
    expect(fs.readFileSync(target, 'utf8')).toBe('second version');
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the existing file intact when writing fails part way', async () => {
    const target = path.join(tmp, 'kept.docx');
    fs.writeFileSync(target, 'the version the board saw');
    for (const step of ['write', 'rename'] as const) {
      const io: AtomicWriteIo = {
        ...fsPromises,
        open: (async (file: string, flags: string, mode?: number) => {
          const handle = await fsPromises.open(file, flags, mode);
          if (step === 'write' && flags === 'wx') {
            return Object.assign(Object.create(handle) as object, {
              writeFile: async () => {
                await handle.write(Buffer.from('half a fi'));
                throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
              },
              sync: () => handle.sync(),
              close: () => handle.close(),
            });
          }
          return handle;
        }) as AtomicWriteIo['open'],
        rename: async (...args) => {
          if (step === 'rename') throw Object.assign(new Error('resource busy'), { code: 'EBUSY' });
          return fsPromises.rename(...args);
        },
      };
      const error = await ioFailure(writeFileAtomic(target, 'a new version that never lands', io));
      expect(error.message).toBe(
        step === 'write'
          ? `There is not enough disk space to save kept.docx in ${tmp}. Free some space or choose another drive.`
          : 'kept.docx is open in another program (such as Word). Close it and try again.',
      );
      expect(fs.readFileSync(target, 'utf8')).toBe('the version the board saw');
      expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('explains an unwritable place in one sentence', async () => {
    const missing = await ioFailure(writeFileAtomic(path.join(tmp, 'no-such-folder', 'plan.docx'), 'x'));
    expect(missing.message).toBe(`The folder ${path.join(tmp, 'no-such-folder')} does not exist. Choose another folder to save plan.docx in.`);
    fs.writeFileSync(path.join(tmp, 'a-file'), 'x');
    const notFolder = await ioFailure(writeFileAtomic(path.join(tmp, 'a-file', 'plan.docx'), 'x'));
    expect(notFolder.message).toBe(`${path.join(tmp, 'a-file')} is not a folder. Choose a folder to save plan.docx in.`);
    const folder = await ioFailure(writeFileAtomic(tmp, 'x'));
    expect(folder.message).toBe(`${tmp} is a folder, not a file. Choose a file name to save the export as.`);
    const proc = await ioFailure(writeFileAtomic('/proc/jfp-plan.docx', 'x'));
    expect(proc.message).toMatch(
      /^(jfp-plan\.docx cannot be created in \/proc\. Choose another folder to save it in\.|JFP Studio is not allowed to write|The folder \/proc is read-only)/,
    );
  });
});

describe('exporting a plan from the database', () => {
  let services: AppServices;
  let plan: Plan;
  const dbPath = path.join(tmp, 'jfp.db');
  let workerScript: string;

  beforeAll(async () => {
    services = startServices(dbPath, { log: () => undefined });
    const call = async (method: string, input: unknown) => {
      const outcome = await services.dispatch(method, input);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as never;
    };
    plan = await call('createSamplePlan', {});
    const sections = (await call('listSections', { planId: plan.id })) as { id: string; title: string }[];
    const reviewer = (await call('addStakeholder', {
      planId: plan.id,
      name: 'Priya Shah',
      organisation: 'Healthwatch Wessex Vale',
      orgType: 'healthwatch',
      email: '',
    })) as { id: string };
    const thread = (await call('createThread', {
      planId: plan.id,
      sectionId: sections[1]!.id,
      stakeholderId: reviewer.id,
      body: 'Please add the 2025 survey results.',
      quote: '',
    })) as { id: string };
    await call('respondToThread', { threadId: thread.id, response: 'Added in section 2.' });
    // #15 the sample's boards are their own list, one covering each place
    const boards = (await call('listHwbOpinions', { planId: plan.id })) as { board: string }[];
    if (boards[0]) {
      await call('saveHwbOpinion', {
        planId: plan.id,
        board: boards[0].board,
        receivedOn: '2026-02-10',
        opinion: 'The board supports the plan.',
        takesProperAccount: 'yes',
      });
    }
    // The worker as the app bundles it (scripts/build.mjs), built once for the unit tests (test/unit/global-setup.ts).
    workerScript = path.resolve('dist/main/export-worker.cjs');
    expect(inject('unitBuild').code).toBe(0);
    expect(bundlesStale(), 'the bundles are older than the sources').toBe(false);
  });
  afterAll(() => services?.close());

  it('loads the plan, its sections in outline order, commitments, opinions and comment threads', () => {
    const data = loadPlanExport(services.store, plan.id);
    const outline = services.store.sections.list(plan.id);
    expect(data.sections.map((s) => [s.id, s.depth])).toEqual(outline.map((s) => [s.id, s.depth]));
    expect(data.sections.every((s) => s.content.startsWith('{'))).toBe(true);
    expect(data.commitments.length).toBe(services.store.commitments.list(plan.id).length);
    expect(data.commitments.length).toBeGreaterThan(0);
    expect(data.hwbOpinions.flatMap((o) => o.places)).toEqual(plan.places); // #15 one board per place in the sample
    expect(data.comments).toEqual([
      expect.objectContaining({
        author: 'Priya Shah (Healthwatch Wessex Vale)',
        initials: 'PS',
        body: 'Please add the 2025 survey results.',
        resolved: false,
        replies: [expect.objectContaining({ author: 'Plan team response', body: 'Added in section 2.' })],
      }),
    ]);
  });

  it('runs in a worker thread with its own read-only connection, reporting progress', async () => {
    const outputPath = path.join(tmp, 'sample.docx');
    const progress: ExportProgress[] = [];
    const running = runExportInWorker(
      { dbPath, planId: plan.id, outputPath, options: { includeComments: true }, checkAccessibility: true },
      { workerScript, onProgress: (p) => progress.push(p) },
    );
    // The main connection keeps saving while the worker reads.
    await services.dispatch('updatePlan', { planId: plan.id, revision: plan.revision, title: 'Joint Forward Plan 2026/27 to 2030/31 (refresh)' });
    const result = await running;
    expect(progress.map((p) => p.stage)).toEqual(['reading', 'building', 'saving', 'checking']);
    expect(progress[1]!.message).toMatch(/^Building the Word document \(\d+ sections\)$/);
    // #15 a template section about the boards' opinions (none in today's JFP template) gives way to the generated HWB appendix.
    const hwbSections = services.store.sections.list(plan.id).filter((s) => /Health and Wellbeing Board/.test(s.title)).length;
    expect(result.summary.sectionCount).toBe(services.store.sections.list(plan.id).length - hwbSections);
    expect(result.summary.commentCount).toBe(1);
    expect(result.accessibility).toEqual({ ok: true, problems: [] });
    expect(result.bytes).toBe(fs.statSync(outputPath).size);
    const pkg = readDocx(fs.readFileSync(outputPath));
    expect(headings(pkg).length).toBeGreaterThan(result.summary.sectionCount);
  });

  it('reports a plan that does not exist as the store does, and writes nothing', async () => {
    const outputPath = path.join(tmp, 'none.docx');
    await expect(runExportInWorker({ dbPath, planId: 'no-such-plan', outputPath }, { workerScript })).rejects.toEqual(
      new JfpError('not_found', 'That plan could not be found. It may have been deleted.'),
    );
    expect(fs.existsSync(outputPath)).toBe(false);
  });

  it('reports an unwritable output path from the worker as an io_error sentence', async () => {
    const outputPath = path.join(tmp, 'missing-folder', 'plan.html');
    const error = await ioFailure(runExportInWorker({ dbPath, planId: plan.id, outputPath, options: { format: 'html' } }, { workerScript }));
    expect(error.message).toMatch(/does not exist/);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const running = runExportInWorker({ dbPath, planId: plan.id, outputPath: path.join(tmp, 'cancelled.docx') }, { workerScript, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow('The export was cancelled.');
  });

  it('runs the same job in-process for the command line', async () => {
    const outputPath = path.join(tmp, 'paper.docx');
    const result = await runExportJob({
      dbPath,
      planId: plan.id,
      outputPath,
      options: { kind: 'board_paper', sections: { statuses: ['approved'] } },
      cover: { purpose: 'Approval' },
    });
    expect(result.summary.kind).toBe('board_paper');
    expect(result.summary.warnings.map((w) => w.message)).toContain('The cover sheet\'s "Executive lead" is empty.');
    expect(fs.existsSync(outputPath)).toBe(true);
  });
});
