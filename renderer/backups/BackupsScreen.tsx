// #16 backups: the Backups screen (#/backups). Lists the backups in the data
// folder (date, reason, size, the plans in each), restores one after a
// confirmation (the services back up the current file first), backs up now and
// exports every plan to one file through the save dialog.
import { useEffect, useState } from 'react';
import type { BackupSummary } from '../../shared/backups-import';
import { call, messageOf } from '../app/api';
import { navigate } from '../app/route';
import { ConfirmDialog } from '../common/ConfirmDialog';

const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function BackupsScreen() {
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  // Bumped after each action, so the list is read again.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    call('listBackups', {}).then(
      (list) => live && setBackups(list),
      (error: unknown) => live && setMessage(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [reloads]);

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const done = await work();
      if (done) setMessage(done);
      setReloads((n) => n + 1);
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  // The backup the person asked to restore, while the confirmation is open.
  const [confirming, setConfirming] = useState<BackupSummary | null>(null);

  const restore = (backup: BackupSummary) =>
    act(async () => {
      setConfirming(null);
      const result = await call('restoreBackup', { backup: backup.name });
      navigate({ view: 'library' });
      return `Restored the backup from ${when(backup.createdAt)} (${result.plans.length} plans).`;
    });

  return (
    <main className="library-main" aria-labelledby="backups-title">
      <p>
        <a href="#/">Back to the plans</a>
      </p>
      <h1 id="backups-title">Backups</h1>
      <p>JFP Studio backs up your plans when it starts, every few hours, and before every restore, update and import.</p>
      <p>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void act(async () => `Backed up to ${(await call('createBackup', {})).name}.`)}>
          Back up now
        </button>{' '}
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              const { fileName } = await call('exportAllPlans', {});
              return fileName ? `Every plan was saved to ${fileName}.` : null;
            })
          }
        >
          Export all plans
        </button>
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {backups && backups.length === 0 && <p>No backups yet.</p>}
      {backups && backups.length > 0 && (
        <table className="backups-table">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Reason</th>
              <th scope="col">Size</th>
              <th scope="col">Plans in it</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td>{when(b.createdAt)}</td>
                <td>{b.reasonLabel}</td>
                <td>{size(b.bytes)}</td>
                <td>{b.plans ? b.plans.map((p) => p.title).join(', ') || 'No plans' : b.problem}</td>
                <td>
                  <button type="button" className="button-secondary" disabled={busy || !b.plans} onClick={() => setConfirming(b)}>
                    Restore<span className="visually-hidden"> the backup from {when(b.createdAt)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Restore the backup from ${when(confirming.createdAt)}?`}
          confirmLabel="Restore this backup"
          onCancel={() => setConfirming(null)}
          onConfirm={() => void restore(confirming)}
        >
          <p>Your plans will be put back as they were in this backup. Your plans as they are now are backed up first, so you can undo this.</p>
        </ConfirmDialog>
      )}
    </main>
  );
}
