// Each plan's audit trail: status changes, sign-off, versions, exports, review
// packs. Append-only: rows are added with the acting user (from the profile) and
// never changed; they go when the plan is deleted.
import type { PlanEvent, PlanEventKind } from '../../../shared/domain';
import type { Db } from './database';
import { newId, now } from './ids';
import { isObject, jsonColumn } from './json-columns';
import type { ProfileRepository } from './profile';

interface EventRow {
  id: string;
  plan_id: string;
  at: string;
  kind: string;
  actor: string;
  summary: string;
  detail: string;
}

/** The longest summary kept; longer ones are cut with an ellipsis (the detail keeps the rest). */
const MAX_SUMMARY = 2000;

export function createPlanEventRepository(db: Db, profile: ProfileRepository) {
  const insert = db.prepare('INSERT INTO plan_events (id, plan_id, at, kind, actor, summary, detail) VALUES (@id, @planId, @at, @kind, @actor, @summary, @detail)');
  const byPlan = db.prepare<[string, number], EventRow>('SELECT * FROM plan_events WHERE plan_id = ? ORDER BY at DESC, rowid DESC LIMIT ?');

  return {
    /** Records one event on the plan, credited to the app's user. Call inside the write that made the change. */
    record(planId: string, kind: PlanEventKind, summary: string, detail: Record<string, unknown> = {}): PlanEvent {
      const text = summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary;
      const row = { id: newId(), planId, at: now(), kind, actor: profile.actor(), summary: text, detail: JSON.stringify(detail) };
      insert.run(row);
      return { id: row.id, planId, at: row.at, kind, actor: row.actor, summary: text, detail };
    },
    /** The plan's events, newest first (at most `limit`). */
    list(planId: string, limit = 500): PlanEvent[] {
      return byPlan.all(planId, limit).map((r) => ({
        id: r.id,
        planId: r.plan_id,
        at: r.at,
        kind: r.kind as PlanEventKind,
        actor: r.actor,
        summary: r.summary,
        // Text that is not a JSON object (another program's edit) reads as no detail.
        detail: jsonColumn(r.detail, {}, isObject),
      }));
    },
  };
}

export type PlanEventRepository = ReturnType<typeof createPlanEventRepository>;
