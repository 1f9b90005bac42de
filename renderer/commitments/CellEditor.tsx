// The one cell being edited: an input (with the plan's suggestions) or a select.
// Typing saves within a second of the last keystroke; Enter, Tab and leaving the
// cell save at once; Esc puts back the value the cell had. A refused value
// (a year outside the plan) stays in the cell with the reason beside it.
import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnContext, GridColumn } from './columns';

/** How long after the last keystroke a typed value is saved. */
export const TYPING_SAVE_DELAY_MS = 700;

/** Where the active cell goes when editing ends ('blur': the author went elsewhere; leave it be). */
export type Move = 'down' | 'right' | 'left' | 'stay' | 'blur';

export interface CellEditorProps {
  column: GridColumn;
  ctx: ColumnContext;
  label: string;
  /** The text the editor starts with (a typed first character, or the cell's value). */
  initial: string;
  /** The cell's value when editing began. */
  original: string;
  /** Saves the text; returns a refusal to show, or null. `close` ends editing. */
  onSave(text: string, close: Move | null): string | null;
  onCancel(original: string, saved: boolean): void;
  onDirty(dirty: boolean): void;
  /** Lets the grid take the text when the window closes or the page goes away. */
  registerTake(take: (() => void) | null): void;
}

export function CellEditor({ column, ctx, label, initial, original, onSave, onCancel, onDirty, registerTake }: CellEditorProps) {
  const [value, setValue] = useState(initial);
  const [refusal, setRefusal] = useState<string | null>(null);
  const errorId = useId();
  const listId = useId();
  const latest = useRef(initial);
  /** The text last handed to the row's queue (null: none yet). */
  const sent = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const closed = useRef(false);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);

  const save = (close: Move | null) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    const changed = text !== (sent.current ?? original);
    if (!changed && close === null) return;
    if (!changed && close) {
      closed.current = true;
      onDirty(false);
      onSave(text, close);
      return;
    }
    const problem = onSave(text, close);
    setRefusal(problem);
    if (problem) return;
    sent.current = text;
    onDirty(false);
    if (close) closed.current = true;
  };

  useEffect(() => {
    const element = input.current;
    element?.focus();
    // A typed first character replaces the cell: put the caret after it.
    if (element instanceof HTMLInputElement) element.setSelectionRange(element.value.length, element.value.length);
    registerTake(() => save(null));
    return () => {
      registerTake(null);
      if (timer.current) clearTimeout(timer.current);
      // Removed without Enter, Tab, Esc or a blur (the row scrolled away, the screen changed): keep the text.
      if (!closed.current) save(null);
    };
    // Runs once per editor: the registered function reads the latest text through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const change = (text: string) => {
    setValue(text);
    latest.current = text;
    onDirty(text !== (sent.current ?? original));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => save(null), TYPING_SAVE_DELAY_MS);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      save(e.shiftKey ? 'stay' : 'down');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      save(e.shiftKey ? 'left' : 'right');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (timer.current) clearTimeout(timer.current);
      closed.current = true;
      onDirty(false);
      onCancel(original, sent.current !== null);
    } else {
      // Arrows, Home, End and Delete act inside the text while editing.
      e.stopPropagation();
    }
  };

  const onBlur = () => {
    if (!closed.current) save('blur');
  };

  const suggestions = column.suggestions?.(ctx) ?? [];
  return (
    <>
      {column.editor === 'select' ? (
        <select ref={input} className="dgrid-input" aria-label={label} value={value} onChange={(e) => change(e.target.value)} onKeyDown={onKeyDown} onBlur={onBlur}>
          {(column.options?.(ctx) ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          ref={input}
          className="dgrid-input"
          aria-label={label}
          aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? errorId : undefined}
          list={suggestions.length ? listId : undefined}
          value={value}
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
      )}
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {refusal && (
        <span id={errorId} className="dgrid-bubble dgrid-bubble-error" role="alert">
          {refusal}
        </span>
      )}
    </>
  );
}
