// #16 backups: the Backups screen (#/backups). Lists the backups in the data
// folder (date, reason, size, the plans in each), restores one after a
// confirmation (the services back up the current file first), backs up now and
// exports every plan to one file through the save dialog.
import { useEffect, useState } from 'react';
import type { BackupSummary } from '../../shared/backups-import';
import { call, messageOf } from '../app/api';
import { navigate } from '../app/route';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { BackupsTable, when } from './BackupsTable';

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
      {backups && backups.length > 0 && <BackupsTable backups={backups} showSize busy={busy} onRestore={setConfirming} />}
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
