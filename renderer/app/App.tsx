// Top level: the plan library or an open plan, chosen by the URL hash.
import { useEffect } from 'react';
import { PlanLibrary } from '../library/PlanLibrary';
import { PlanWorkspace } from '../workspace/PlanWorkspace';
import { LIVE_REGION_ID } from './announce';
import { answerFlushRequests } from './flush';
import { useRoute } from './route';

export function App() {
  const route = useRoute();
  useEffect(answerFlushRequests, []);
  return (
    <div className="app" data-app-ready="">
      {route.view === 'library' ? <PlanLibrary /> : <PlanWorkspace key={route.planId} route={route} />}
      {/* Filled by announce(): changes a screen reader user cannot see happen. */}
      <div id={LIVE_REGION_ID} className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" />
    </div>
  );
}
