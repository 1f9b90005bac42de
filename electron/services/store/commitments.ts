// Delivery commitments: the rows of a plan's delivery table, in the order the plan
// shows them, each with its trajectory (a planned value per year of the plan), its
// actuals over time, and a RAG status computed from them unless a person overrode
// it with a reason (#11). Edits carry the revision they started from, so two people
// editing the same row cannot silently overwrite each other.
import { listItemOf, type CommitmentListItem } from '../../../shared/commitment-list';
import type { CommitmentFieldsInput } from '../../../shared/contract';
import { SYSTEM_WIDE, type Actual, type Commitment, type CommitmentDirection, type RagStatus, type TrajectoryPoint } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { isInPeriod, outsidePeriodMessage, planYears, type PlanPeriod } from '../../../shared/financial-year';
import { computeRag, effectiveRag } from '../../../shared/rag';
import type { Db } from './database';
import { newId, now } from './ids';
import { stringList } from './json-columns';
import { createProfileRepository } from './profile';
import type { PriorityRepository } from './priorities';

interface CommitmentRow {
  id: string;
  plan_id: string;
  section_id: string | null;
  position: number;
  priority: string;
  priority_id: string | null;
  commitment: string;
  metric: string;
  baseline: string;
  target: string;
  target_year: number | null;
  guidance_year: string;
  lead_org: string;
  /** The manual override ('not_set' = none). */
  rag: RagStatus;
  universal_area: string;
  place: string;
  governance_group: string;
  direction: CommitmentDirection;
  baseline_value: number | null;
  baseline_date: string | null;
  baseline_source: string;
  rag_override_reason: string;
  rag_override_by: string;
  rag_override_at: string | null;
  revision: number;
  updated_at: string;
}

interface ActualRow {
  id: string;
  commitment_id: string;
  date: string;
  value: number;
  source: string;
  created_at: string;
}

/** What add and update accept: the contract's fields (priority as a title or an id; `rag` as the old name of ragOverride). */
export type CommitmentInput = Partial<CommitmentFieldsInput>;

const NOT_FOUND = 'That commitment could not be found. It may have been deleted.';
const ACTUAL_NOT_FOUND = 'That actual could not be found. It may have been deleted.';
const SECTION_NOT_IN_PLAN = 'The section to link this commitment to could not be found in this plan. Choose one of the plan’s sections, or none.';
const PRIORITY_NOT_IN_PLAN = 'The priority to link this commitment to could not be found in this plan. Choose one of the plan’s priorities, or none.';
export const OVERRIDE_REASON_NEEDED = 'Give a reason for overriding the computed status.';

/** The people-facing name of each field, for conflict messages. */
const FIELD_NAMES: Record<string, string> = {
  sectionId: 'Section',
  priority: 'Priority',
  priorityId: 'Priority',
  commitment: 'Commitment',
  metric: 'Metric',
  baseline: 'Baseline',
  target: 'Target',
  targetYear: 'Target year',
  guidanceYear: 'Guidance year',
  leadOrg: 'Lead organisation',
  rag: 'Status',
  ragOverride: 'Status',
  ragOverrideReason: 'Reason for the status',
  universalArea: 'NHS universal commitment',
  place: 'Place',
  governanceGroup: 'Governance group',
  direction: 'Direction',
  baselineValue: 'Baseline value',
  baselineDate: 'Baseline date',
  baselineSource: 'Baseline source',
  trajectory: 'Trajectory',
};

const COLUMNS = `id, plan_id, section_id, position, priority, priority_id, commitment, metric, baseline, target, target_year,
  guidance_year, lead_org, rag, universal_area, place, governance_group, direction, baseline_value, baseline_date, baseline_source,
  rag_override_reason, rag_override_by, rag_override_at, revision, updated_at`;

/** The stored values of a row, by contract field name. */
interface Values {
  sectionId: string | null;
  priorityId: string | null;
  priority: string;
  commitment: string;
  metric: string;
  baseline: string;
  target: string;
  targetYear: number | null;
  guidanceYear: string;
  leadOrg: string;
  universalArea: string;
  place: string;
  governanceGroup: string;
  direction: CommitmentDirection;
  baselineValue: number | null;
  baselineDate: string | null;
  baselineSource: string;
  ragOverride: RagStatus | null;
  ragOverrideReason: string;
  ragOverrideBy: string;
  ragOverrideAt: string | null;
}

const EMPTY_VALUES: Values = {
  sectionId: null,
  priorityId: null,
  priority: '',
  commitment: '',
  metric: '',
  baseline: '',
  target: '',
  targetYear: null,
  guidanceYear: '',
  leadOrg: '',
  universalArea: '',
  place: '',
  governanceGroup: '',
  direction: 'higher',
  baselineValue: null,
  baselineDate: null,
  baselineSource: '',
  ragOverride: null,
  ragOverrideReason: '',
  ragOverrideBy: '',
  ragOverrideAt: null,
};

function valuesOf(row: CommitmentRow): Values {
  return {
    sectionId: row.section_id,
    priorityId: row.priority_id,
    priority: row.priority,
    commitment: row.commitment,
    metric: row.metric,
    baseline: row.baseline,
    target: row.target,
    targetYear: row.target_year,
    guidanceYear: row.guidance_year,
    leadOrg: row.lead_org,
    universalArea: row.universal_area,
    place: row.place,
    governanceGroup: row.governance_group,
    direction: row.direction,
    baselineValue: row.baseline_value,
    baselineDate: row.baseline_date,
    baselineSource: row.baseline_source,
    ragOverride: row.rag === 'not_set' ? null : row.rag,
    ragOverrideReason: row.rag_override_reason,
    ragOverrideBy: row.rag_override_by,
    ragOverrideAt: row.rag_override_at,
  };
}

const toActual = (row: ActualRow): Actual => ({
  id: row.id,
  commitmentId: row.commitment_id,
  date: row.date,
  value: row.value,
  source: row.source,
  createdAt: row.created_at,
});

function toCommitment(row: CommitmentRow, period: PlanPeriod, planned: Map<number, number | null>, actuals: Actual[]): Commitment {
  const trajectory: TrajectoryPoint[] = planYears(period.startYear).map((year) => ({ year, planned: planned.get(year) ?? null }));
  const ragComputed = computeRag({ direction: row.direction, trajectory, actuals });
  const v = valuesOf(row);
  return {
    id: row.id,
    planId: row.plan_id,
    sectionId: row.section_id,
    position: row.position,
    priority: row.priority,
    commitment: row.commitment,
    metric: row.metric,
    baseline: row.baseline,
    target: row.target,
    targetYear: row.target_year,
    guidanceYear: row.guidance_year,
    leadOrg: row.lead_org,
    rag: effectiveRag(v.ragOverride, ragComputed),
    revision: row.revision,
    updatedAt: row.updated_at,
    priorityId: row.priority_id,
    universalArea: row.universal_area,
    place: row.place,
    governanceGroup: row.governance_group,
    direction: row.direction,
    baselineValue: row.baseline_value,
    baselineDate: row.baseline_date,
    baselineSource: row.baseline_source,
    trajectory,
    actuals,
    ragComputed,
    ragOverride: v.ragOverride,
    ragOverrideReason: row.rag_override_reason,
    ragOverrideBy: row.rag_override_by,
    ragOverrideAt: row.rag_override_at,
  };
}

export interface CommitmentRepositoryOptions {
  /** Who is recorded as setting a status override; by default the app user's profile ("Name (Role, Organisation)"). */
  userName?: () => string;
}

export function createCommitmentRepository(db: Db, priorities: PriorityRepository, options: CommitmentRepositoryOptions = {}) {
  const profile = createProfileRepository(db);
  const userName = () => options.userName?.().trim() || profile.actor();
  const list = db.prepare<[string], CommitmentRow>(`SELECT ${COLUMNS} FROM commitments WHERE plan_id = ? ORDER BY position, seq`);
  const byId = db.prepare<[string], CommitmentRow>(`SELECT ${COLUMNS} FROM commitments WHERE id = ?`);
  const planPeriod = db.prepare<[string], { start_year: number; end_year: number; places: string }>('SELECT start_year, end_year, places FROM plans WHERE id = ?');
  const trajectoryOfPlan = db.prepare<[string], { commitment_id: string; year: number; planned: number | null }>(
    'SELECT t.commitment_id, t.year, t.planned FROM commitment_trajectory t JOIN commitments c ON c.id = t.commitment_id WHERE c.plan_id = ?',
  );
  const trajectoryOf = db.prepare<[string], { year: number; planned: number | null }>('SELECT year, planned FROM commitment_trajectory WHERE commitment_id = ?');
  const actualsOfPlan = db.prepare<[string], ActualRow>(
    // No ORDER BY: sorting 8,000 rows costs more than ordering each commitment's few in list() below.
    'SELECT a.id, a.commitment_id, a.date, a.value, a.source, a.created_at FROM commitment_actuals a JOIN commitments c ON c.id = a.commitment_id WHERE c.plan_id = ?',
  );
  const actualsOf = db.prepare<[string], ActualRow>('SELECT * FROM commitment_actuals WHERE commitment_id = ? ORDER BY date, created_at');
  const actualById = db.prepare<[string], ActualRow>('SELECT * FROM commitment_actuals WHERE id = ?');
  const insertActual = db.prepare('INSERT INTO commitment_actuals (id, commitment_id, date, value, source, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const removeActual = db.prepare('DELETE FROM commitment_actuals WHERE id = ?');
  const setPlanned = db.prepare(
    'INSERT INTO commitment_trajectory (commitment_id, year, planned) VALUES (?, ?, ?) ON CONFLICT (commitment_id, year) DO UPDATE SET planned = excluded.planned',
  );
  const clearPlanned = db.prepare('DELETE FROM commitment_trajectory WHERE commitment_id = ? AND year = ?');
  const nextPosition = db.prepare<[string], { next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM commitments WHERE plan_id = ?');
  const liveSection = db.prepare<[string, string], { id: string }>('SELECT id FROM sections WHERE id = ? AND plan_id = ? AND deleted_at IS NULL');
  const ROW_PARAMS = `section_id = @sectionId, priority_id = @priorityId, priority = @priority, commitment = @commitment, metric = @metric,
      baseline = @baseline, target = @target, target_year = @targetYear, guidance_year = @guidanceYear, lead_org = @leadOrg,
      rag = @rag, universal_area = @universalArea, place = @place, governance_group = @governanceGroup, direction = @direction,
      baseline_value = @baselineValue, baseline_date = @baselineDate, baseline_source = @baselineSource,
      rag_override_reason = @ragOverrideReason, rag_override_by = @ragOverrideBy, rag_override_at = @ragOverrideAt`;
  const insert = db.prepare(`
    INSERT INTO commitments (id, plan_id, position, created_at, updated_at, section_id, priority_id, priority, commitment, metric, baseline,
      target, target_year, guidance_year, lead_org, rag, universal_area, place, governance_group, direction, baseline_value, baseline_date,
      baseline_source, rag_override_reason, rag_override_by, rag_override_at)
    VALUES (@id, @planId, @position, @at, @at, @sectionId, @priorityId, @priority, @commitment, @metric, @baseline,
      @target, @targetYear, @guidanceYear, @leadOrg, @rag, @universalArea, @place, @governanceGroup, @direction, @baselineValue, @baselineDate,
      @baselineSource, @ragOverrideReason, @ragOverrideBy, @ragOverrideAt)`);
  const update = db.prepare(`UPDATE commitments SET ${ROW_PARAMS}, revision = revision + 1, updated_at = @at WHERE id = @id AND revision = @revision`);
  const touch = db.prepare('UPDATE commitments SET revision = revision + 1, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM commitments WHERE id = ?');
  const idsInOrder = db.prepare<[string], { id: string }>('SELECT id FROM commitments WHERE plan_id = ? ORDER BY position, seq');
  const setPosition = db.prepare('UPDATE commitments SET position = ? WHERE id = ? AND position <> ?');

  function getRow(commitmentId: string): CommitmentRow {
    const row = byId.get(commitmentId);
    if (!row) throw new JfpError('not_found', NOT_FOUND);
    return row;
  }

  function planOf(planId: string): PlanPeriod & { places: string[] } {
    const row = planPeriod.get(planId);
    if (!row) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
    return { startYear: row.start_year, endYear: row.end_year, places: stringList(row.places) };
  }

  function read(commitmentId: string): Commitment {
    const row = getRow(commitmentId);
    const planned = new Map(trajectoryOf.all(commitmentId).map((p) => [p.year, p.planned] as const));
    return toCommitment(row, planOf(row.plan_id), planned, actualsOf.all(commitmentId).map(toActual));
  }

  /** Every check that needs the plan: section, priority, years inside the plan's period, place, override reason. */
  function resolve(planId: string, current: Values, input: CommitmentInput, plan: ReturnType<typeof planOf>): Values {
    const next: Values = { ...current };
    const { priority, rag, trajectory: _trajectory, ...rest } = input;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    // `rag` is the old name of the override; 'not_set' takes it away.
    if (rag !== undefined && input.ragOverride === undefined) next.ragOverride = rag === 'not_set' ? null : rag;
    if (input.ragOverride === 'not_set') next.ragOverride = null;

    if (input.sectionId !== undefined && input.sectionId !== current.sectionId && input.sectionId !== null && !liveSection.get(input.sectionId, planId)) {
      throw new JfpError('invalid_input', SECTION_NOT_IN_PLAN);
    }
    if (input.priorityId !== undefined) {
      if (input.priorityId === null) next.priority = '';
      else {
        const linked = priorities.findById(input.priorityId);
        if (!linked || linked.planId !== planId) throw new JfpError('invalid_input', PRIORITY_NOT_IN_PLAN);
        next.priority = linked.title;
      }
    } else if (priority !== undefined) {
      // A typed priority links to the plan's priority of that title, adding it when the plan has none.
      const linked = priority.trim() === '' ? null : priorities.ensure(planId, priority.slice(0, 200));
      next.priorityId = linked?.id ?? null;
      next.priority = linked?.title ?? '';
    }
    if (input.targetYear !== undefined && input.targetYear !== null && input.targetYear !== current.targetYear && !isInPeriod(input.targetYear, plan)) {
      throw new JfpError('invalid_input', `The target year ${outsidePeriodMessage(input.targetYear, plan)}`);
    }
    for (const point of input.trajectory ?? []) {
      if (!isInPeriod(point.year, plan)) throw new JfpError('invalid_input', `The trajectory year ${outsidePeriodMessage(point.year, plan)}`);
    }
    if (input.place !== undefined && input.place !== current.place && input.place !== '') {
      const wanted = input.place.toLocaleLowerCase('en-GB');
      const known = [...plan.places, SYSTEM_WIDE].find((p) => p.toLocaleLowerCase('en-GB') === wanted);
      if (!known) {
        const choices = [...plan.places, SYSTEM_WIDE].join(', ');
        throw new JfpError('invalid_input', `"${input.place}" is not one of this plan's places. Choose one of: ${choices}.`);
      }
      next.place = known;
    }
    if (next.ragOverride === null) {
      Object.assign(next, { ragOverrideReason: '', ragOverrideBy: '', ragOverrideAt: null });
    } else if (next.ragOverride !== current.ragOverride || next.ragOverrideReason !== current.ragOverrideReason) {
      // A new status needs its own reason: the one kept from the old status explained something else.
      const given = input.ragOverrideReason?.trim() ?? '';
      if (given === '' && (next.ragOverride !== current.ragOverride || next.ragOverrideReason.trim() === '')) {
        throw new JfpError('invalid_input', OVERRIDE_REASON_NEEDED);
      }
      next.ragOverrideReason = next.ragOverrideReason.trim();
      next.ragOverrideBy = userName();
      next.ragOverrideAt = now();
    }
    return next;
  }

  function writeTrajectory(commitmentId: string, points: CommitmentInput['trajectory']): void {
    for (const point of points ?? []) {
      if (point.planned === null) clearPlanned.run(commitmentId, point.year);
      else setPlanned.run(commitmentId, point.year, point.planned);
    }
  }

  const toParams = (v: Values) => ({ ...v, rag: v.ragOverride ?? 'not_set' });

  function insertOne(planId: string, input: CommitmentInput, position: number, plan: ReturnType<typeof planOf>): string {
    const values = resolve(planId, EMPTY_VALUES, input, plan);
    const id = newId();
    insert.run({ id, planId, position, ...toParams(values), at: now() });
    writeTrajectory(id, input.trajectory);
    return id;
  }

  /** Which of the fields being sent differ from the saved row: what a person must choose between. */
  function differing(saved: Commitment, input: CommitmentInput): string[] {
    const names = new Set<string>();
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      let same: boolean;
      if (key === 'trajectory') {
        same = (value as TrajectoryPoint[]).every((p) => saved.trajectory.find((s) => s.year === p.year)?.planned === p.planned);
      } else if (key === 'rag') {
        same = (saved.ragOverride ?? 'not_set') === value;
      } else if (key === 'ragOverride') {
        same = saved.ragOverride === (value === 'not_set' ? null : value);
      } else {
        same = (saved as unknown as Record<string, unknown>)[key] === value;
      }
      if (!same) names.add(FIELD_NAMES[key] ?? key);
    }
    return [...names];
  }

  const joinNames = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

  return {
    /** The plan's rows, each with its trajectory and actuals, in three queries however many rows there are. */
    list(planId: string): Commitment[] {
      const plan = planOf(planId);
      const planned = new Map<string, Map<number, number | null>>();
      for (const p of trajectoryOfPlan.all(planId)) {
        let points = planned.get(p.commitment_id);
        if (!points) planned.set(p.commitment_id, (points = new Map()));
        points.set(p.year, p.planned);
      }
      const actuals = new Map<string, Actual[]>();
      for (const a of actualsOfPlan.all(planId)) {
        let rows = actuals.get(a.commitment_id);
        if (!rows) actuals.set(a.commitment_id, (rows = []));
        rows.push(toActual(a));
      }
      const byDate = (a: Actual, b: Actual) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
      for (const rows of actuals.values()) rows.sort(byDate);
      return list.all(planId).map((row) => toCommitment(row, plan, planned.get(row.id) ?? new Map(), actuals.get(row.id) ?? []));
    },
    /** The delivery grid's rows: as list(), with the count and the latest of each row's actuals instead of all of them. */
    listRows(planId: string): CommitmentListItem[] {
      return this.list(planId).map(listItemOf);
    },
    get: read,
    planOf: (commitmentId: string): string => getRow(commitmentId).plan_id,
    /** Appends one row; fields left out are empty (no priority, no trajectory, status computed). */
    add(planId: string, fields: CommitmentInput = {}): Commitment {
      const plan = planOf(planId);
      return read(insertOne(planId, fields, nextPosition.get(planId)!.next, plan));
    },
    /** Appends many rows (the sample plan, imports). */
    addMany(planId: string, rows: CommitmentInput[]): Commitment[] {
      const plan = planOf(planId);
      const start = nextPosition.get(planId)!.next;
      const ids = rows.map((fields, i) => insertOne(planId, fields, start + i, plan));
      return ids.map(read);
    },
    /**
     * Changes the given fields if the row is still at `revision`. Otherwise refuses with
     * a conflict that names the fields whose saved values differ from the ones sent, so
     * the page can fetch the saved row (getCommitment) and let the person choose.
     */
    update(commitmentId: string, revision: number, fields: CommitmentInput): Commitment {
      const row = getRow(commitmentId);
      if (row.revision !== revision) {
        const saved = read(commitmentId);
        const names = differing(saved, fields);
        const which =
          names.length === 0 ? 'no field you changed differs from it' : `the saved ${joinNames(names)} ${names.length === 1 ? 'differs' : 'differ'} from yours`;
        throw new JfpError(
          'conflict',
          `This commitment was changed elsewhere since you opened it (your copy is revision ${revision}, the saved one is ${row.revision}): ${which}. Choose which to keep, or reload the delivery table.`,
        );
      }
      const next = resolve(row.plan_id, valuesOf(row), fields, planOf(row.plan_id));
      update.run({ id: commitmentId, revision, ...toParams(next), at: now() });
      writeTrajectory(commitmentId, fields.trajectory);
      return read(commitmentId);
    },
    /** Deletes one row (its trajectory and actuals go with it) and closes the gap in the plan's order. */
    delete(commitmentId: string): void {
      const row = getRow(commitmentId);
      remove.run(commitmentId);
      idsInOrder.all(row.plan_id).forEach(({ id }, position) => setPosition.run(position, id, position));
    },
    /** Records an actual; the row's revision moves on, since its computed status may change. */
    addActual(commitmentId: string, actual: { date: string; value: number; source?: string }): Commitment {
      getRow(commitmentId);
      const at = now();
      insertActual.run(newId(), commitmentId, actual.date, actual.value, actual.source ?? '', at);
      touch.run(at, commitmentId);
      return read(commitmentId);
    },
    /** Records many actuals of one commitment (an import): one revision step, and no read back. */
    addActuals(commitmentId: string, actuals: readonly { date: string; value: number; source: string }[]): void {
      getRow(commitmentId);
      const at = now();
      for (const actual of actuals) insertActual.run(newId(), commitmentId, actual.date, actual.value, actual.source, at);
      if (actuals.length > 0) touch.run(at, commitmentId);
    },
    /** The commitment an actual belongs to. */
    commitmentOfActual(actualId: string): string {
      const row = actualById.get(actualId);
      if (!row) throw new JfpError('not_found', ACTUAL_NOT_FOUND);
      return row.commitment_id;
    },
    deleteActual(actualId: string): Commitment {
      const row = actualById.get(actualId);
      if (!row) throw new JfpError('not_found', ACTUAL_NOT_FOUND);
      removeActual.run(actualId);
      touch.run(now(), row.commitment_id);
      return read(row.commitment_id);
    },
  };
}

export type CommitmentRepository = ReturnType<typeof createCommitmentRepository>;
