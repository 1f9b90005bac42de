// NHS financial years (1 April to 31 March). A year is stored as the integer of
// the calendar year it starts in (2028 = 2028/29) and shown as "2028/29", the way
// plans, guidance and ICB spreadsheets write it.
import { TARGET_YEARS } from './limits';

/** The five years a Joint Forward Plan covers. */
export const PLAN_LENGTH_YEARS = 5;

export interface PlanPeriod {
  startYear: number;
  endYear: number;
}

export type FinancialYearParse = { ok: true; year: number; note?: string } | { ok: false; message: string };

/** 2028 -> "2028/29". */
export function formatFinancialYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The plan's years in order: startYear .. startYear + 4. */
export function planYears(startYear: number): number[] {
  return Array.from({ length: PLAN_LENGTH_YEARS }, (_, i) => startYear + i);
}

/** "2026/27 to 2030/31". */
export function formatFinancialPeriod(period: PlanPeriod): string {
  return `${formatFinancialYear(period.startYear)} to ${formatFinancialYear(period.endYear)}`;
}

/** The sentence the table, the CLI and imports all use for a year outside the plan. */
export function outsidePeriodMessage(year: number, period: PlanPeriod): string {
  return `${formatFinancialYear(year)} is outside this plan's period, ${formatFinancialPeriod(period)}.`;
}

export function isInPeriod(year: number, period: PlanPeriod): boolean {
  return year >= period.startYear && year <= period.endYear;
}

/** The financial year a YYYY-MM-DD date falls in: 2027-03-31 -> 2026, 2027-04-01 -> 2027. */
export function financialYearOfDate(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

const EXAMPLE = 'Enter a financial year such as 2028/29.';
// Longest accepted form is about "FY 2028 / 2029"; anything much longer is refused before any pattern runs.
const MAX_INPUT = 24;
// FY prefix optional; a first year of 2 or 4 digits; optionally a separator and a second year of 2 or 4 digits.
const PATTERN = /^(?:fy\s*)?(\d{2}|\d{4})(?:\s*[/\-–—]\s*(\d{2}|\d{4}))?$/i;

/**
 * Reads a financial year as people type it: "2028/29", "2028-29", "2028/2029",
 * "28/29", "FY28/29" or "2028" (read as 2028/29, and says so). With `period`,
 * refuses a year outside the plan with a sentence that names the period.
 */
export function parseFinancialYear(text: string, period?: PlanPeriod): FinancialYearParse {
  if (typeof text !== 'string' || text.length > MAX_INPUT) return { ok: false, message: EXAMPLE };
  const match = PATTERN.exec(text.trim());
  if (!match) return { ok: false, message: EXAMPLE };
  const firstText = match[1]!;
  const secondText = match[2];
  const first = firstText.length === 2 ? 2000 + Number(firstText) : Number(firstText);
  let note: string | undefined;
  if (secondText === undefined) {
    // A bare two-digit number is too ambiguous (a month? a percentage?).
    if (firstText.length === 2) return { ok: false, message: EXAMPLE };
    note = `${first} is read as ${formatFinancialYear(first)}.`;
  } else {
    const second = secondText.length === 2 ? Number(secondText) : Number(secondText) % 100;
    const wholeSecond = secondText.length === 4 ? Number(secondText) : undefined;
    const consecutive = wholeSecond !== undefined ? wholeSecond === first + 1 : second === (first + 1) % 100;
    if (!consecutive) {
      return { ok: false, message: `${text.trim()} is not a financial year: the second year must follow the first, as in ${formatFinancialYear(first)}.` };
    }
  }
  if (first < TARGET_YEARS.min || first >= TARGET_YEARS.max) {
    return { ok: false, message: `Enter a financial year between ${formatFinancialYear(TARGET_YEARS.min)} and ${formatFinancialYear(TARGET_YEARS.max - 1)}.` };
  }
  if (period && !isInPeriod(first, period)) return { ok: false, message: outsidePeriodMessage(first, period) };
  return note ? { ok: true, year: first, note } : { ok: true, year: first };
}

/** A YYYY-MM-DD string that names a day that exists (2027-02-30 does not). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today on this computer's calendar, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
