// The export worker thread: runs one export job (export-job.ts) from its
// workerData and posts progress, then the result or the error, to its parent.
// Bundle this file as its own entry (e.g. dist/main/export-worker.cjs) and
// hand its path to runExportInWorker.
import { parentPort, workerData } from 'node:worker_threads';
import { JfpError } from '../../../shared/errors';
import { runExportJob, type ExportJob } from './export-job';
import type { WorkerMessage } from './export-worker';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

runExportJob(workerData as ExportJob, (progress) => post({ type: 'progress', progress }))
  .then((result) => post({ type: 'done', result }))
  .catch((error: unknown) => {
    const apiError =
      error instanceof JfpError
        ? error.toApiError()
        : { code: 'internal' as const, message: `The export failed unexpectedly: ${(error as Error)?.message ?? String(error)}` };
    post({ type: 'failed', error: apiError });
  });
