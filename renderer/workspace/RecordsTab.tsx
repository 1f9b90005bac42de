// #15 part 2: the plan's records beside its text, one tab each: engagement,
// the integrated care strategy, publication.
import { EngagementRecord } from '../engagement/EngagementRecord';
import { PublicationRecord } from '../publication/PublicationRecord';
import { StrategyPriorities } from '../strategy/StrategyPriorities';
import { useOpenPlan, useSections } from './open-plan';

export function RecordsTab({ tab }: { tab: 'engagement' | 'strategy' | 'publication' }) {
  const { planId } = useOpenPlan();
  const sections = useSections();
  return (
    <main className="commitments-pane">
      {tab === 'engagement' ? (
        <EngagementRecord planId={planId} />
      ) : tab === 'strategy' ? (
        <StrategyPriorities planId={planId} sections={sections} />
      ) : (
        <PublicationRecord planId={planId} />
      )}
    </main>
  );
}
