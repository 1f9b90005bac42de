// British dates in form fields (#12): shown and typed as day/month/year, stored as ISO
// (yyyy-mm-dd). Chromium lays <input type=date> out in the browser's locale (mm/dd/yyyy
// seen on Linux even with en-GB), so the app's date fields are text fields parsed here.

export type DateParse = { ok: true; iso: string | null } | { ok: false; message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FORMAT_HELP = 'Enter the date as day/month/year, for example 14/01/2027.';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2027-01-14" → "14/01/2027"; anything that is not an ISO date is shown as it is. */
export function formatUkDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

/**
 * Reads what someone typed: "14/01/2027", "14-1-2027", "14.1.2027", "14 1 2027" (day first)
 * or "2027-01-14" (ISO, year first). Empty means no date. `max` (ISO) is the latest date allowed.
 */
export function parseUkDate(text: string, max?: string): DateParse {
  const typed = text.trim();
  if (!typed) return { ok: true, iso: null };
  let day: number, month: number, year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const uk = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(typed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (uk) [day, month, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else return { ok: false, message: FORMAT_HELP };
  if (year < 1900 || year > 2199) return { ok: false, message: 'Enter a year between 1900 and 2199.' };
  if (month < 1 || month > 12) return { ok: false, message: `There is no month ${month}. ${FORMAT_HELP}` };
  if (day < 1 || day > daysIn(year, month)) {
    return { ok: false, message: `${pad(day)}/${pad(month)}/${year} is not a date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days.` };
  }
  const result = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (max && result > max) return { ok: false, message: `The date cannot be after ${formatUkDate(max)}.` };
  return { ok: true, iso: result };
}

/** "14 February 2027" for "2027-02-14", for sentences and summaries; '' when it is not a date. */
export function longDate(iso: string | null): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A date as the API takes it: null when empty. */
export const dateOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
