// #15 The plan's engagement record: each activity (dates, method, audience,
// reach, partners, what was heard), in the order the team keeps them.
import type { EngagementActivity } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { newId, now } from './ids';

interface ActivityRow {
  id: string;
  plan_id: string;
  position: number;
  starts_on: string | null;
  ends_on: string | null;
  method: string;
  audience: string;
  reach: number | null;
  partners: string;
  heard: string;
  updated_at: string;
}

const toActivity = (r: ActivityRow): EngagementActivity => ({
  id: r.id,
  planId: r.plan_id,
  position: r.position,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  method: r.method,
  audience: r.audience,
  reach: r.reach,
  partners: r.partners,
  heard: r.heard,
  updatedAt: r.updated_at,
});

export type ActivityFields = Pick<EngagementActivity, 'startsOn' | 'endsOn' | 'method' | 'audience' | 'reach' | 'partners' | 'heard'>;

const NOT_FOUND = 'That engagement activity could not be found. It may have been deleted.';

/** Refuses an activity that would read wrongly in the plan: no method, or an end before its start. */
export function checkActivity(fields: ActivityFields): void {
  if (!fields.method.trim()) throw new JfpError('invalid_input', 'Say how people were engaged (for example "Online survey").');
  if (fields.startsOn && fields.endsOn && fields.endsOn < fields.startsOn) throw new JfpError('invalid_input', 'The end date is before the start date.');
  if (fields.endsOn && !fields.startsOn) throw new JfpError('invalid_input', 'Enter the start date as well as the end date.');
}

export function createEngagementRepository(db: Db) {
  const byPlan = db.prepare<[string], ActivityRow>('SELECT * FROM engagement_activities WHERE plan_id = ? ORDER BY position, starts_on, created_at');
  const byId = db.prepare<[string], ActivityRow>('SELECT * FROM engagement_activities WHERE id = ?');
  const nextPosition = db.prepare<[string], { next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM engagement_activities WHERE plan_id = ?');
  const insert = db.prepare(`
    INSERT INTO engagement_activities (id, plan_id, position, starts_on, ends_on, method, audience, reach, partners, heard, created_at, updated_at)
    VALUES (@id, @planId, @position, @startsOn, @endsOn, @method, @audience, @reach, @partners, @heard, @at, @at)`);
  const update = db.prepare(`
    UPDATE engagement_activities SET starts_on = @startsOn, ends_on = @endsOn, method = @method, audience = @audience, reach = @reach,
      partners = @partners, heard = @heard, updated_at = @at WHERE id = @id`);
  const remove = db.prepare('DELETE FROM engagement_activities WHERE id = ?');

  function row(activityId: string): ActivityRow {
    const found = byId.get(activityId);
    if (!found) throw new JfpError('not_found', NOT_FOUND);
    return found;
  }

  return {
    list: (planId: string): EngagementActivity[] => byPlan.all(planId).map(toActivity),
    planOf: (activityId: string): string => row(activityId).plan_id,
    add(planId: string, fields: ActivityFields): EngagementActivity {
      checkActivity(fields);
      const id = newId();
      insert.run({ id, planId, position: nextPosition.get(planId)!.next, ...fields, at: now() });
      return toActivity(row(id));
    },
    update(activityId: string, fields: ActivityFields): EngagementActivity {
      row(activityId);
      checkActivity(fields);
      update.run({ id: activityId, ...fields, at: now() });
      return toActivity(row(activityId));
    },
    delete(activityId: string): void {
      row(activityId);
      remove.run(activityId);
    },
  };
}
