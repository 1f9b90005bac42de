// One date field for every form (#12): a text field that shows and accepts day/month/year
// (see dates.ts), with a format hint and a sentence when the date is not a date, both
// linked by aria-describedby. It reports ISO dates (or null for empty) as soon as what is
// typed is a whole valid date; a date it cannot read is never passed on, and it marks the
// field invalid so its form is not sent: nothing the user had is replaced by a wrong date. The caller keeps its own <label htmlFor={id}>.
import { useEffect, useRef, useState } from 'react';
import { formatUkDate, parseUkDate } from './dates';

export interface DateFieldProps {
  id: string;
  /** ISO date (yyyy-mm-dd) or null. */
  value: string | null;
  onChange: (iso: string | null) => void;
  /** Latest date allowed (ISO). */
  max?: string;
  /** Further element ids describing the field (the caller's own hint). */
  describedBy?: string;
  required?: boolean;
}

export function DateField({ id, value, onChange, max, describedBy, required }: DateFieldProps) {
  const [text, setText] = useState(() => formatUkDate(value));
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // A date that cannot be read also stops the form it is in from being sent (the browser's own check says why).
  const problem = parseUkDate(text, max);
  const validity = problem.ok ? '' : problem.message;
  useEffect(() => input.current?.setCustomValidity(validity), [validity]);
  // A new value from outside (another row, a reload) replaces the text, unless it is what the text already says.
  const [previous, setPrevious] = useState(value);
  if (value !== previous) {
    setPrevious(value);
    const current = parseUkDate(text, max);
    if (!(current.ok && current.iso === value)) {
      setText(formatUkDate(value));
      setError(null);
    }
  }

  const change = (next: string) => {
    setText(next);
    const parsed = parseUkDate(next, max);
    if (parsed.ok) {
      setError(null);
      if (parsed.iso !== value) onChange(parsed.iso);
    }
  };
  // On leaving the field: a readable date is shown the British way; anything else says why.
  const check = () => {
    const parsed = parseUkDate(text, max);
    if (parsed.ok) setText(formatUkDate(parsed.iso));
    else setError(parsed.message);
  };

  const describedByIds = [`${id}-format`, error ? `${id}-error` : null, describedBy].filter(Boolean).join(' ');
  return (
    <>
      <span className="hint date-hint" id={`${id}-format`}>
        Day/month/year, for example 14/01/2027
      </span>
      <input
        ref={input}
        id={id}
        type="text"
        className="date-input"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        size={12}
        value={text}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByIds}
        onChange={(e) => change(e.target.value)}
        onBlur={check}
      />
      {error && (
        <span className="field-error date-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </>
  );
}
