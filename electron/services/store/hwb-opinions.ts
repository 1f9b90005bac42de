// Health and Wellbeing Board opinions: every board of the plan (its places) has
// a row, received or still outstanding. The final plan must include each one.
import type { HwbOpinion, ProperAccountAnswer } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { now } from './ids';

interface OpinionRow {
  board: string;
  received_on: string | null;
  opinion: string;
  takes_proper_account: ProperAccountAnswer;
  updated_at: string;
}

export function createHwbOpinionRepository(db: Db) {
  const rows = db.prepare<[string], OpinionRow>('SELECT * FROM hwb_opinions WHERE plan_id = ?');
  const upsert = db.prepare(`
    INSERT INTO hwb_opinions (plan_id, board, received_on, opinion, takes_proper_account, updated_at)
    VALUES (@planId, @board, @receivedOn, @opinion, @takesProperAccount, @at)
    ON CONFLICT (plan_id, board) DO UPDATE SET received_on = excluded.received_on, opinion = excluded.opinion,
      takes_proper_account = excluded.takes_proper_account, updated_at = excluded.updated_at`);

  /** One entry per board of the plan, in the plan's order; boards with no opinion yet are outstanding. */
  function list(planId: string, boards: string[]): HwbOpinion[] {
    const saved = new Map(rows.all(planId).map((r) => [r.board, r]));
    return boards.map((board) => {
      const row = saved.get(board);
      return {
        board,
        receivedOn: row?.received_on ?? null,
        opinion: row?.opinion ?? '',
        takesProperAccount: row?.takes_proper_account ?? 'not_stated',
        updatedAt: row?.updated_at ?? null,
      };
    });
  }

  return {
    list,
    save(planId: string, boards: string[], input: Omit<HwbOpinion, 'updatedAt'>): HwbOpinion {
      if (!boards.includes(input.board)) {
        throw new JfpError('invalid_input', `"${input.board}" is not one of this plan's Health and Wellbeing Boards. Add it to the plan's places first.`);
      }
      upsert.run({ planId, board: input.board, receivedOn: input.receivedOn, opinion: input.opinion, takesProperAccount: input.takesProperAccount, at: now() });
      return list(planId, boards).find((o) => o.board === input.board)!;
    },
  };
}
