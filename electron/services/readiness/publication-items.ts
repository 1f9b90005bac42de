// #15 Readiness: once final, the plan is published and sent to the Integrated
// Care Partnership, each Health and Wellbeing Board and NHS England.
import type { ReadinessItem } from '../../../shared/domain';
import { formatLongDate } from '../export/house-style';
import type { ReadinessProvider } from './provider';

const sent = (date: string | null) => (date ? `Sent on ${formatLongDate(date)}.` : 'Not yet recorded as sent.');

export const publicationItems: ReadinessProvider = (store, planId) => {
  const record = store.publication.get(planId);
  const items: ReadinessItem[] = [
    {
      id: 'publication:published',
      group: 'publication',
      label: 'Publish the plan',
      detail: record.publishedOn
        ? `Published on ${formatLongDate(record.publishedOn)}${record.webAddress ? ` at ${record.webAddress}` : ''}.`
        : 'No publication date is recorded.',
      done: record.publishedOn !== null && record.webAddress !== '',
      blocking: false,
      fix: { tab: 'publication' },
    },
    {
      id: 'publication:icp',
      group: 'publication',
      label: 'Send the plan to the Integrated Care Partnership',
      detail: sent(record.sentToIcpOn),
      done: record.sentToIcpOn !== null,
      blocking: false,
      fix: { tab: 'publication' },
    },
    {
      id: 'publication:nhse',
      group: 'publication',
      label: 'Send the plan to NHS England',
      detail: sent(record.sentToNhseOn),
      done: record.sentToNhseOn !== null,
      blocking: false,
      fix: { tab: 'publication' },
    },
  ];
  for (const board of store.opinions.list(planId)) {
    items.push({
      id: `publication:hwb:${board.id}`,
      group: 'publication',
      label: `Send the plan to ${board.board}`,
      detail: sent(board.finalSentOn),
      done: board.finalSentOn !== null,
      blocking: false,
      fix: { tab: 'publication' },
    });
  }
  return items;
};
