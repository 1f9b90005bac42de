// NHS financial years as people type them, shown one way ("2028/29"), and the
// plan's period as the only years a commitment may use.
import { describe, expect, it } from 'vitest';
import { financialYearOfDate, formatFinancialYear, parseFinancialYear, planYears } from '../../shared/financial-year';

const period = { startYear: 2026, endYear: 2030 };

describe('financial years', () => {
  it('shows a start year as the NHS writes it', () => {
    expect(formatFinancialYear(2028)).toBe('2028/29');
    expect(formatFinancialYear(2099)).toBe('2099/00');
    expect(formatFinancialYear(2008)).toBe('2008/09');
  });

  it('lists the five years of a plan', () => {
    expect(planYears(2026)).toEqual([2026, 2027, 2028, 2029, 2030]);
  });

  it.each([
    ['2028/29', 2028],
    ['2028-29', 2028],
    ['2028/2029', 2028],
    ['28/29', 2028],
    ['FY28/29', 2028],
    ['fy 2028-29', 2028],
    ['  2028 / 29 ', 2028],
    ['2028–29', 2028],
    ['2029/30', 2029],
    ['2099/00', 2099],
    ['2099/2100', 2099],
  ])('reads %j as %i', (text, year) => {
    expect(parseFinancialYear(text)).toEqual({ ok: true, year });
  });

  it('reads a bare year as the financial year it starts, and says so', () => {
    expect(parseFinancialYear('2028')).toEqual({ ok: true, year: 2028, note: '2028 is read as 2028/29.' });
  });

  it('refuses two years that do not follow each other', () => {
    const result = parseFinancialYear('2028/30');
    expect(result).toEqual({ ok: false, message: '2028/30 is not a financial year: the second year must follow the first, as in 2028/29.' });
    expect(parseFinancialYear('2028/2030').ok).toBe(false);
    expect(parseFinancialYear('28/28').ok).toBe(false);
  });

  it.each(['', 'next year', '2028/29/30', '20/28/29', '12', '202', '2028.5', 'FY', '2028/29x', '1999/00', 'x'.repeat(100_000)])('refuses %j with an example', (text) => {
    const result = parseFinancialYear(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/financial year/);
  });

  it("refuses a year outside the plan's period with a sentence naming the period", () => {
    expect(parseFinancialYear('2031/32', period)).toEqual({ ok: false, message: "2031/32 is outside this plan's period, 2026/27 to 2030/31." });
    expect(parseFinancialYear('2025', period)).toEqual({ ok: false, message: "2025/26 is outside this plan's period, 2026/27 to 2030/31." });
    expect(parseFinancialYear('2030/31', period)).toEqual({ ok: true, year: 2030 });
    expect(parseFinancialYear('26/27', period)).toEqual({ ok: true, year: 2026 });
  });

  it('places a date in the financial year it falls in (1 April to 31 March)', () => {
    expect(financialYearOfDate('2027-03-31')).toBe(2026);
    expect(financialYearOfDate('2027-04-01')).toBe(2027);
    expect(financialYearOfDate('2027-12-31')).toBe(2027);
    expect(financialYearOfDate('2028-01-01')).toBe(2027);
  });
});
