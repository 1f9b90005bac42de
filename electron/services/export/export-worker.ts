// Runs an export in a worker thread so the main process keeps answering saves
// while a large plan is built: the worker opens its own read-only connection
// (WAL lets it read alongside the writer), reports progress, and resolves with
// the result or rejects with the JfpError it met.
import { Worker } from 'node:worker_threads';
import { JfpError, type ApiError } from '../../../shared/errors';
import type { ExportJob, ExportJobResult, ExportProgress } from './export-job';

export type WorkerMessage = { type: 'progress'; progress: ExportProgress } | { type: 'done'; result: ExportJobResult } | { type: 'failed'; error: ApiError };

export interface WorkerOptions {
  /** The bundled export-worker-entry (a .cjs or .mjs file). */
  workerScript: string | URL;
  onProgress?: (progress: ExportProgress) => void;
  /** Stops the export (the file is not written, or an earlier one stays as it was). */
  signal?: AbortSignal;
}

export function runExportInWorker(job: ExportJob, options: WorkerOptions): Promise<ExportJobResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      fn();
    };
    const worker = new Worker(options.workerScript, { workerData: job });
    const abort = () => {
      void worker.terminate();
      settle(() => reject(new JfpError('io_error', 'The export was cancelled.')));
    };
    if (options.signal?.aborted) return abort();
    options.signal?.addEventListener('abort', abort);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new JfpError(message.error.code, message.error.message)));
    });
    worker.on('error', (error) => settle(() => reject(new JfpError('internal', `The export stopped unexpectedly: ${error.message}`))));
    worker.on('exit', (code) => settle(() => reject(new JfpError('internal', `The export stopped unexpectedly (exit code ${code}).`))));
  });
}
