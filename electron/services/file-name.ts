// A name a person would give the file, safe on Windows, macOS and Linux: the
// characters no file system accepts (and control characters) become spaces.
import { formatPeriod } from '../../shared/domain';
import type { ExportOptions, PlanExportData } from '../../shared/export';

export function safeFileName(text: string, max = 150): string {
  return (
    text
      // A financial year keeps its shape: "2026/27" becomes "2026-27", not "2026 27" (#13).
      .replace(/(\d)\s*[/\\]\s*(?=\d)/g, '$1-')
      .replace(/[\\/:*?"<>|\u0000-\u001F]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, max)
      .trim()
  );
}

/** "2026-27 to 2030-31": the plan's period as a file name can hold it (no slashes). */
export function fileNamePeriod(startYear: number, endYear: number): string {
  return formatPeriod(startYear, endYear).replace(/\//g, '-');
}

/**
 * Whether a title already names a year of the period ("2026/27", "2026-27", "2026 to 2031"),
 * so the period is not added a second time ("… 2026 27 to 2030 31 2026-27 to 2030-31", #13).
 */
export function titleNamesPeriod(title: string, startYear: number, endYear: number): boolean {
  const years = new Set(Array.from(title.matchAll(/(?<!\d)(\d{4})(?!\d)/g), (m) => Number(m[1])));
  for (let year = startYear; year <= endYear + 1; year += 1) if (years.has(year)) return true;
  return false;
}

/** The title with the plan's period after it, unless the title already names it. */
export function titleWithPeriod(title: string, startYear: number, endYear: number): string {
  return titleNamesPeriod(title, startYear, endYear) ? title : `${title} ${fileNamePeriod(startYear, endYear)}`;
}

/** A file name for the export: "North Fell Joint Forward Plan 2026-27 to 2030-31.docx". */
export function suggestedFileName(data: PlanExportData, options: Pick<ExportOptions, 'kind' | 'format'>): string {
  const { plan } = data;
  const base = safeFileName(`${options.kind === 'board_paper' ? 'Board paper - ' : ''}${titleWithPeriod(plan.title, plan.startYear, plan.endYear)}`);
  return `${base}.${options.format}`;
}
