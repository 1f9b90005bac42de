// Delivery commitments: the rows of a plan's delivery table (priority,
// commitment, metric, baseline, target, target year, the planning guidance year
// that set the target, lead organisation, RAG status), in the order the plan
// shows them. Edits carry the revision they started from, so two people editing
// the same row cannot silently overwrite each other.
import type { Commitment, CommitmentFields, RagStatus } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { newId, now } from './ids';

interface CommitmentRow {
  id: string;
  plan_id: string;
  section_id: string | null;
  position: number;
  priority: string;
  commitment: string;
  metric: string;
  baseline: string;
  target: string;
  target_year: number | null;
  guidance_year: string;
  lead_org: string;
  rag: RagStatus;
  revision: number;
  updated_at: string;
}

const NOT_FOUND = 'That commitment could not be found. It may have been deleted.';
const SECTION_NOT_IN_PLAN = 'The section to link this commitment to could not be found in this plan. Choose one of the plan’s sections, or none.';

export const EMPTY_COMMITMENT: CommitmentFields = {
  sectionId: null,
  priority: '',
  commitment: '',
  metric: '',
  baseline: '',
  target: '',
  targetYear: null,
  guidanceYear: '',
  leadOrg: '',
  rag: 'not_set',
};

function toCommitment(row: CommitmentRow): Commitment {
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
    rag: row.rag,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = `id, plan_id, section_id, position, priority, commitment, metric, baseline, target, target_year,
  guidance_year, lead_org, rag, revision, updated_at`;

export function createCommitmentRepository(db: Db) {
  const list = db.prepare<[string], CommitmentRow>(`SELECT ${COLUMNS} FROM commitments WHERE plan_id = ? ORDER BY position, seq`);
  const byId = db.prepare<[string], CommitmentRow>(`SELECT ${COLUMNS} FROM commitments WHERE id = ?`);
  const nextPosition = db.prepare<[string], { next: number }>('SELECT coalesce(max(position) + 1, 0) AS next FROM commitments WHERE plan_id = ?');
  const liveSection = db.prepare<[string, string], { id: string }>('SELECT id FROM sections WHERE id = ? AND plan_id = ? AND deleted_at IS NULL');
  const insert = db.prepare(`
    INSERT INTO commitments (id, plan_id, section_id, position, priority, commitment, metric, baseline, target,
      target_year, guidance_year, lead_org, rag, created_at, updated_at)
    VALUES (@id, @planId, @sectionId, @position, @priority, @commitment, @metric, @baseline, @target,
      @targetYear, @guidanceYear, @leadOrg, @rag, @at, @at)`);
  const update = db.prepare(`
    UPDATE commitments SET section_id = @sectionId, priority = @priority, commitment = @commitment, metric = @metric,
      baseline = @baseline, target = @target, target_year = @targetYear, guidance_year = @guidanceYear,
      lead_org = @leadOrg, rag = @rag, revision = revision + 1, updated_at = @at
    WHERE id = @id AND revision = @revision`);
  const remove = db.prepare('DELETE FROM commitments WHERE id = ?');
  const idsInOrder = db.prepare<[string], { id: string }>('SELECT id FROM commitments WHERE plan_id = ? ORDER BY position, seq');
  const setPosition = db.prepare('UPDATE commitments SET position = ? WHERE id = ? AND position <> ?');

  function getRow(commitmentId: string): CommitmentRow {
    const row = byId.get(commitmentId);
    if (!row) throw new JfpError('not_found', NOT_FOUND);
    return row;
  }

  /** A linked section must be a live section of the same plan. */
  function checkSection(planId: string, sectionId: string | null): void {
    if (sectionId !== null && !liveSection.get(sectionId, planId)) throw new JfpError('invalid_input', SECTION_NOT_IN_PLAN);
  }

  function insertOne(planId: string, fields: Partial<CommitmentFields>, position: number): string {
    const values = { ...EMPTY_COMMITMENT, ...fields };
    checkSection(planId, values.sectionId);
    const id = newId();
    insert.run({ id, planId, position, ...values, at: now() });
    return id;
  }

  return {
    list: (planId: string): Commitment[] => list.all(planId).map(toCommitment),
    get: (commitmentId: string): Commitment => toCommitment(getRow(commitmentId)),
    planOf: (commitmentId: string): string => getRow(commitmentId).plan_id,
    /** Appends one row; fields left out are empty (status "not set"). */
    add(planId: string, fields: Partial<CommitmentFields> = {}): Commitment {
      return toCommitment(getRow(insertOne(planId, fields, nextPosition.get(planId)!.next)));
    },
    /** Appends many rows (the sample plan, imports). */
    addMany(planId: string, rows: Partial<CommitmentFields>[]): Commitment[] {
      const start = nextPosition.get(planId)!.next;
      const ids = rows.map((fields, i) => insertOne(planId, fields, start + i));
      return ids.map((id) => toCommitment(getRow(id)));
    },
    /** Changes the given fields if the row is still at `revision`; otherwise refuses with a conflict. */
    update(commitmentId: string, revision: number, fields: Partial<CommitmentFields>): Commitment {
      const current = toCommitment(getRow(commitmentId));
      const next: CommitmentFields = {
        sectionId: current.sectionId,
        priority: current.priority,
        commitment: current.commitment,
        metric: current.metric,
        baseline: current.baseline,
        target: current.target,
        targetYear: current.targetYear,
        guidanceYear: current.guidanceYear,
        leadOrg: current.leadOrg,
        rag: current.rag,
      };
      for (const [key, value] of Object.entries(fields) as [keyof CommitmentFields, unknown][]) {
        if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
      }
      if (fields.sectionId !== undefined && fields.sectionId !== current.sectionId) checkSection(current.planId, next.sectionId);
      const result = update.run({ id: commitmentId, revision, ...next, at: now() });
      if (result.changes === 0) {
        throw new JfpError(
          'conflict',
          `This commitment was changed elsewhere since you opened it (your copy is revision ${revision}, the saved one is ${current.revision}). Reload the delivery table to see the latest version, then make your change again.`,
        );
      }
      return toCommitment(getRow(commitmentId));
    },
    /** Deletes one row and closes the gap in the plan's order. */
    delete(commitmentId: string): void {
      const row = getRow(commitmentId);
      remove.run(commitmentId);
      idsInOrder.all(row.plan_id).forEach(({ id }, position) => setPosition.run(position, id, position));
    },
  };
}

export type CommitmentRepository = ReturnType<typeof createCommitmentRepository>;
