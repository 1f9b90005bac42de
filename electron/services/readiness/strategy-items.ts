// #15 Readiness: the plan says how the NHS will deliver the integrated care
// strategy, so each of the strategy's priorities must be delivered by at least
// one section or commitment.
import type { ReadinessItem } from '../../../shared/domain';
import type { ReadinessProvider } from './provider';

export const strategyItems: ReadinessProvider = (store, planId) => {
  const priorities = store.strategy.list(planId, store.priorities.list(planId)).filter((p) => p.fromStrategy);
  if (priorities.length === 0) {
    return [
      {
        id: 'strategy:entered',
        group: 'strategy',
        label: 'Enter the priorities of the integrated care strategy',
        detail: 'No priorities of the Integrated Care Partnership’s strategy are recorded, so the plan cannot show how it delivers them.',
        done: false,
        blocking: false,
        fix: { tab: 'strategy' },
      },
    ];
  }
  return priorities.map((p): ReadinessItem => {
    const delivered = p.sectionIds.length + p.commitmentIds.length > 0;
    const parts = [
      p.sectionIds.length ? `${p.sectionIds.length} ${p.sectionIds.length === 1 ? 'section' : 'sections'}` : '',
      p.commitmentIds.length ? `${p.commitmentIds.length} ${p.commitmentIds.length === 1 ? 'commitment' : 'commitments'}` : '',
    ].filter(Boolean);
    return {
      id: `strategy:${p.id}`,
      group: 'strategy',
      label: `Show how the plan delivers the strategy priority “${p.title}”`,
      detail: delivered ? `Delivered by ${parts.join(' and ')}.` : 'No section or commitment delivers this priority yet.',
      done: delivered,
      blocking: false,
      fix: { tab: 'strategy' },
    };
  });
};
