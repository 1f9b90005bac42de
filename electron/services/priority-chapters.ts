// #15 The plan's priorities drive "Our system priorities": a plan made from a
// template with a section repeated per priority gets one chapter per priority
// (the template's defaults, e.g. three), and each priority remembers its
// chapter. The rule when a priority is renamed: its chapter is renamed too,
// unless the chapter's title was changed by hand (it no longer equals the
// priority's old title), in which case the person's title is kept.
import type { Store } from './store';
import { prioritySuffix } from './templates';

/** Adds `titles` as the plan's priorities and links each to its chapter ("…@priority-N"). Call inside a write. */
export function addPriorityChapters(
  store: Store,
  planId: string,
  titles: readonly { title: string; description?: string; source?: string; governanceGroup?: string }[],
  chapterCount: number,
): void {
  const sections = store.sections.idsByTemplateKey(planId);
  // The chapter is the outermost section repeated for the first priority (its subsections share the suffix).
  const first = prioritySuffix(0);
  const base = [...sections.keys()]
    .filter((key) => key.endsWith(first))
    .map((key) => key.slice(0, -first.length))
    .sort((a, b) => a.length - b.length)[0];
  titles.forEach((fields, i) => {
    const added = store.priorities.add(planId, {
      title: fields.title,
      description: fields.description ?? '',
      source: fields.source ?? '',
      governanceGroup: fields.governanceGroup ?? '',
    });
    const sectionId = base !== undefined && i < chapterCount ? sections.get(base + prioritySuffix(i)) : undefined;
    if (sectionId) store.priorityChapters.link(added.id, sectionId);
  });
}

/** Before a priority is renamed: what its chapter should be called afterwards (undefined: leave it). */
export function chapterRename(store: Store, priorityId: string, newTitle: string | undefined): { sectionId: string; title: string } | undefined {
  if (newTitle === undefined) return undefined;
  const chapter = store.priorityChapters.chapter(priorityId);
  if (!chapter || chapter.title !== chapter.priorityTitle || chapter.title === newTitle.trim()) return undefined;
  return { sectionId: chapter.sectionId, title: newTitle.trim() };
}
