// The list of backups the Backups screen and the recovery screen both show:
// when each was taken, why, (its size,) the plans in it, and a Restore button
// named for the backup, so a screen reader hears which one it restores. It is
// styled as the other list tables (.register): it had no table styling of its own.
import type { BackupSummary } from '../../shared/backups-import';
import { TableHead } from '../common/TableHead';

export const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The plans in a backup, by title; for one that cannot be restored, why not. */
export const plansIn = (b: BackupSummary) => (b.plans ? b.plans.map((p) => p.title).join(', ') || 'No plans' : (b.problem ?? 'It cannot be read.'));

export function BackupsTable({
  backups,
  showSize,
  busy,
  onRestore,
}: {
  backups: readonly BackupSummary[];
  showSize: boolean;
  busy: boolean;
  onRestore: (backup: BackupSummary) => void;
}) {
  return (
    <table className="backups-table register">
      <TableHead columns={showSize ? ['Taken', 'Reason', 'Size', 'Plans in it'] : ['Taken', 'Reason', 'Plans in it']} />
      <tbody>
        {backups.map((b) => (
          <tr key={b.name}>
            <td>{when(b.createdAt)}</td>
            <td>{b.reasonLabel}</td>
            {showSize && <td>{size(b.bytes)}</td>}
            <td>{plansIn(b)}</td>
            <td>
              <button type="button" className="button-secondary" disabled={busy || !b.plans} onClick={() => onRestore(b)}>
                Restore<span className="visually-hidden"> the backup from {when(b.createdAt)}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
