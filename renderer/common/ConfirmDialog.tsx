// One confirmation dialog for actions that replace what the person has
// (restoring a backup or a version, starting with an empty database). It is a
// modal alertdialog named by its question and described by its explanation.
// Focus starts on Cancel, so a stray Enter never does the action; Tab stays
// inside; Esc cancels; and focus goes back to what opened it, because the
// dialog is unmounted by its owner rather than closed, and the browser only
// restores focus on close().
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './confirm-dialog.css';

export interface ConfirmDialogProps {
  /** The question, e.g. "Restore “HWB draft”?": the dialog's accessible name. */
  title: string;
  /** What will happen and how to undo it: the dialog's description. */
  children: ReactNode;
  /** Names what the button does ("Restore this version"), never just "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  // False once the owner unmounts the dialog, so the close() in the clean-up is not taken for a cancel.
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    cancel.current?.focus();
    return () => {
      mounted.current = false;
      if (element?.open) element.close();
      // The opener may be gone (a list reloaded after the action): then focus stays where the page puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // A modal dialog lets Tab leave for the browser's own controls; keep it on the dialog's buttons.
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !dialog.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Esc: the owner decides (it unmounts the dialog); the browser must not close it behind React's back.
        event.preventDefault();
        onCancel();
      }}
      // The browser may still close it (a second Esc with no click between): the owner must hear of that too.
      onClose={() => {
        if (mounted.current) onCancel();
      }}
    >
      <div className="confirm-dialog-body">
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        <div className="dialog-actions">
          <button ref={cancel} type="button" className="button-secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className="button-primary" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
