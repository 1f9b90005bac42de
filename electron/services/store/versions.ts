// #16 versions: whole-plan snapshots and putting a plan back as a snapshot had it.
//
// A snapshot holds the plan's rows as they are stored (SELECT *), not the API's
// shapes: restoring then writes the same columns back, so a column a later
// migration adds is carried without this file changing, and a snapshot from an
// older schema restores what it has (missing columns keep the current value).
// It is one JSON document, gzip-compressed: level 1 because saving must stay
// quick on a 300,000-word plan, and prose compresses well even at that level.
import { gunzipSync, gzipSync } from 'node:zlib';
import { markIds, parseContent } from '../../../shared/lexical-json';
import { JfpError } from '../../../shared/errors';
import type { VersionKind, VersionSummary } from '../../../shared/versions';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import { newId, now } from './ids';
import type { ProfileRepository } from './profile';

export type Row = Record<string, unknown>;

/** The snapshot document; `format` changes only if its layout (not the tables') does. */
export interface PlanSnapshot {
  format: 1;
  takenAt: string;
  plan: Row;
  /** Live sections, parents before their children. */
  sections: Row[];
  commitments: Row[];
  trajectory: Row[];
  actuals: Row[];
  priorities: Row[];
  opinions: Row[];
  /** Comment threads anchored in the plan then: referenced, not copied (threads stay as they are). */
  threadIds: string[];
}

export const SNAPSHOT_FORMAT = 1;

interface VersionRow {
  id: string;
  plan_id: string;
  label: string;
  note: string;
  reason: string;
  kind: VersionKind;
  actor: string;
  created_at: string;
  size: number;
}

const SUMMARY_COLUMNS = 'id, plan_id, label, note, reason, kind, actor, created_at, size';
const NOT_FOUND = 'That version could not be found. It may belong to a plan that was deleted.';

function toSummary(row: VersionRow): VersionSummary {
  return {
    id: row.id,
    planId: row.plan_id,
    label: row.label,
    note: row.note,
    reason: row.reason,
    kind: row.kind,
    actor: row.actor,
    createdAt: row.created_at,
    size: row.size,
  };
}

/** Columns a restore never writes back: the rowid the search index points at, and the plan-level flags a version does not own. */
const NOT_RESTORED: Record<string, Set<string>> = {
  sections: new Set(['seq', 'revision', 'deleted_at', 'updated_at']),
  commitments: new Set(['seq', 'revision', 'updated_at']),
  plan_priorities: new Set(['revision', 'updated_at']),
};

/**
 * A statement prepared at its first use, not when the store opens: a command that only reads may open a
 * file of an older schema (READABLE_FROM) that has no plan_versions table yet, and must still open.
 */
function lazyPrepare<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): Statement<P, R> {
  let statement: Statement<P, R> | undefined;
  return new Proxy({} as Statement<P, R>, {
    get(_target, key) {
      statement ??= db.prepare<P, R>(sql);
      const value = (statement as unknown as Record<PropertyKey, unknown>)[key];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(statement) : value;
    },
  });
}

/** What a restore compares to know whether a section needs writing back. */
const SECTION_PLACE = ['parent_id', 'position', 'title', 'status', 'owner', 'content'] as const;

export function createVersionRepository(db: Db, profile: ProfileRepository) {
  const planRow = lazyPrepare<[string], Row>(db, 'SELECT * FROM plans WHERE id = ?');
  const sectionRows = lazyPrepare<[string], Row>(db, 'SELECT * FROM sections WHERE plan_id = ? AND deleted_at IS NULL ORDER BY position');
  const commitmentRows = lazyPrepare<[string], Row>(db, 'SELECT * FROM commitments WHERE plan_id = ? ORDER BY position, seq');
  const trajectoryRows = lazyPrepare<[string], Row>(
    db,
    'SELECT t.* FROM commitment_trajectory t JOIN commitments c ON c.id = t.commitment_id WHERE c.plan_id = ? ORDER BY t.commitment_id, t.year',
  );
  const actualRows = lazyPrepare<[string], Row>(
    db,
    'SELECT a.* FROM commitment_actuals a JOIN commitments c ON c.id = a.commitment_id WHERE c.plan_id = ? ORDER BY a.commitment_id, a.date, a.created_at',
  );
  const priorityRows = lazyPrepare<[string], Row>(db, 'SELECT * FROM plan_priorities WHERE plan_id = ? ORDER BY position');
  const opinionRows = lazyPrepare<[string], Row>(db, 'SELECT * FROM hwb_boards WHERE plan_id = ? ORDER BY position');
  const threadIds = lazyPrepare<[string], { thread_id: string }>(
    db,
    'SELECT DISTINCT m.thread_id FROM section_marks m JOIN sections s ON s.id = m.section_id WHERE s.plan_id = ? AND s.deleted_at IS NULL',
  );
  const insert = lazyPrepare(
    db,
    `INSERT INTO plan_versions (id, plan_id, label, note, reason, kind, actor, created_at, size, snapshot_schema, snapshot)
    VALUES (@id, @planId, @label, @note, @reason, @kind, @actor, @createdAt, @size, @schema, @snapshot)`,
  );
  const list = lazyPrepare<[string], VersionRow>(db, `SELECT ${SUMMARY_COLUMNS} FROM plan_versions WHERE plan_id = ? ORDER BY created_at DESC, rowid DESC`);
  const byId = lazyPrepare<[string], VersionRow & { snapshot: Buffer; snapshot_schema: number }>(db, 'SELECT * FROM plan_versions WHERE id = ?');
  const latest = lazyPrepare<[string], { label: string }>(
    db,
    "SELECT label FROM plan_versions WHERE plan_id = ? AND kind <> 'before-restore' ORDER BY created_at DESC, rowid DESC LIMIT 1",
  );
  const sectionById = lazyPrepare<[string], Row & { plan_id: string; deleted_at: string | null; content: string }>(
    db,
    'SELECT plan_id, parent_id, position, title, status, owner, deleted_at, content FROM sections WHERE id = ?',
  );
  const commitmentPlan = lazyPrepare<[string], { plan_id: string }>(db, 'SELECT plan_id FROM commitments WHERE id = ?');
  const priorityPlan = lazyPrepare<[string], { plan_id: string }>(db, 'SELECT plan_id FROM plan_priorities WHERE id = ?');
  const liveSectionIds = lazyPrepare<[string], { id: string }>(db, 'SELECT id FROM sections WHERE plan_id = ? AND deleted_at IS NULL');
  const softDelete = lazyPrepare(db, 'UPDATE sections SET deleted_at = ? WHERE id = ?');
  const clearMarks = lazyPrepare(db, 'DELETE FROM section_marks WHERE section_id = ?');
  const addMark = lazyPrepare(db, 'INSERT OR IGNORE INTO section_marks (section_id, thread_id) VALUES (?, ?)');
  const commitmentIds = lazyPrepare<[string], { id: string }>(db, 'SELECT id FROM commitments WHERE plan_id = ?');
  const removeCommitment = lazyPrepare(db, 'DELETE FROM commitments WHERE id = ?');
  const clearTrajectory = lazyPrepare(db, 'DELETE FROM commitment_trajectory WHERE commitment_id IN (SELECT id FROM commitments WHERE plan_id = ?)');
  const clearActuals = lazyPrepare(db, 'DELETE FROM commitment_actuals WHERE commitment_id IN (SELECT id FROM commitments WHERE plan_id = ?)');
  const priorityIds = lazyPrepare<[string], { id: string }>(db, 'SELECT id FROM plan_priorities WHERE plan_id = ?');
  const removePriority = lazyPrepare(db, 'DELETE FROM plan_priorities WHERE id = ?');
  const clearOpinions = lazyPrepare(db, 'DELETE FROM hwb_boards WHERE plan_id = ?');
  const restorePlan = lazyPrepare(
    db,
    `UPDATE plans SET title = @title, icb_name = @icb_name, start_year = @start_year, end_year = @end_year,
    protective_marking = @protective_marking, partner_trusts = @partner_trusts, places = @places, revision = revision + 1, updated_at = @at WHERE id = @id`,
  );
  const setPrevious = lazyPrepare(db, 'UPDATE plans SET previous_plan_id = ? WHERE id = ?');
  const previousOf = lazyPrepare<[string], { id: string; title: string }>(
    db,
    'SELECT p.id, p.title FROM plans c JOIN plans p ON p.id = c.previous_plan_id WHERE c.id = ?',
  );
  const nextOf = lazyPrepare<[string], { id: string; title: string }>(db, 'SELECT id, title FROM plans WHERE previous_plan_id = ? ORDER BY created_at');
  const setCarried = lazyPrepare(db, 'UPDATE sections SET carried_from = ? WHERE id = ?');
  const setCarriedCommitment = lazyPrepare(db, 'UPDATE commitments SET carried_from = ? WHERE id = ?');

  /** Column names of a table as this schema has them. */
  const columnCache = new Map<string, Set<string>>();
  function columnsOf(table: string): Set<string> {
    let cols = columnCache.get(table);
    if (!cols) {
      cols = new Set((db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name));
      columnCache.set(table, cols);
    }
    return cols;
  }

  /** INSERT ... ON CONFLICT DO UPDATE for the columns a snapshot row has and the table still has; statements cached by shape. */
  const upserts = new Map<string, ReturnType<Db['prepare']>>();
  function upsert(table: string, conflict: string[], row: Row, extra: Record<string, unknown> = {}, onUpdate: string[] = []): void {
    const known = columnsOf(table);
    const skip = NOT_RESTORED[table] ?? new Set<string>();
    const cols = Object.keys(row).filter((c) => known.has(c) && !skip.has(c) && !(c in extra));
    const all = [...cols, ...Object.keys(extra)];
    const key = `${table}|${all.join(',')}|${onUpdate.join(',')}`;
    let statement = upserts.get(key);
    if (!statement) {
      const updates = all.filter((c) => !conflict.includes(c)).map((c) => `${c} = excluded.${c}`);
      statement = db.prepare(
        `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(${conflict.join(', ')}) DO UPDATE SET ${[...updates, ...onUpdate].join(', ')}`,
      );
      upserts.set(key, statement);
    }
    const values: Record<string, unknown> = {};
    for (const c of cols) values[c] = row[c];
    Object.assign(values, extra);
    statement.run(values);
  }

  function snapshot(planId: string): PlanSnapshot {
    const plan = planRow.get(planId);
    if (!plan) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
    return {
      format: SNAPSHOT_FORMAT,
      takenAt: now(),
      plan,
      sections: parentsFirst(sectionRows.all(planId)),
      commitments: commitmentRows.all(planId),
      trajectory: trajectoryRows.all(planId),
      actuals: actualRows.all(planId),
      priorities: priorityRows.all(planId),
      opinions: opinionRows.all(planId),
      threadIds: threadIds.all(planId).map((r) => r.thread_id),
    };
  }

  function read(versionId: string): { summary: VersionSummary; snapshot: PlanSnapshot } {
    const row = byId.get(versionId);
    if (!row) throw new JfpError('not_found', NOT_FOUND);
    let snapshot: PlanSnapshot;
    try {
      snapshot = JSON.parse(gunzipSync(row.snapshot).toString('utf8')) as PlanSnapshot;
    } catch {
      throw new JfpError('invalid_input', `The version “${row.label}” is damaged and cannot be read. Other versions are not affected.`);
    }
    if (snapshot?.format !== SNAPSHOT_FORMAT) {
      throw new JfpError('invalid_input', `The version “${row.label}” was saved by a newer version of JFP Studio. Update the app to open it.`);
    }
    return { summary: toSummary(row), snapshot };
  }

  return {
    snapshot,
    /** Stores a snapshot of the plan as it is now. Call inside store.write (the snapshot and the row are one moment). */
    save(planId: string, input: { label: string; note?: string; reason?: string; kind: VersionKind }, taken: PlanSnapshot = snapshot(planId)): VersionSummary {
      const compressed = gzipSync(Buffer.from(JSON.stringify(taken), 'utf8'), { level: 1 });
      const row = {
        id: newId(),
        planId,
        label: input.label,
        note: input.note ?? '',
        reason: input.reason ?? '',
        kind: input.kind,
        actor: profile.actor(),
        createdAt: now(),
        size: compressed.length,
        schema: SNAPSHOT_FORMAT,
        snapshot: compressed,
      };
      insert.run(row);
      return toSummary({ ...row, plan_id: planId, created_at: row.createdAt } as unknown as VersionRow);
    },
    list: (planId: string): VersionSummary[] => list.all(planId).map(toSummary),
    read,
    /** The label of the plan's latest named version (not a safety copy before a restore), for an export's title page. */
    latestLabel: (planId: string): string | null => latest.get(planId)?.label ?? null,
    /**
     * Puts the plan back as `snap` had it, in the caller's store.write: sections matched by id get their
     * content, title, place and status back; sections added since are soft-deleted (they appear in Recently
     * deleted); sections deleted since come back. Commitments, priorities and opinions likewise (a commitment
     * added since is removed: it is kept in the safety version taken first). Comment threads are left as they are.
     */
    restore(planId: string, snap: PlanSnapshot): { sectionsRestored: number; sectionsRemoved: number } {
      const at = now();
      const keep = new Set<string>();
      for (const section of snap.sections) {
        const id = String(section.id);
        const existing = sectionById.get(id);
        // An id now used by another plan's section (a review copy in the same file) is left alone.
        if (existing && existing.plan_id !== planId) continue;
        keep.add(id);
        // A section the version left as it is now is not written: no new revision, no full-text reindex of its words.
        if (existing && existing.deleted_at === null && SECTION_PLACE.every((c) => existing[c] === section[c])) continue;
        upsert('sections', ['id'], section, { plan_id: planId, deleted_at: null, updated_at: at }, ['revision = sections.revision + 1']);
        if (!existing || existing.content !== section.content) {
          clearMarks.run(id);
          const parsed = parseContent(String(section.content));
          if (parsed.ok) for (const threadId of markIds(parsed.state)) addMark.run(id, threadId);
        }
      }
      let removed = 0;
      for (const { id } of liveSectionIds.all(planId)) {
        if (!keep.has(id)) {
          softDelete.run(at, id);
          removed++;
        }
      }
      const keepPriorities = new Set<string>();
      for (const priority of snap.priorities) {
        const owner = priorityPlan.get(String(priority.id));
        if (owner && owner.plan_id !== planId) continue;
        keepPriorities.add(String(priority.id));
        upsert('plan_priorities', ['id'], priority, { plan_id: planId, updated_at: at }, ['revision = plan_priorities.revision + 1']);
      }
      const keepCommitments = new Set<string>();
      clearTrajectory.run(planId);
      clearActuals.run(planId);
      for (const commitment of snap.commitments) {
        const owner = commitmentPlan.get(String(commitment.id));
        if (owner && owner.plan_id !== planId) continue;
        keepCommitments.add(String(commitment.id));
        const priorityId = commitment.priority_id && keepPriorities.has(String(commitment.priority_id)) ? commitment.priority_id : null;
        upsert('commitments', ['id'], commitment, { plan_id: planId, priority_id: priorityId, updated_at: at }, ['revision = commitments.revision + 1']);
      }
      for (const { id } of commitmentIds.all(planId)) if (!keepCommitments.has(id)) removeCommitment.run(id);
      for (const point of snap.trajectory) if (keepCommitments.has(String(point.commitment_id))) upsert('commitment_trajectory', ['commitment_id', 'year'], point);
      for (const actual of snap.actuals) if (keepCommitments.has(String(actual.commitment_id))) upsert('commitment_actuals', ['id'], actual);
      for (const { id } of priorityIds.all(planId)) if (!keepPriorities.has(id)) removePriority.run(id);
      clearOpinions.run(planId);
      for (const opinion of snap.opinions) upsert('hwb_boards', ['id'], opinion, { plan_id: planId });
      const p = snap.plan;
      restorePlan.run({
        id: planId,
        title: p.title,
        icb_name: p.icb_name,
        start_year: p.start_year,
        end_year: p.end_year,
        protective_marking: p.protective_marking,
        partner_trusts: p.partner_trusts,
        places: p.places,
        at,
      });
      return { sectionsRestored: keep.size, sectionsRemoved: removed };
    },
    /** Links a plan to the one it continues (the annual refresh). */
    linkPrevious(planId: string, previousPlanId: string): void {
      setPrevious.run(previousPlanId, planId);
    },
    previousOf: (planId: string) => previousOf.get(planId) ?? null,
    nextOf: (planId: string) => nextOf.all(planId),
    /** Records which of last year's rows a refreshed plan's row was carried from, so compare can match them. */
    markCarried(kind: 'section' | 'commitment', id: string, fromId: string): void {
      (kind === 'section' ? setCarried : setCarriedCommitment).run(fromId, id);
    },
  };
}

/** Sections ordered so each parent comes before its children (inserting them back needs the parent first). */
function parentsFirst(rows: Row[]): Row[] {
  const children = new Map<unknown, Row[]>();
  for (const row of rows) {
    const list = children.get(row.parent_id ?? null) ?? [];
    list.push(row);
    children.set(row.parent_id ?? null, list);
  }
  const out: Row[] = [];
  const visit = (parentId: unknown) => {
    for (const row of children.get(parentId) ?? []) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}

export type VersionRepository = ReturnType<typeof createVersionRepository>;
