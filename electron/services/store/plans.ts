// Plans: the rows behind the plan library and each plan's header.
import type { CreatePlanInput, UpdatePlanInput } from '../../../shared/contract';
import type { Plan, PlanSummary, ProtectiveMarking } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';
import { newId, now } from './ids';
import { stringList } from './json-columns';

interface PlanRow {
  id: string;
  title: string;
  icb_name: string;
  start_year: number;
  end_year: number;
  template_id: string;
  protective_marking: ProtectiveMarking;
  partner_trusts: string;
  places: string;
  is_final: number;
  review_of: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  section_count: number;
  word_count: number;
}

const SELECT_PLAN = `
  SELECT p.*,
    (SELECT count(*) FROM sections s WHERE s.plan_id = p.id AND s.deleted_at IS NULL) AS section_count,
    (SELECT coalesce(sum(word_count), 0) FROM sections s WHERE s.plan_id = p.id AND s.deleted_at IS NULL) AS word_count
  FROM plans p`;

function toSummary(row: PlanRow): PlanSummary {
  return {
    id: row.id,
    title: row.title,
    icbName: row.icb_name,
    startYear: row.start_year,
    endYear: row.end_year,
    templateId: row.template_id,
    protectiveMarking: row.protective_marking,
    sectionCount: row.section_count,
    wordCount: row.word_count,
    updatedAt: row.updated_at,
    isReviewCopy: row.review_of !== null,
  };
}

function toPlan(row: PlanRow): Plan {
  return {
    ...toSummary(row),
    partnerTrusts: stringList(row.partner_trusts),
    places: stringList(row.places),
    isFinal: row.is_final === 1,
    reviewCopy: row.review_of ? (JSON.parse(row.review_of) as Plan['reviewCopy']) : null,
    revision: row.revision,
    createdAt: row.created_at,
  };
}

export const PLAN_YEARS = 5;

export function createPlanRepository(db: Db) {
  const list = db.prepare<[], PlanRow>(`${SELECT_PLAN} ORDER BY p.updated_at DESC, p.title`);
  const byId = db.prepare<[string], PlanRow>(`${SELECT_PLAN} WHERE p.id = ?`);
  const exists = db.prepare<[string], { id: string }>('SELECT id FROM plans WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO plans (id, title, icb_name, start_year, end_year, template_id, protective_marking,
      partner_trusts, places, created_at, updated_at)
    VALUES (@id, @title, @icbName, @startYear, @endYear, @templateId, @protectiveMarking,
      @partnerTrusts, @places, @at, @at)`);
  const update = db.prepare(`
    UPDATE plans SET title = @title, icb_name = @icbName, start_year = @startYear, end_year = @endYear,
      protective_marking = @protectiveMarking, partner_trusts = @partnerTrusts, places = @places,
      is_final = @isFinal, revision = revision + 1, updated_at = @at
    WHERE id = @id AND revision = @revision`);
  const touch = db.prepare('UPDATE plans SET updated_at = ? WHERE id = ?');
  const markReviewCopy = db.prepare('UPDATE plans SET review_of = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM plans WHERE id = ?');
  const reviewFlag = db.prepare<[string], { review_copy: number }>('SELECT review_of IS NOT NULL AS review_copy FROM plans WHERE id = ?');
  const templateOf = db.prepare<[string], { template_id: string }>('SELECT template_id FROM plans WHERE id = ?');
  const copyOfPack = db.prepare<[string], { id: string }>("SELECT id FROM plans WHERE json_extract(review_of, '$.packId') = ?");

  function get(planId: string): Plan {
    const row = byId.get(planId);
    if (!row) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
    return toPlan(row);
  }

  return {
    list: (): PlanSummary[] => list.all().map(toSummary),
    get,
    assertExists(planId: string): void {
      if (!exists.get(planId)) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
    },
    /** Inserts the plan row only; store.createPlan adds its sections in the same transaction. */
    insert(input: CreatePlanInput & { templateId: string }): string {
      const id = newId();
      insert.run({
        id,
        title: input.title,
        icbName: input.icbName,
        startYear: input.startYear,
        endYear: input.startYear + PLAN_YEARS - 1,
        templateId: input.templateId,
        protectiveMarking: input.protectiveMarking ?? 'OFFICIAL',
        partnerTrusts: JSON.stringify(input.partnerTrusts ?? []),
        places: JSON.stringify(input.places ?? []),
        at: now(),
      });
      return id;
    },
    update(input: UpdatePlanInput): Plan {
      const current = get(input.planId);
      const startYear = input.startYear ?? current.startYear;
      const result = update.run({
        id: input.planId,
        revision: input.revision,
        title: input.title ?? current.title,
        icbName: input.icbName ?? current.icbName,
        startYear,
        endYear: startYear + PLAN_YEARS - 1,
        protectiveMarking: input.protectiveMarking ?? current.protectiveMarking,
        partnerTrusts: JSON.stringify(input.partnerTrusts ?? current.partnerTrusts),
        places: JSON.stringify(input.places ?? current.places),
        isFinal: (input.isFinal ?? current.isFinal) ? 1 : 0,
        at: now(),
      });
      if (result.changes === 0) {
        throw new JfpError('conflict', 'This plan was changed elsewhere since you opened it. Reload to see the latest details, then make your change again.');
      }
      return get(input.planId);
    },
    setReviewCopy(planId: string, copy: NonNullable<Plan['reviewCopy']>): void {
      markReviewCopy.run(JSON.stringify(copy), planId);
    },
    // #13 review copy: whether a plan is a reviewer's copy (false for a plan that does not exist; its handler refuses that).
    isReviewCopy(planId: string): boolean {
      return reviewFlag.get(planId)?.review_copy === 1;
    },
    /** A reviewer's copy from a review pack: its text and outline cannot change, only comments. */
    assertEditable(planId: string): void {
      const row = reviewFlag.get(planId);
      if (!row) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
      if (row.review_copy === 1) {
        throw new JfpError('invalid_input', 'This is a review copy: its text cannot be changed here. Add a comment instead, then use “Return comments”.');
      }
    },
    /** The template a plan was made from, without the plan's counts (which read every section). */
    templateOf(planId: string): string {
      const row = templateOf.get(planId);
      if (!row) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
      return row.template_id;
    },
    /** The review copy already made from review pack `packId`, if any. */
    copyOfPack(packId: string): string | undefined {
      return copyOfPack.get(packId)?.id;
    },
    touch(planId: string): void {
      touch.run(now(), planId);
    },
    delete(planId: string): void {
      const result = remove.run(planId);
      if (result.changes === 0) throw new JfpError('not_found', 'That plan could not be found. It may have been deleted.');
    },
  };
}

export type PlanRepository = ReturnType<typeof createPlanRepository>;
