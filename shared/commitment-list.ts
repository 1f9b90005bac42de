// #11 The delivery grid's rows: a commitment as the grid shows it. The grid needs
// the computed status, its rule and reason (from the latest actual), but not every
// actual of every row: 400 rows × 20 actuals made listCommitments 2 MB. The rows
// carry how many actuals there are and the latest one; the detail view and the
// exports read the whole commitment (getCommitment, listCommitments).
import type { Actual, Commitment } from './domain';
import { latestActual } from './rag';

export interface CommitmentListItem extends Omit<Commitment, 'actuals'> {
  actualsCount: number;
  /** The most recent actual (latest date; of two on one day the one recorded last), null when none. */
  latestActual: Actual | null;
}

/** The grid's row of a whole commitment. */
export function listItemOf(commitment: Commitment): CommitmentListItem {
  const { actuals, ...rest } = commitment;
  return { ...rest, actualsCount: actuals.length, latestActual: latestActual(actuals) };
}
