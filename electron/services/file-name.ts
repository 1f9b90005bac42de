// A name a person would give the file, safe on Windows, macOS and Linux: the
// characters no file system accepts (and control characters) become spaces.
import { formatPeriod } from '../../shared/domain';

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
