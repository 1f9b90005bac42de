// The Status cell's editor: a status chosen by hand overrides the one computed
// from the actuals, so it asks for the reason before it saves (the service refuses
// an override without one). "As computed" takes the override away. Enter or Tab on
// the status goes to the reason; Enter or Tab there saves; Esc anywhere puts back
// the status the cell had.
import { useEffect, useId, useRef, useState } from 'react';
import { RAG_LABELS, type RagStatus } from '../../shared/domain';
import type { CellEditorProps, Move } from './CellEditor';

export const STATUS_REASON_NEEDED = 'Give a reason for overriding the computed status.';

export interface StatusEditorProps extends Omit<CellEditorProps, 'onSave'> {
  /** The saved override's reason, offered again when the same status is kept. */
  savedReason: string;
  onSave(text: string, close: Move | null, reason: string): string | null;
}

export function StatusEditor({ column, ctx, label, initial, original, savedReason, onSave, onCancel, onDirty, registerTake }: StatusEditorProps) {
  const [status, setStatus] = useState(initial);
  const [reason, setReason] = useState(initial === original ? savedReason : '');
  const [refusal, setRefusal] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const reasonInput = useRef<HTMLInputElement>(null);
  const latest = useRef({ status: initial, reason: initial === original ? savedReason : '' });
  const closed = useRef(false);

  const overriding = status !== 'not_set';
  const changed = () => latest.current.status !== original || (latest.current.status !== 'not_set' && latest.current.reason.trim() !== savedReason.trim());

  const save = (close: Move | null) => {
    const { status: text, reason: why } = latest.current;
    if (!changed()) {
      if (close) {
        closed.current = true;
        onDirty(false);
        onSave(text, close, why);
      }
      return;
    }
    if (text !== 'not_set' && why.trim() === '') {
      setRefusal(STATUS_REASON_NEEDED);
      if (close !== 'blur') reasonInput.current?.focus();
      return;
    }
    const problem = onSave(text, close, why.trim());
    setRefusal(problem);
    if (problem) return;
    onDirty(false);
    if (close) closed.current = true;
  };

  useEffect(() => {
    select.current?.focus();
    registerTake(() => save(null));
    return () => {
      registerTake(null);
      // Removed without Enter, Tab, Esc or a blur (the row scrolled away): keep a complete choice.
      if (!closed.current && changed() && (latest.current.status === 'not_set' || latest.current.reason.trim() !== '')) save(null);
    };
    // Runs once per editor: the registered function reads the latest choice through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chooseStatus = (value: string) => {
    setStatus(value);
    latest.current = { status: value, reason: value === original ? savedReason : '' };
    setReason(latest.current.reason);
    setRefusal(null);
    onDirty(value !== original);
  };

  const typeReason = (value: string) => {
    setReason(value);
    latest.current = { ...latest.current, reason: value };
    onDirty(changed());
  };

  const cancel = () => {
    closed.current = true;
    onDirty(false);
    onCancel(original, false);
  };

  const onSelectKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if ((e.key === 'Enter' && !e.altKey) || (e.key === 'Tab' && !e.shiftKey)) {
      e.preventDefault();
      // A status set by hand goes on to its reason; "As computed" (or no change) saves at once.
      if (overriding && changed()) reasonInput.current?.focus();
      else save(e.key === 'Tab' ? 'right' : 'down');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      save('left');
    }
  };

  const onReasonKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      save(e.shiftKey ? 'stay' : 'down');
    } else if (e.key === 'Tab' && e.shiftKey) {
      e.preventDefault();
      select.current?.focus();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      save('right');
    }
  };

  // Focus moving between the status and its reason is not leaving the cell.
  const onBlur = (e: React.FocusEvent) => {
    if (closed.current || (e.relatedTarget instanceof Node && wrapper.current?.contains(e.relatedTarget))) return;
    save('blur');
  };

  return (
    <div ref={wrapper} className="dgrid-status-editor" onBlur={onBlur}>
      <select ref={select} className="dgrid-input" aria-label={label} value={status} onChange={(e) => chooseStatus(e.target.value)} onKeyDown={onSelectKeyDown}>
        {(column.options?.(ctx) ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {overriding && (
        <div className="dgrid-bubble dgrid-status-reason">
          <label htmlFor={reasonId}>Reason for the status</label>
          <span className="muted">Why is it {RAG_LABELS[status as RagStatus] ?? status}? Enter saves, Esc cancels.</span>
          <input
            ref={reasonInput}
            id={reasonId}
            className="dgrid-reason-input"
            value={reason}
            maxLength={2000}
            aria-invalid={refusal ? true : undefined}
            aria-describedby={refusal ? errorId : undefined}
            onChange={(e) => typeReason(e.target.value)}
            onKeyDown={onReasonKeyDown}
          />
          {refusal && (
            <span id={errorId} className="field-error" role="alert">
              {refusal}
            </span>
          )}
        </div>
      )}
      {!overriding && refusal && (
        <span id={errorId} className="dgrid-bubble dgrid-bubble-error" role="alert">
          {refusal}
        </span>
      )}
    </div>
  );
}
