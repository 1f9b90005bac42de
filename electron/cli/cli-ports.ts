// What the command line gives the services where the app shows a dialog: the
// file a command names (--out, FILE) stands for the person's choice. Commands
// then call the same contract methods as the app (startExport, sendForReview,
// importComments) through the dispatcher. A PDF is written by the export job
// itself (pdf-writer.ts, #14): no browser is needed for any command.
import { JfpError } from '../../shared/errors';
import type { ExportJobResult } from '../services/export/export-job';
import type { ExportPorts } from '../services/ports';

/** The files a command names, answered when a method asks. */
export interface PortAnswers {
  /** Where to save (a method's save dialog). */
  saveTo?: string;
  /** Which file to open (a method's open dialog). */
  open?: string;
}

export interface CliPorts extends ExportPorts {
  /** Runs `work` with the dialogs answered by `answers`. */
  answering<T>(answers: PortAnswers, work: () => Promise<T>): Promise<T>;
  /** Resolves with what an export job found once it has saved its file; rejects with its failure. */
  exportSettled(jobId: string): Promise<ExportJobResult>;
}

export function cliPorts(): CliPorts {
  let answers: PortAnswers = {};
  type Settled = { ok: true; result: ExportJobResult } | { ok: false; error: unknown };
  const settled = new Map<string, Settled>();
  const waiting = new Map<string, (outcome: Settled) => void>();
  const settle = (jobId: string, outcome: Settled) => {
    const waiter = waiting.get(jobId);
    if (waiter) {
      waiting.delete(jobId);
      waiter(outcome);
    } else settled.set(jobId, outcome);
  };
  return {
    async answering(given, work) {
      answers = given;
      try {
        return await work();
      } finally {
        answers = {};
      }
    },
    chooseSavePath: async () => answers.saveTo ?? null,
    chooseOpenPath: async () => answers.open ?? null,
    openPath: async () => {
      throw new JfpError('invalid_input', 'The command line does not open files; open the saved file yourself.');
    },
    showInFolder: () => undefined,
    exportFinished: (jobId, result) => settle(jobId, { ok: true, result }),
    exportFailed: (jobId, error) => settle(jobId, { ok: false, error }),
    exportSettled(jobId) {
      return new Promise((resolve, reject) => {
        const done = (outcome: Settled) => (outcome.ok ? resolve(outcome.result) : reject(outcome.error));
        const already = settled.get(jobId);
        if (already) {
          settled.delete(jobId);
          done(already);
        } else waiting.set(jobId, done);
      });
    },
  };
}
