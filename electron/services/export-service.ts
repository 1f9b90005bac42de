// The export methods of the API: each plan's remembered export profile and
// cover sheet, and export jobs. A job asks where to save (a port: Electron's
// save dialog in the app, a test's choice in the harness), builds the document
// (Word, web page or PDF, all from one document model) off the main thread,
// writes it atomically and checks a Word file's accessibility; each change of its status is pushed to the page (a port), then
// the app opens the file or its folder.
import { holdExportLock } from './backups/export-locks';
import path from 'node:path';
import type { Handlers } from '../../shared/dispatch';
import { startingExportStatus, type ExportStatus } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import type { PlanExportData } from '../../shared/export';
import type { ExportJob, ExportJobResult, ExportProgress } from './export/export-job';
import { runExportInWorker } from './export/export-worker';
import { checkCover, DEFAULT_BOARD_PAPER_TEMPLATE, usableCover } from './export/cover-sheet';
import { DEFAULT_HOUSE_STYLE } from './export/house-style';
import { suggestedFileName } from './file-name';
import type { ExportPorts } from './ports';

type ExportFormat = 'docx' | 'html' | 'pdf';
import { newId } from './store/ids';
import type { Store } from './store';
import { saveAutomaticVersion } from './versions/version-service'; // #16 versions
import { refuseDatabaseTarget } from './save-target';

export type { ExportPorts, OpenKind, SaveFormat } from './ports';

export interface ExportServiceOptions {
  ports?: ExportPorts;
  /** The bundled export worker; without it jobs run in this thread (tests, the CLI). */
  workerScript?: string;
  nativeBinding?: string;
}

type ExportMethods = 'getExportSettings' | 'saveExportSettings' | 'startExport' | 'exportStatus' | 'revealExport';

const copyOf = (status: ExportStatus): ExportStatus => ({ ...status, warnings: [...status.warnings], accessibilityProblems: [...status.accessibilityProblems] });

const NO_PORTS = 'Exporting from here needs the app window; from a terminal use `jfp export`.';

export function createExportHandlers(store: Store, options: ExportServiceOptions = {}): Pick<Handlers, ExportMethods> {
  const { plans } = store;
  const jobs = new Map<string, ExportStatus>();

  function settings(planId: string) {
    plans.assertExists(planId);
    const saved = store.exportSettings.get(planId);
    return { houseStyle: saved.houseStyle, cover: usableCover(DEFAULT_BOARD_PAPER_TEMPLATE, saved.cover) };
  }

  const FORMAT_NAMES: Record<ExportFormat, string> = { docx: 'Word', html: 'a web page', pdf: 'PDF' };

  /**
   * The plan's audit trail gets one `exported` event per saved file (#14). A
   * database opened read-only cannot take it, and the file is saved all the
   * same: the trail is a record, never a reason to lose an export.
   */
  function recordExport(planId: string, format: ExportFormat, kind: 'plan' | 'board_paper', result: ExportJobResult, outputPath: string): void {
    if (store.readonly) return;
    const fileName = path.basename(outputPath);
    const what = kind === 'board_paper' ? 'The board paper' : 'The plan';
    const sectionCount = result.summary.sectionCount;
    const sections = `${sectionCount} ${sectionCount === 1 ? 'section' : 'sections'}`;
    try {
      store.write(() =>
        store.events.record(planId, 'exported', `${what} was exported as ${FORMAT_NAMES[format]} (${fileName}, ${sections}).`, {
          format,
          kind,
          fileName,
          sectionCount,
        }),
      );
    } catch {
      // The plan may have been deleted meanwhile, or another writer holds the lock past its timeout: the file stands.
    }
  }

  function finish(status: ExportStatus, result: ExportJobResult, outputPath: string): void {
    Object.assign(status, {
      state: 'done',
      message: `Saved ${path.basename(outputPath)}.`,
      fileName: path.basename(outputPath),
      outputPath,
      warnings: result.summary.warnings.map((w) => ({ sectionTitle: w.sectionTitle, message: w.message })),
      accessibilityProblems: (result.accessibility?.problems ?? []).map((p) => ({ rule: p.rule, message: p.message, location: p.location })),
      elapsedMs: result.elapsedMs,
    } satisfies Partial<ExportStatus>);
  }

  // The export engine (docx, the charts' React, Victory and resvg, pdf-lib) loads at the first export in
  // this process, not with the services: a process that only imports comments or edits never pays for it.
  const runExportJob = async (job: ExportJob, onProgress: (p: ExportProgress) => void) => (await import('./export/export-job')).runExportJob(job, onProgress);

  async function run(job: ExportJob, onProgress: (p: ExportProgress) => void): Promise<ExportJobResult> {
    const withBinding = options.nativeBinding ? { ...job, nativeBinding: options.nativeBinding } : job;
    if (!options.workerScript) return runExportJob(withBinding, onProgress);
    let started = false;
    try {
      return await runExportInWorker(withBinding, {
        workerScript: options.workerScript,
        onProgress: (p) => {
          started = true;
          onProgress(p);
        },
      });
    } catch (error) {
      // A worker that could not even start (e.g. a packaging problem) must not cost the user the export:
      // run it here instead, slower for the rest of the app but complete.
      if (started) throw error;
      return runExportJob(withBinding, onProgress);
    }
  }

  return {
    getExportSettings: ({ planId }) => ({ ...settings(planId), defaults: DEFAULT_HOUSE_STYLE, coverTemplate: DEFAULT_BOARD_PAPER_TEMPLATE }),
    // Reads the saved settings and writes them back in one immediate transaction (method-access.ts): a CLI run beside the app cannot slip between.
    saveExportSettings: ({ planId, houseStyle, cover }) => {
      const current = settings(planId);
      store.exportSettings.save(planId, houseStyle ?? current.houseStyle, cover ? checkCover(DEFAULT_BOARD_PAPER_TEMPLATE, cover) : current.cover);
      return { saved: true } as const;
    },
    startExport: async ({ planId, format, options: chosen }) => {
      const ports = options.ports;
      if (!ports) throw new JfpError('invalid_input', NO_PORTS);
      const saved = settings(planId);
      // #14 pdf: a PDF is an export job like Word and HTML, drawn from the same document model (pdf-writer.ts).
      const exportOptions = { ...chosen, format };
      const data = { plan: plans.get(planId) } as PlanExportData;
      const target = await ports.chooseSavePath(suggestedFileName(data, { kind: chosen?.kind ?? 'plan', format }), format);
      if (!target) return { jobId: null };
      refuseDatabaseTarget(store.file, target);
      if (exportOptions.kind === 'board_paper') saveAutomaticVersion(store, planId, 'Board paper exported'); // #16 versions
      const status = startingExportStatus(newId());
      jobs.set(status.jobId, status);
      // #16 a lock file while the job runs, so a restore in any process on this database waits for it (export-locks.ts).
      const releaseLock = holdExportLock(store.file, status.jobId, () => status.state === 'running');
      const job: ExportJob = {
        dbPath: store.file,
        planId,
        outputPath: target,
        options: exportOptions,
        houseStyle: saved.houseStyle,
        cover: saved.cover,
        checkAccessibility: format === 'docx',
      };
      const changed = () => ports.exportStatusChanged?.(copyOf(status));
      const onProgress = (p: ExportProgress) => {
        status.message = `${p.message}…`;
        changed();
      };
      run(job, onProgress)
        .then(
          (result) => {
            finish(status, result, target);
            recordExport(planId, format, chosen?.kind ?? 'plan', result, target);
            ports.exportFinished?.(status.jobId, result);
          },
          (error: unknown) => {
            status.state = 'failed';
            status.message = error instanceof JfpError ? error.message : 'The export failed unexpectedly; nothing was written.';
            ports.exportFailed?.(status.jobId, error);
          },
        )
        .finally(releaseLock)
        .then(changed);
      return { jobId: status.jobId };
    },
    exportStatus: ({ jobId }) => {
      const status = jobs.get(jobId);
      if (!status) throw new JfpError('not_found', 'That export could not be found.');
      return copyOf(status);
    },
    revealExport: async ({ jobId, how }) => {
      const status = jobs.get(jobId);
      if (!status?.outputPath || status.state !== 'done') throw new JfpError('not_found', 'That export has not finished, so there is no file to open yet.');
      if (!options.ports) throw new JfpError('invalid_input', NO_PORTS);
      if (how === 'open') await options.ports.openPath(status.outputPath);
      else options.ports.showInFolder(status.outputPath);
      return { done: true } as const;
    },
  };
}
