// #15 The integrated care strategy as an input: which of the plan's priorities
// (#11's plan_priorities) come from the Integrated Care Partnership's strategy,
// the date of their source document, and which sections deliver each one.
// Commitments deliver a priority through their own priority_id.
import type { Priority, StrategyPriority } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import type { Db } from './database';

interface ExtraRow {
  id: string;
  from_strategy: number;
  source_date: string | null;
}

export function createStrategyRepository(db: Db) {
  const extras = db.prepare<[string], ExtraRow>('SELECT id, from_strategy, source_date FROM plan_priorities WHERE plan_id = ?');
  const setExtras = db.prepare('UPDATE plan_priorities SET from_strategy = @fromStrategy, source_date = @sourceDate WHERE id = @id');
  const sectionLinks = db.prepare<[string], { section_id: string; priority_id: string }>(`
    SELECT l.section_id, l.priority_id FROM section_priorities l JOIN sections s ON s.id = l.section_id
    WHERE s.plan_id = ? AND s.deleted_at IS NULL ORDER BY s.seq`);
  const commitmentLinks = db.prepare<[string], { id: string; priority_id: string }>(
    'SELECT id, priority_id FROM commitments WHERE plan_id = ? AND priority_id IS NOT NULL ORDER BY position',
  );
  const ofSection = db.prepare<[string], { priority_id: string }>('SELECT priority_id FROM section_priorities WHERE section_id = ?');
  const link = db.prepare('INSERT OR IGNORE INTO section_priorities (section_id, priority_id) VALUES (?, ?)');
  const unlink = db.prepare('DELETE FROM section_priorities WHERE section_id = ? AND priority_id = ?');
  const planOfSection = db.prepare<[string], { plan_id: string }>('SELECT plan_id FROM sections WHERE id = ?');
  const planOfPriority = db.prepare<[string], { plan_id: string }>('SELECT plan_id FROM plan_priorities WHERE id = ?');

  return {
    /** Each of the plan's priorities (in the order `priorities` gives) with what delivers it. */
    list(planId: string, priorities: readonly Priority[]): StrategyPriority[] {
      const extra = new Map(extras.all(planId).map((r) => [r.id, r]));
      const sections = new Map<string, string[]>();
      for (const l of sectionLinks.all(planId)) sections.set(l.priority_id, [...(sections.get(l.priority_id) ?? []), l.section_id]);
      const commitments = new Map<string, string[]>();
      for (const c of commitmentLinks.all(planId)) commitments.set(c.priority_id, [...(commitments.get(c.priority_id) ?? []), c.id]);
      return priorities.map((p) => ({
        ...p,
        fromStrategy: extra.get(p.id)?.from_strategy === 1,
        sourceDate: extra.get(p.id)?.source_date ?? null,
        sectionIds: sections.get(p.id) ?? [],
        commitmentIds: commitments.get(p.id) ?? [],
      }));
    },
    /** Marks a priority as the strategy's (or the plan's own) and sets its source's date. */
    setDetails(priorityId: string, fromStrategy: boolean, sourceDate: string | null): void {
      setExtras.run({ id: priorityId, fromStrategy: fromStrategy ? 1 : 0, sourceDate });
    },
    /** The priorities a section delivers. */
    prioritiesOfSection: (sectionId: string): string[] => ofSection.all(sectionId).map((r) => r.priority_id),
    /** Links or unlinks a section and a priority of the same plan. */
    setSectionLink(sectionId: string, priorityId: string, linked: boolean): void {
      const section = planOfSection.get(sectionId);
      const priority = planOfPriority.get(priorityId);
      if (!section) throw new JfpError('not_found', 'That section could not be found. It may have been deleted.');
      if (!priority) throw new JfpError('not_found', 'That priority could not be found. It may have been deleted.');
      if (section.plan_id !== priority.plan_id) throw new JfpError('invalid_input', 'A section can only deliver a priority of its own plan.');
      if (linked) link.run(sectionId, priorityId);
      else unlink.run(sectionId, priorityId);
    },
  };
}
