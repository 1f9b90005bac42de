// #15 Each priority's own chapter: the section of "Our system priorities" that
// is this priority (plan_priorities.section_id). Renaming the priority renames
// its chapter unless someone retitled the chapter by hand (its title no longer
// matches the priority's old title).
import type { Db } from './database';

export function createPriorityChapterRepository(db: Db) {
  const link = db.prepare('UPDATE plan_priorities SET section_id = ? WHERE id = ?');
  const chapterOf = db.prepare<[string], { section_id: string | null; title: string }>('SELECT section_id, title FROM plan_priorities WHERE id = ?');
  const sectionTitle = db.prepare<[string], { title: string }>('SELECT title FROM sections WHERE id = ? AND deleted_at IS NULL');
  return {
    link(priorityId: string, sectionId: string): void {
      link.run(sectionId, priorityId);
    },
    /** The priority's chapter and its current title, or undefined when it has none (or it was deleted). */
    chapter(priorityId: string): { sectionId: string; title: string; priorityTitle: string } | undefined {
      const row = chapterOf.get(priorityId);
      if (!row?.section_id) return undefined;
      const section = sectionTitle.get(row.section_id);
      return section ? { sectionId: row.section_id, title: section.title, priorityTitle: row.title } : undefined;
    },
  };
}
