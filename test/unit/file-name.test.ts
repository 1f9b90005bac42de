import { describe, expect, it } from 'vitest';
import { fileNamePeriod, safeFileName, suggestedFileName, titleNamesPeriod, titleWithPeriod } from '../../electron/services/file-name';
import type { PlanExportData } from '../../shared/export';

describe('file names offered in save dialogs', () => {
  it('turns characters no file system accepts into single spaces', () => {
    expect(safeFileName('NHS North: "Fell" <ICB>/plan\\2026?*|\u0007 draft')).toBe('NHS North Fell ICB plan 2026 draft');
  });

  it('keeps a long title within the limit', () => {
    expect(safeFileName('x'.repeat(400))).toHaveLength(150);
    expect(safeFileName('y'.repeat(400), 120)).toHaveLength(120);
  });

  it('writes the plan period without slashes', () => {
    expect(fileNamePeriod(2026, 2030)).toBe('2026-27 to 2030-31');
    expect(fileNamePeriod(2099, 2103)).toBe('2099-00 to 2103-04');
  });
});

describe('file names do not repeat the plan period (#13)', () => {
  const exportName = (title: string, kind: 'plan' | 'board_paper' = 'plan') =>
    suggestedFileName({ plan: { title, startYear: 2026, endYear: 2030 } } as unknown as PlanExportData, { kind, format: 'docx' });

  it('keeps a financial year written with a slash as one year', () => {
    expect(safeFileName('North Fell JFP 2026/27 to 2030/31')).toBe('North Fell JFP 2026-27 to 2030-31');
    expect(safeFileName('Plan 2026 / 27')).toBe('Plan 2026-27');
  });

  it('adds the period to a title that does not name it', () => {
    expect(exportName('North Fell Joint Forward Plan')).toBe('North Fell Joint Forward Plan 2026-27 to 2030-31.docx');
    expect(exportName('North Fell Joint Forward Plan', 'board_paper')).toBe('Board paper - North Fell Joint Forward Plan 2026-27 to 2030-31.docx');
  });

  it.each([
    ['Joint Forward Plan 2026/27 to 2030/31', 'Joint Forward Plan 2026-27 to 2030-31.docx'],
    ['Joint Forward Plan 2026-27 to 2030-31', 'Joint Forward Plan 2026-27 to 2030-31.docx'],
    ['Joint Forward Plan 2026 to 2031', 'Joint Forward Plan 2026 to 2031.docx'],
    ['JFP 2028/29 refresh', 'JFP 2028-29 refresh.docx'],
  ])('does not add the period again to “%s”', (title, expected) => {
    expect(exportName(title)).toBe(expected);
    expect(expected.match(/2026-27/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('still adds the period when the title names a year outside it', () => {
    expect(titleNamesPeriod('NHS Long Term Plan 2019 response', 2026, 2030)).toBe(false);
    expect(exportName('NHS Long Term Plan 2019 response')).toBe('NHS Long Term Plan 2019 response 2026-27 to 2030-31.docx');
    expect(titleWithPeriod('Plan 2030/31', 2026, 2030)).toBe('Plan 2030/31');
  });
});
