// #15 A labelled date typed as YYYY-MM-DD, with the date shown back in words
// (en-GB). A plain text input for now: the #12 DateField replaces it at merge.
import { useId } from 'react';

/** "14 February 2027" for "2027-02-14"; '' when the text is not a date. */
export function longDate(iso: string | null): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function DateText({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const shown = longDate(value.trim());
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="muted" id={`${id}-hint`}>
        Year, month, day, for example 2027-02-14{shown ? ` (${shown})` : ''}
      </span>
      <input id={id} type="text" inputMode="numeric" autoComplete="off" aria-describedby={`${id}-hint`} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** The typed text as the API takes it: null when empty. */
export const dateOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
