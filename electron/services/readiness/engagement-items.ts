// #15 Readiness: the plan must describe the engagement it did, so at least one
// activity is recorded, and each says what was heard.
import type { ReadinessItem } from '../../../shared/domain';
import { summariseEngagement } from '../export/model/plan-records';
import type { ReadinessProvider } from './provider';

export const engagementItems: ReadinessProvider = (store, planId) => {
  const activities = store.engagement.list(planId);
  const items: ReadinessItem[] = [
    {
      id: 'engagement:recorded',
      group: 'engagement',
      label: 'Record the engagement that shaped the plan',
      detail: summariseEngagement(activities).sentence,
      done: activities.length > 0,
      blocking: false,
      fix: { tab: 'engagement' },
    },
  ];
  const silent = activities.filter((a) => !a.heard.trim());
  if (activities.length > 0) {
    items.push({
      id: 'engagement:heard',
      group: 'engagement',
      label: 'Say what was heard at each engagement activity',
      detail: silent.length
        ? `${silent.length} of ${activities.length} activities ${silent.length === 1 ? 'has' : 'have'} no summary of what was heard: ${silent.map((a) => a.method).join(', ')}.`
        : 'Every activity has a summary.',
      done: silent.length === 0,
      blocking: false,
      fix: { tab: 'engagement' },
    });
  }
  return items;
};
