// The quiet save indicator in the header ("Saved", "Saving…", "Not saved").
import type { SaveStatus } from '../editor/save-status';

const LABELS: Record<SaveStatus['state'], string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  failed: 'Not saved',
};

export function SaveIndicator({ status }: { status: SaveStatus }) {
  return (
    <p className={`save-indicator save-${status.state}`} role="status" aria-live="polite" data-save-state={status.state}>
      {LABELS[status.state]}
    </p>
  );
}
