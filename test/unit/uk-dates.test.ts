// #12 dates in form fields: day/month/year typed the British way, stored as ISO, with a
// sentence for anything that is not a date (renderer/common/dates.ts, used by DateField).
import { describe, expect, it } from 'vitest';
import { formatUkDate, parseUkDate } from '../../renderer/common/dates';

describe('reading a typed date', () => {
  it('reads day first with / - . or spaces, and ISO year first', () => {
    for (const typed of ['14/01/2027', '14-1-2027', '14.01.2027', '14 1 2027', ' 14 / 1 / 2027 ', '2027-01-14', '2027-1-14']) {
      expect(parseUkDate(typed), typed).toEqual({ ok: true, iso: '2027-01-14' });
    }
    // Day first: 03/11 is 3 November, not 11 March.
    expect(parseUkDate('03/11/2026')).toEqual({ ok: true, iso: '2026-11-03' });
    expect(parseUkDate('29/02/2028')).toEqual({ ok: true, iso: '2028-02-29' });
    expect(parseUkDate('   ')).toEqual({ ok: true, iso: null });
  });

  it('refuses what is not a date with a sentence saying why', () => {
    expect(parseUkDate('31/02/2027')).toEqual({ ok: false, message: '31/02/2027 is not a date: February 2027 has 28 days.' });
    expect(parseUkDate('29/02/2027')).toEqual({ ok: false, message: '29/02/2027 is not a date: February 2027 has 28 days.' });
    expect(parseUkDate('14/13/2027')).toEqual({ ok: false, message: 'There is no month 13. Enter the date as day/month/year, for example 14/01/2027.' });
    expect(parseUkDate('14/01/27')).toEqual({ ok: false, message: 'Enter the date as day/month/year, for example 14/01/2027.' });
    expect(parseUkDate('next Tuesday')).toEqual({ ok: false, message: 'Enter the date as day/month/year, for example 14/01/2027.' });
    expect(parseUkDate('14/01/0027')).toEqual({ ok: false, message: 'Enter a year between 1900 and 2199.' });
    expect(parseUkDate('00/01/2027').ok).toBe(false);
  });

  it('keeps to a latest date when there is one', () => {
    expect(parseUkDate('01/12/2026', '2026-12-01')).toEqual({ ok: true, iso: '2026-12-01' });
    expect(parseUkDate('02/12/2026', '2026-12-01')).toEqual({ ok: false, message: 'The date cannot be after 01/12/2026.' });
  });

  it('shows ISO dates as day/month/year', () => {
    expect(formatUkDate('2027-01-14')).toBe('14/01/2027');
    expect(formatUkDate(null)).toBe('');
  });
});
