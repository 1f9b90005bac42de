// #11 A plan's priorities: the integrated care strategy's and the plan's own
// ("Start well, Live well, Age well"), each with the governance group that
// oversees it. Commitments link to one; its title is copied onto them so the
// search index finds a commitment by its priority.
import type { Priority } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { newId, now } from './ids';

interface PriorityRow {
  id: string;
  plan_id: string;
  position: number;
  title: string;
  description: string;
  source: string;
  governance_group: string;
  revision: number;
}

const toPriority = (row: PriorityRow): Priority => ({
  id: row.id,
  planId: row.plan_id,
  position: row.position,
  title: row.title,
  description: row.description,
  source: row.source,
  governanceGroup: row.governance_group,
  revision: row.revision,
});

const NOT_FOUND = 'That priority could not be found. It may have been deleted.';
const COLUMNS = 'id, plan_id, position, title, description, source, governance_group, revision';

export interface PriorityFields {
  title: string;
  description: string;
  source: string;
  governanceGroup: string;
}

export function createPriorityRepository(db: Db) {
  const list = db.prepare<[string], PriorityRow>(`SELECT ${COLUMNS} FROM plan_priorities WHERE plan_id = ? ORDER BY position, created_at`);
  const byId = db.prepare<[string], PriorityRow>(`SELECT ${COLUMNS} FROM plan_priorities WHERE id = ?`);
  const byTitle = db.prepare<[string, string], PriorityRow>(`SELECT ${COLUMNS} FROM plan_priorities WHERE plan_id = ? AND lower(title) = lower(?)`);
  const nextPosition = db.prepare<[string], { next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM plan_priorities WHERE plan_id = ?');
  const insert = db.prepare(`
    INSERT INTO plan_priorities (id, plan_id, position, title, description, source, governance_group, created_at, updated_at)
    VALUES (@id, @planId, @position, @title, @description, @source, @governanceGroup, @at, @at)`);
  const update = db.prepare(`
    UPDATE plan_priorities SET title = @title, description = @description, source = @source, governance_group = @governanceGroup,
      revision = revision + 1, updated_at = @at WHERE id = @id AND revision = @revision`);
  const copyTitle = db.prepare('UPDATE commitments SET priority = ? WHERE priority_id = ? AND priority <> ?');
  const unlink = db.prepare("UPDATE commitments SET priority_id = NULL, priority = '' WHERE priority_id = ?");
  const remove = db.prepare('DELETE FROM plan_priorities WHERE id = ?');
  const idsInOrder = db.prepare<[string], { id: string }>('SELECT id FROM plan_priorities WHERE plan_id = ? ORDER BY position, created_at');
  const setPosition = db.prepare('UPDATE plan_priorities SET position = ? WHERE id = ? AND position <> ?');

  function getRow(priorityId: string): PriorityRow {
    const row = byId.get(priorityId);
    if (!row) throw new JfpError('not_found', NOT_FOUND);
    return row;
  }

  /** Two priorities of one plan with the same title (any case) could not be told apart in the table or an import. */
  function checkTitle(planId: string, title: string, except?: string): void {
    const same = byTitle.get(planId, title);
    if (same && same.id !== except) throw new JfpError('invalid_input', `This plan already has a priority called "${same.title}".`);
  }

  function add(planId: string, fields: Partial<PriorityFields> & { title: string }): Priority {
    checkTitle(planId, fields.title);
    const id = newId();
    insert.run({ id, planId, position: nextPosition.get(planId)!.next, description: '', source: '', governanceGroup: '', ...fields, at: now() });
    return toPriority(getRow(id));
  }

  return {
    list: (planId: string): Priority[] => list.all(planId).map(toPriority),
    get: (priorityId: string): Priority => toPriority(getRow(priorityId)),
    planOf: (priorityId: string): string => getRow(priorityId).plan_id,
    findById: (priorityId: string): Priority | null => {
      const row = byId.get(priorityId);
      return row ? toPriority(row) : null;
    },
    /** The plan's priority with this title (any case), if there is one. */
    findByTitle: (planId: string, title: string): Priority | null => {
      const row = byTitle.get(planId, title.trim());
      return row ? toPriority(row) : null;
    },
    add,
    /** The priority with this title, added when the plan has none (typed priorities, imports, the sample). */
    ensure(planId: string, title: string): Priority {
      const row = byTitle.get(planId, title.trim());
      return row ? toPriority(row) : add(planId, { title: title.trim() });
    },
    update(priorityId: string, revision: number, fields: Partial<PriorityFields>): Priority {
      const current = getRow(priorityId);
      if (current.revision !== revision) {
        throw new JfpError(
          'conflict',
          'This priority was changed elsewhere since you opened it. Reload the priorities to see the latest version, then make your change again.',
        );
      }
      const next = {
        title: fields.title ?? current.title,
        description: fields.description ?? current.description,
        source: fields.source ?? current.source,
        governanceGroup: fields.governanceGroup ?? current.governance_group,
      };
      if (next.title.toLowerCase() !== current.title.toLowerCase()) checkTitle(current.plan_id, next.title, priorityId);
      update.run({ id: priorityId, revision, ...next, at: now() });
      if (next.title !== current.title) copyTitle.run(next.title, priorityId, next.title);
      return toPriority(getRow(priorityId));
    },
    /** Deletes the priority; its commitments stay, linked to no priority. */
    delete(priorityId: string): void {
      const row = getRow(priorityId);
      unlink.run(priorityId);
      remove.run(priorityId);
      idsInOrder.all(row.plan_id).forEach(({ id }, position) => setPosition.run(position, id, position));
    },
  };
}

export type PriorityRepository = ReturnType<typeof createPriorityRepository>;
