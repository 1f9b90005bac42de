// What the command line gives the services where the app shows a dialog or
// prints with Electron: the file a command names (--out, FILE) stands for the
// person's choice, and a PDF is printed by the headless Chromium that
// services/browser.ts finds. Commands then call the same contract methods as
// the app (startExport, sendForReview, importComments) through the dispatcher.
import { JfpError } from '../../shared/errors';
import { BrowserUnavailableError, launchBrowser } from '../services/browser';
import type { ExportJobResult } from '../services/export/export-job';
import type { ExportPorts, PdfOptions, PdfPrinter } from '../services/ports';

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

async function startBrowser() {
  try {
    return await launchBrowser();
  } catch (error) {
    // The sentence says which browsers were looked for and how to point at one: the person needs it whole.
    if (error instanceof BrowserUnavailableError) throw new JfpError('io_error', error.message);
    throw error;
  }
}

/**
 * #14 pdf: the browser is launched and its tab opened at once (while the export builds the HTML); print waits
 * for them, prints, and closes the browser. A launch failure is reported by print (or swallowed by cancel).
 */
export function chromiumPrinter(): PdfPrinter {
  const browser = startBrowser();
  const tab = browser.then((b) => b.newPage());
  // Nobody may be waiting yet: a failure is kept for print to report, never an unhandled rejection.
  tab.catch(() => undefined);
  const close = async () => {
    const started = await browser.catch(() => null);
    await started?.close();
  };
  return {
    async print(html: string, options: PdfOptions) {
      try {
        const page = await tab;
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf(options);
      } finally {
        await close();
      }
    },
    cancel: close,
  };
}

function printWithChromium(html: string, options: PdfOptions): Promise<Uint8Array> {
  return chromiumPrinter().print(html, options);
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
    printToPdf: printWithChromium,
    startPrinting: chromiumPrinter,
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
