// What the services need from the world around them to export and to move
// review files: where to save, which file to open and showing a saved file.
// The app supplies Electron's dialogs (electron/export-ports.ts), the CLI its
// --out argument (electron/cli/cli-ports.ts), the e2e harness a test's choice.
// A PDF needs no port: it is written by the export job (pdf-writer.ts), #14.
import type { ExportStatus } from '../../shared/domain';
import type { ExportJobResult } from './export/export-job';

export type SaveFormat = 'docx' | 'html' | 'pdf' | 'jfpreview' | 'jfpcomments' | 'xlsx' | 'csv' | 'db'; // xlsx, csv: #11 delivery table; db: #16 export all plans
/** What a file being opened may be. */
export type OpenKind = 'review-pack' | 'comments' | 'spreadsheet' | 'word-document' | 'plan-database'; // spreadsheet: #11 commitments import (.xlsx or .csv); word-document: #16 Word import; plan-database: #16 recovery

export interface ExportPorts {
  /** Where to save the file; null when the person cancels. */
  chooseSavePath(suggestedName: string, format: SaveFormat): Promise<string | null>;
  /** Which file to open; null when the person cancels. 'comments' accepts returned comments files and Word documents. */
  chooseOpenPath(kind: OpenKind): Promise<string | null>;
  openPath(file: string): Promise<void>;
  showInFolder(file: string): void;
  /** Told each time a job moves on or ends, so the app can push it to the page (no polling). */
  exportStatusChanged?(status: ExportStatus): void;
  /** Told when an export job has saved its file, with everything it found (the CLI prints it). */
  exportFinished?(jobId: string, result: ExportJobResult): void;
  /** Told when an export job failed; nothing was written. */
  exportFailed?(jobId: string, error: unknown): void;
}
