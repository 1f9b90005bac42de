// Top level: the plan library or an open plan, chosen by the URL hash, the
// app's live region, and what the application menu asks for.
import { useEffect, useState } from 'react';
import type { RecoveryState } from '../../shared/backups-import';
import { BackupsScreen } from '../backups/BackupsScreen'; // #16
import { RecoveryScreen } from '../backups/RecoveryScreen'; // #16
import { ImportWordScreen } from '../import/ImportWordScreen'; // #16
import { PlanLibrary } from '../library/PlanLibrary';
import { PlanWorkspace } from '../workspace/PlanWorkspace';
import { LIVE_REGION_ID } from './announce';
import { answerFlushRequests } from './flush';
import { applyTheme, savedTheme, ShortcutsDialog, useMenuCommands } from './menu-commands';
import { call } from './api';
import { navigate, useRoute } from './route';

export function App() {
  const route = useRoute();
  useEffect(answerFlushRequests, []);
  useEffect(() => applyTheme(savedTheme()), []);
  const { shortcutsOpen, closeShortcuts } = useMenuCommands();
  // #16 recovery: a database found damaged at start shows the recovery screen until the person chooses.
  const [recovery, setRecovery] = useState<RecoveryState | null>(null);
  useEffect(() => {
    call('getRecoveryState', {}).then(setRecovery, () => setRecovery({ state: 'ok' }));
  }, []);
  if (recovery === null) return <div className="app" />;
  return (
    <div className="app" data-app-ready="">
      {recovery.state === 'damaged' ? (
        <RecoveryScreen
          state={recovery}
          onRecovered={() => {
            setRecovery({ state: 'ok' });
            navigate({ view: 'library' });
          }}
        />
      ) : route.view === 'library' ? (
        <PlanLibrary />
      ) : route.view === 'backups' ? (
        <BackupsScreen /> // #16
      ) : route.view === 'import-word' ? (
        <ImportWordScreen /> // #16
      ) : (
        <PlanWorkspace key={route.planId} route={route} />
      )}
      {shortcutsOpen && <ShortcutsDialog onClose={closeShortcuts} />}
      {/* Filled by announce(): changes a screen reader user cannot see happen. */}
      <div id={LIVE_REGION_ID} className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" />
    </div>
  );
}
