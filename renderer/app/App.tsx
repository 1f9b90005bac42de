// Top level: the plan library or an open plan, chosen by the URL hash.
import { useEffect } from 'react';
import { PlanLibrary } from '../library/PlanLibrary';
import { PlanWorkspace } from '../workspace/PlanWorkspace';
import { answerFlushRequests } from './flush';
import { useRoute } from './route';

export function App() {
  const route = useRoute();
  useEffect(answerFlushRequests, []);
  return (
    <div className="app" data-app-ready="">
      {route.view === 'library' ? <PlanLibrary /> : <PlanWorkspace key={route.planId} route={route} />}
    </div>
  );
}
