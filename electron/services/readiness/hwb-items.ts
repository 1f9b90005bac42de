// #15 Readiness: each Health and Wellbeing Board's opinion (the final plan must
// include a statement of each one) and, once given, its sharing with NHS England.
// Exact legal references are carried by the statutory checklist (template data).
import type { ReadinessItem } from '../../../shared/domain';
import { boardState, opinionGiven } from '../../../shared/hwb-state';
import { formatLongDate } from '../export/house-style';
import type { ReadinessProvider } from './provider';

export const hwbItems: ReadinessProvider = (store, planId) => {
  const boards = store.opinions.list(planId);
  if (boards.length === 0) {
    return [
      {
        id: 'hwb:none',
        group: 'hwb',
        label: 'Record the Health and Wellbeing Boards the plan is sent to',
        detail: 'No Health and Wellbeing Boards are recorded for this plan.',
        done: false,
        blocking: true,
        fix: { tab: 'opinions' },
      },
    ];
  }
  const items: ReadinessItem[] = [];
  for (const board of boards) {
    const state = boardState(board);
    const detail =
      state === 'not_sent'
        ? 'The draft has not been sent to the board.'
        : state === 'awaiting'
          ? `The draft was sent${board.draftSentOn ? ` on ${formatLongDate(board.draftSentOn)}` : ''}; no opinion is recorded yet.`
          : `Opinion on the ${state === 'opinion_on_final' ? 'final' : 'draft'} plan recorded${board.receivedOn ? ` (received ${formatLongDate(board.receivedOn)})` : ''}.`;
    items.push({
      id: `hwb:${board.id}`,
      group: 'hwb',
      label: `Include the opinion of ${board.board}`,
      detail,
      done: opinionGiven(board),
      blocking: true,
      fix: { tab: 'opinions' },
    });
    if (opinionGiven(board)) {
      items.push({
        id: `hwb:${board.id}:nhse`,
        group: 'hwb',
        label: `Share the opinion of ${board.board} with NHS England`,
        detail: board.sharedWithNhseOn ? `Shared on ${formatLongDate(board.sharedWithNhseOn)}.` : 'Not yet recorded as shared with NHS England.',
        done: board.sharedWithNhseOn !== null,
        blocking: false,
        fix: { tab: 'opinions' },
      });
    }
  }
  return items;
};
