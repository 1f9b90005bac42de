// Messages to the user: an error sentence (role=alert) or a quiet status line.
import type { ReactNode } from 'react';

export function ErrorNotice({ message, onDismiss, children }: { message: string | null; onDismiss?: () => void; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <span>{message}</span>
      {children}
      {onDismiss && (
        <button type="button" className="button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
