// A name a person would give the file, safe on Windows, macOS and Linux: the
// characters no file system accepts (and control characters) become spaces.
import { formatPeriod } from '../../shared/domain';
import type { ExportOptions, PlanExportData } from '../../shared/export';

export function safeFileName(text: string, max = 150): string {
  return text
    .replace(/[\\/:*?"<>|\u0000-\u001F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** "2026-27 to 2030-31": the plan's period as a file name can hold it (no slashes). */
export function fileNamePeriod(startYear: number, endYear: number): string {
  return formatPeriod(startYear, endYear).replace(/\//g, '-');
}

/** A file name for the export: "North Fell Joint Forward Plan 2026-27 to 2030-31.docx". */
export function suggestedFileName(data: PlanExportData, options: Pick<ExportOptions, 'kind' | 'format'>): string {
  const { plan } = data;
  const base = safeFileName(`${options.kind === 'board_paper' ? 'Board paper - ' : ''}${plan.title} ${fileNamePeriod(plan.startYear, plan.endYear)}`);
  return `${base}.${options.format}`;
}
