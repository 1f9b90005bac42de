// #15 Health and Wellbeing Boards as their own list: each board of a plan, the
// places it covers (several, or none), and where it has got to: the draft sent,
// its opinion on the draft or the final plan, the final plan sent to it, and
// its opinion shared with NHS England. Boards are told apart by name.
import type { HwbBoard, OpinionStage, ProperAccountAnswer } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { newId, now } from './ids';
import { stringList } from './json-columns';

interface BoardRow {
  id: string;
  plan_id: string;
  position: number;
  name: string;
  places: string;
  draft_sent_on: string | null;
  received_on: string | null;
  opinion: string;
  takes_proper_account: ProperAccountAnswer;
  opinion_on: OpinionStage | null;
  shared_nhse_on: string | null;
  final_sent_on: string | null;
  updated_at: string;
}

const toBoard = (row: BoardRow): HwbBoard => ({
  id: row.id,
  position: row.position,
  board: row.name,
  places: stringList(row.places),
  draftSentOn: row.draft_sent_on,
  receivedOn: row.received_on,
  opinion: row.opinion,
  takesProperAccount: row.takes_proper_account,
  opinionOn: row.opinion_on,
  sharedWithNhseOn: row.shared_nhse_on,
  finalSentOn: row.final_sent_on,
  updatedAt: row.updated_at,
});

/** What the board form sets (the opinion is saved on its own, so an empty one can be refused). */
export interface BoardFields {
  name: string;
  places: string[];
  draftSentOn: string | null;
  sharedWithNhseOn: string | null;
  finalSentOn: string | null;
}

export interface OpinionFields {
  receivedOn: string | null;
  opinion: string;
  takesProperAccount: ProperAccountAnswer;
  opinionOn: OpinionStage;
}

export const NO_OPINION_TEXT = 'Enter what the board said before saving its opinion. To record that the draft was sent, use the board’s dates instead.';
const NOT_FOUND = 'That Health and Wellbeing Board could not be found. It may have been removed.';

/** Whether a board has given an opinion (its words are recorded). */
export const hasOpinion = (board: Pick<HwbBoard, 'opinion'>): boolean => board.opinion.trim() !== '';

export function createHwbBoardRepository(db: Db) {
  const byPlan = db.prepare<[string], BoardRow>('SELECT * FROM hwb_boards WHERE plan_id = ? ORDER BY position, name');
  const byId = db.prepare<[string], BoardRow>('SELECT * FROM hwb_boards WHERE id = ?');
  const byName = db.prepare<[string, string], BoardRow>('SELECT * FROM hwb_boards WHERE plan_id = ? AND lower(name) = lower(?)');
  const nextPosition = db.prepare<[string], { next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM hwb_boards WHERE plan_id = ?');
  const insert = db.prepare(`
    INSERT INTO hwb_boards (id, plan_id, position, name, places, draft_sent_on, shared_nhse_on, final_sent_on, created_at, updated_at)
    VALUES (@id, @planId, @position, @name, @places, @draftSentOn, @sharedWithNhseOn, @finalSentOn, @at, @at)`);
  const update = db.prepare(`
    UPDATE hwb_boards SET name = @name, places = @places, draft_sent_on = @draftSentOn, shared_nhse_on = @sharedWithNhseOn,
      final_sent_on = @finalSentOn, updated_at = @at WHERE id = @id`);
  const setOpinion = db.prepare(`
    UPDATE hwb_boards SET received_on = @receivedOn, opinion = @opinion, takes_proper_account = @takesProperAccount,
      opinion_on = @opinionOn, updated_at = @at WHERE id = @id`);
  const clearOpinion = db.prepare(`
    UPDATE hwb_boards SET received_on = NULL, opinion = '', takes_proper_account = 'not_stated', opinion_on = NULL, shared_nhse_on = NULL,
      updated_at = @at WHERE id = @id`);
  const remove = db.prepare('DELETE FROM hwb_boards WHERE id = ?');

  function row(boardId: string): BoardRow {
    const found = byId.get(boardId);
    if (!found) throw new JfpError('not_found', NOT_FOUND);
    return found;
  }

  function checkName(planId: string, name: string, except?: string): void {
    const same = byName.get(planId, name);
    if (same && same.id !== except) throw new JfpError('invalid_input', `This plan already has a board called "${same.name}".`);
  }

  const repo = {
    /** The plan's boards, in their order. */
    list: (planId: string): HwbBoard[] => byPlan.all(planId).map(toBoard),
    get: (boardId: string): HwbBoard => toBoard(row(boardId)),
    planOf: (boardId: string): string => row(boardId).plan_id,
    /** The board of this name (any case), or null. */
    findByName: (planId: string, name: string): HwbBoard | null => {
      const found = byName.get(planId, name);
      return found ? toBoard(found) : null;
    },
    add(planId: string, fields: BoardFields): HwbBoard {
      checkName(planId, fields.name);
      const id = newId();
      insert.run({ id, planId, position: nextPosition.get(planId)!.next, ...fields, places: JSON.stringify(fields.places), at: now() });
      return toBoard(row(id));
    },
    update(boardId: string, fields: BoardFields): HwbBoard {
      const current = row(boardId);
      checkName(current.plan_id, fields.name, boardId);
      if (fields.sharedWithNhseOn && current.opinion.trim() === '') {
        throw new JfpError('invalid_input', 'Record the board’s opinion before the date it was shared with NHS England.');
      }
      update.run({ id: boardId, ...fields, places: JSON.stringify(fields.places), at: now() });
      return toBoard(row(boardId));
    },
    /** Records the board's opinion; an empty one is refused (it is not an opinion). */
    saveOpinion(boardId: string, fields: OpinionFields): HwbBoard {
      row(boardId);
      const opinion = fields.opinion.trim();
      if (!opinion) throw new JfpError('invalid_input', NO_OPINION_TEXT);
      setOpinion.run({ id: boardId, ...fields, opinion, at: now() });
      return toBoard(row(boardId));
    },
    /** Takes back an opinion recorded by mistake (and so its sharing with NHS England). */
    clearOpinion(boardId: string): HwbBoard {
      row(boardId);
      clearOpinion.run({ id: boardId, at: now() });
      return toBoard(row(boardId));
    },
    delete(boardId: string): void {
      row(boardId);
      remove.run(boardId);
    },
    /** A new plan's boards: one per place, as the template assumes, each renamable and re-assignable later. Call inside write. */
    addForPlaces(planId: string, places: readonly string[]): void {
      for (const place of places) {
        if (!place.trim() || byName.get(planId, place)) continue;
        repo.add(planId, { name: place, places: [place], draftSentOn: null, sharedWithNhseOn: null, finalSentOn: null });
      }
    },
  };
  return repo;
}

export type HwbBoardRepository = ReturnType<typeof createHwbBoardRepository>;
