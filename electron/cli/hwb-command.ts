// #15 `jfp hwb PLAN`: where each Health and Wellbeing Board has got to with the
// plan, one line each, under a count in English ("1 of 3 boards has given its opinion").
import type { HwbBoard } from '../../shared/domain';
import { BOARD_STATE_LABELS, boardState, opinionGiven, opinionsGivenSentence } from '../../shared/hwb-state';
import type { CliCommand } from './command';
import { renderTable } from './text-layout';

const day = (iso: string | null) => iso ?? '-';

/** The board's latest step, in words: what the STATE column shows. */
export function boardLine(board: HwbBoard): string {
  const state = boardState(board);
  const label = BOARD_STATE_LABELS[state];
  if (state === 'awaiting' && board.draftSentOn) return `${label} (draft sent ${board.draftSentOn})`;
  if (opinionGiven(board) && board.receivedOn) return `${label} (received ${board.receivedOn})`;
  return label;
}

export const hwbCommand: CliCommand = {
  name: 'hwb',
  summary: "Show each Health and Wellbeing Board's opinion and dates",
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const boards = await context.call('listHwbOpinions', { planId: plan.id });
    if (boards.length === 0) return { json: boards, text: `"${plan.title}" has no Health and Wellbeing Boards recorded.` };
    const given = boards.filter(opinionGiven).length;
    const table = renderTable<HwbBoard>(boards, [
      { heading: 'BOARD', value: (b) => b.board, max: 40 },
      { heading: 'PLACES', value: (b) => b.places.join(', ') || '-', max: 30 },
      { heading: 'STATE', value: boardLine, max: 50 },
      { heading: 'SHARED WITH NHS ENGLAND', value: (b) => day(b.sharedWithNhseOn) },
    ]);
    return { json: boards, text: `${opinionsGivenSentence(given, boards.length)}.\n\n${table}` };
  },
};
