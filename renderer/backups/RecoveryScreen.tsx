// #16 recovery: shown instead of everything else when the services found the
// plan database damaged at start (getRecoveryState). Says where the damaged
// file was kept, and offers the newest good backup, another backup, another
// .db file to open, or an empty database (recoverDatabase); the app then shows the plan library.
import { useState } from 'react';
import type { RecoveryState } from '../../shared/backups-import';
import { call, messageOf } from '../app/api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { BackupsTable, plansIn, when } from './BackupsTable';

type Damaged = Extract<RecoveryState, { state: 'damaged' }>;

export function RecoveryScreen({ state, onRecovered }: { state: Damaged; onRecovered: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [newest, ...others] = state.backups;
  // Starting empty hides every plan until a backup is restored: asked first, as a slip of the mouse would be costly.
  const [confirmingEmpty, setConfirmingEmpty] = useState(false);

  const recover = async (input: { choice: 'backup'; backup: string } | { choice: 'file' } | { choice: 'empty' }) => {
    setBusy(true);
    setMessage('');
    try {
      const { recovered } = await call('recoverDatabase', input);
      if (recovered) onRecovered();
      else setBusy(false);
    } catch (error) {
      setMessage(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <main className="library-main" aria-labelledby="recovery-title">
      <h1 id="recovery-title">Your plan database was damaged</h1>
      <p>{state.message}</p>
      {state.movedTo && (
        <p>
          The damaged file is kept at <code>{state.movedTo}</code>. JFP Studio will not change or delete it.
        </p>
      )}
      <p role="alert">{message}</p>
      {newest ? (
        <section aria-labelledby="recovery-newest">
          <h2 id="recovery-newest">Newest good backup</h2>
          <p>
            Taken {when(newest.createdAt)} ({newest.reasonLabel.toLowerCase()}). Plans in it: {plansIn(newest)}.
          </p>
          <p>
            <button type="button" disabled={busy} onClick={() => void recover({ choice: 'backup', backup: newest.name })}>
              Restore the newest backup
            </button>
          </p>
        </section>
      ) : (
        <p>There is no good backup to restore.</p>
      )}
      {others.length > 0 && (
        <section aria-labelledby="recovery-others">
          <h2 id="recovery-others">Other backups</h2>
          <BackupsTable backups={others} showSize={false} busy={busy} onRestore={(b) => void recover({ choice: 'backup', backup: b.name })} />
        </section>
      )}
      <section aria-labelledby="recovery-file">
        <h2 id="recovery-file">Another file</h2>
        <p>Open a plan database saved elsewhere, such as one from “Export all plans”. It is checked first and copied in; the file you choose is not changed.</p>
        <p>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void recover({ choice: 'file' })}>
            Open another file…
          </button>
        </p>
      </section>
      <section aria-labelledby="recovery-empty">
        <h2 id="recovery-empty">Start again</h2>
        <p>Start with an empty database. The damaged file and your backups stay where they are.</p>
        <p>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirmingEmpty(true)}>
            Start with an empty database
          </button>
        </p>
      </section>
      {confirmingEmpty && (
        <ConfirmDialog
          title="Start with an empty database?"
          confirmLabel="Start with no plans"
          onCancel={() => setConfirmingEmpty(false)}
          onConfirm={() => {
            setConfirmingEmpty(false);
            void recover({ choice: 'empty' });
          }}
        >
          <p>
            You will see no plans until you restore a backup from the Backups screen. The damaged file and your backups are kept
            {newest ? `; the newest good backup is from ${when(newest.createdAt)}` : ''}.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}
