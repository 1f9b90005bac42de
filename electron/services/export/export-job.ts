// One export from start to finish, as the worker (or the CLI) runs it: read the
// plan over its own read-only connection, build the document, save it
// atomically, and optionally check a Word file's accessibility, reporting
// progress at each step. The only file in the engine with side effects besides
// atomic-write.ts.
import { JfpError } from '../../../shared/errors';
import type { AccessibilityReport, BoardPaperTemplate, ExportSummary } from '../../../shared/export';
import { openStore } from '../store';
import { checkAccessibility } from './a11y-check';
import { writeFileAtomic } from './atomic-write';
import { exportDocument, parseExportOptions } from './index';
import { loadPlanExport } from './store-loader';

export interface ExportJob {
  dbPath: string;
  planId: string;
  /** Where to save the file (its folder must exist). */
  outputPath: string;
  options?: unknown;
  /** The plan's house-style profile. */
  houseStyle?: unknown;
  /** Board papers: the cover sheet values. */
  cover?: unknown;
  boardPaperTemplate?: BoardPaperTemplate;
  /** Check a Word export with the accessibility checker after saving it. */
  checkAccessibility?: boolean;
  /** better-sqlite3 addon for the running runtime (Electron's), as the store takes it. */
  nativeBinding?: string;
}

export type ExportStage = 'reading' | 'building' | 'saving' | 'checking';

export interface ExportProgress {
  stage: ExportStage;
  /** A sentence for the progress line, e.g. "Building the Word document (84 sections)". */
  message: string;
}

export interface ExportJobResult {
  outputPath: string;
  bytes: number;
  summary: ExportSummary;
  accessibility: AccessibilityReport | null;
  elapsedMs: number;
}

/**
 * A document that could not be built, as one sentence with its cause: a refusal (bad options, a cover sheet) is
 * already a JfpError and passes as it is. Nothing has been written at that point.
 */
export function buildFailure(what: string, error: unknown): JfpError {
  if (error instanceof JfpError) return error;
  const cause = String((error as Error)?.message ?? error)
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '');
  return new JfpError('internal', `The ${what} could not be made (${cause}), so nothing was written.`);
}

export async function runExportJob(job: ExportJob, onProgress: (progress: ExportProgress) => void = () => undefined): Promise<ExportJobResult> {
  const started = performance.now();
  const options = parseExportOptions(job.options);
  onProgress({ stage: 'reading', message: 'Reading the plan' });
  const store = openStore(job.dbPath, { readonly: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  let data;
  try {
    // One read transaction: the plan, its sections and comments as they were at one moment.
    data = store.read(() => loadPlanExport(store, job.planId));
  } finally {
    // A read-only connection has nothing to checkpoint; closing it never throws.
    store.close();
  }
  const what = options.format === 'pdf' ? 'PDF' : options.kind === 'board_paper' ? 'board paper' : options.format === 'docx' ? 'Word document' : 'web page';
  onProgress({ stage: 'building', message: `Building the ${what} (${data.sections.length} sections)` });
  let result;
  try {
    result = await exportDocument({
      data,
      options,
      houseStyle: job.houseStyle,
      cover: job.cover,
      ...(job.boardPaperTemplate ? { boardPaperTemplate: job.boardPaperTemplate } : {}),
    });
  } catch (error) {
    throw buildFailure(what, error);
  }
  const bytes = typeof result.content === 'string' ? Buffer.from(result.content, 'utf8') : result.content;
  onProgress({ stage: 'saving', message: `Saving ${job.outputPath}` });
  await writeFileAtomic(job.outputPath, bytes);
  let accessibility: AccessibilityReport | null = null;
  if (job.checkAccessibility && options.format === 'docx') {
    onProgress({ stage: 'checking', message: 'Checking accessibility' });
    accessibility = checkAccessibility(bytes);
  }
  return { outputPath: job.outputPath, bytes: bytes.length, summary: result.summary, accessibility, elapsedMs: Math.round(performance.now() - started) };
}
