// #11 The delivery grid's rows: a commitment as the grid shows it. The grid needs
// the computed status and its reason (from the latest actual), but not every
// actual of every row: 400 rows × 20 actuals made listCommitments 2 MB. The rows
// carry how many actuals there are and the latest one's date, value and source;
// the rule of the computed status is the same sentence for every row (RAG_RULE),
// so it is not repeated 400 times. The detail view and the exports read the whole
// commitment (getCommitment, listCommitments).
import type { Actual, Commitment, RagAssessment } from './domain';
import { latestActual } from './rag';

export interface CommitmentListItem extends Omit<Commitment, 'actuals' | 'ragComputed'> {
  /** The computed status and why; its rule is RAG_RULE (shared/rag.ts). */
  ragComputed: Omit<RagAssessment, 'rule'>;
  actualsCount: number;
  /** The most recent actual (latest date; of two on one day the one recorded last), null when none. */
  latestActual: Pick<Actual, 'date' | 'value' | 'source'> | null;
}

/** The grid's row of a whole commitment. */
export function listItemOf(commitment: Commitment): CommitmentListItem {
  const {
    actuals,
    ragComputed: { status, reason },
    ...rest
  } = commitment;
  const latest = latestActual(actuals);
  return {
    ...rest,
    ragComputed: { status, reason },
    actualsCount: actuals.length,
    latestActual: latest && { date: latest.date, value: latest.value, source: latest.source },
  };
}
