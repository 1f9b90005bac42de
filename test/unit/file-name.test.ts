import { describe, expect, it } from 'vitest';
import { fileNamePeriod, safeFileName } from '../../electron/services/file-name';

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
