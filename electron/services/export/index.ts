// The export engine's front door: one call turns plain plan data and options
// into a Word document or an HTML file, plus a summary of anything it could not
// do as asked. Plain Node (no Electron): the app runs it in a worker
// (export-worker.ts), the CLI and tests call it directly.
import { JfpError } from '../../../shared/errors';
import { exportOptionsSchema, type BoardPaperTemplate, type ExportOptions, type ExportResult, type PlanExportData } from '../../../shared/export';
import { documentToDocx } from './docx-writer';
import { resolveHouseStyle } from './house-style';
import { documentToHtml } from './html-writer';
import { documentToPdf } from './pdf-writer';
import { boardPaperDocument, planDocument } from './model/build';

export interface ExportRequest {
  data: PlanExportData;
  /** Validated here; defaults fill what is left out. */
  options?: unknown;
  /** The plan's own house-style profile, over templates/house-style.json. */
  houseStyle?: unknown;
  /** Board papers: the values entered on the cover sheet, by field key. */
  cover?: unknown;
  /** Board papers: an organisation's own cover-sheet field list (templates/board-paper.json by default). */
  boardPaperTemplate?: BoardPaperTemplate;
}

export function parseExportOptions(options: unknown): ExportOptions {
  const parsed = exportOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JfpError(
      'invalid_input',
      `The export options are not valid${issue?.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue?.message ?? 'unknown problem'}.`,
    );
  }
  return parsed.data;
}

/** A .docx (Buffer), an HTML file (string) or a tagged PDF (bytes), with the export summary. */
export async function exportDocument(request: ExportRequest): Promise<ExportResult<Buffer | string | Uint8Array>> {
  const options = parseExportOptions(request.options);
  const style = resolveHouseStyle(request.houseStyle);
  const { data } = request;
  // One document model, whatever the format: the writers only draw it.
  const model =
    options.kind === 'board_paper'
      ? boardPaperDocument({ data, options, style, cover: request.cover, ...(request.boardPaperTemplate ? { template: request.boardPaperTemplate } : {}) })
      : planDocument(data, options, style);
  if (options.format === 'docx') return documentToDocx(model, style);
  return options.format === 'pdf' ? documentToPdf(model, style) : documentToHtml(model, style);
}

export { suggestedFileName } from '../file-name';

export { checkAccessibility } from './a11y-check';
export { resolveHouseStyle, DEFAULT_HOUSE_STYLE } from './house-style';
export { DEFAULT_BOARD_PAPER_TEMPLATE, boardPaperTemplate, coverSheet } from './cover-sheet';
