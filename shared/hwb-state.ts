// #15 Where a Health and Wellbeing Board has got to with the plan, and the
// counts as English: the HWB tab, `jfp hwb`, readiness and the export's
// appendix all say it the same way.
import type { HwbBoard } from './domain';

export type BoardState = 'not_sent' | 'awaiting' | 'opinion_on_draft' | 'opinion_on_final';

/** Whether the board's opinion is recorded (its words; an empty opinion cannot be saved). */
export const opinionGiven = (board: Pick<HwbBoard, 'opinion'>): boolean => board.opinion.trim() !== '';

export function boardState(board: Pick<HwbBoard, 'opinion' | 'opinionOn' | 'draftSentOn'>): BoardState {
  if (opinionGiven(board)) return board.opinionOn === 'final' ? 'opinion_on_final' : 'opinion_on_draft';
  return board.draftSentOn ? 'awaiting' : 'not_sent';
}

export const BOARD_STATE_LABELS: Record<BoardState, string> = {
  not_sent: 'Draft not sent',
  awaiting: 'Awaiting opinion',
  opinion_on_draft: 'Opinion on the draft',
  opinion_on_final: 'Opinion on the final plan',
};

/** "1 of 3 boards has given its opinion", "2 of 3 boards have given their opinion", "1 of 1 board has given its opinion". */
export function opinionsGivenSentence(given: number, total: number): string {
  const noun = total === 1 ? 'board' : 'boards';
  return `${given} of ${total} ${noun} ${given === 1 ? 'has given its opinion' : 'have given their opinion'}`;
}

/** "1 board", "3 boards". */
export const boardCount = (n: number): string => `${n} ${n === 1 ? 'board' : 'boards'}`;
