// Pure outline arithmetic: where a section goes when it moves up, down, in or
// out. Returns the moveSection input, or null when the move is not possible.
import { MAX_SECTION_DEPTH, type SectionSummary } from '../../shared/domain';

export interface MoveTarget {
  parentId: string | null;
  index: number;
}

const siblingsOf = (sections: SectionSummary[], parentId: string | null) => sections.filter((s) => s.parentId === parentId);

export function subtreeHeight(sections: SectionSummary[], id: string): number {
  const children = sections.filter((s) => s.parentId === id);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map((c) => subtreeHeight(sections, c.id)));
}

export function moveUp(sections: SectionSummary[], id: string): MoveTarget | null {
  const section = sections.find((s) => s.id === id);
  if (!section) return null;
  const index = siblingsOf(sections, section.parentId).findIndex((s) => s.id === id);
  return index > 0 ? { parentId: section.parentId, index: index - 1 } : null;
}

export function moveDown(sections: SectionSummary[], id: string): MoveTarget | null {
  const section = sections.find((s) => s.id === id);
  if (!section) return null;
  const siblings = siblingsOf(sections, section.parentId);
  const index = siblings.findIndex((s) => s.id === id);
  return index < siblings.length - 1 ? { parentId: section.parentId, index: index + 1 } : null;
}

/** Becomes the last child of the section above it at the same level. */
export function indent(sections: SectionSummary[], id: string): MoveTarget | null {
  const section = sections.find((s) => s.id === id);
  if (!section) return null;
  const siblings = siblingsOf(sections, section.parentId);
  const index = siblings.findIndex((s) => s.id === id);
  const newParent = siblings[index - 1];
  if (!newParent) return null;
  if (newParent.depth + 1 + subtreeHeight(sections, id) > MAX_SECTION_DEPTH) return null;
  return { parentId: newParent.id, index: siblingsOf(sections, newParent.id).length };
}

/** Moves out to follow its parent. */
export function outdent(sections: SectionSummary[], id: string): MoveTarget | null {
  const section = sections.find((s) => s.id === id);
  if (!section || section.parentId === null) return null;
  const parent = sections.find((s) => s.id === section.parentId);
  if (!parent) return null;
  const index = siblingsOf(sections, parent.parentId).findIndex((s) => s.id === parent.id);
  return { parentId: parent.parentId, index: index + 1 };
}

/** Drop `id` before, after or inside `targetId`. */
export function dropTarget(sections: SectionSummary[], id: string, targetId: string, where: 'before' | 'after' | 'inside'): MoveTarget | null {
  if (id === targetId) return null;
  const target = sections.find((s) => s.id === targetId);
  if (!target) return null;
  // Not into its own subtree.
  for (let cursor: SectionSummary | undefined = target; cursor; cursor = sections.find((s) => s.id === cursor!.parentId)) {
    if (cursor.id === id) return null;
  }
  const height = subtreeHeight(sections, id);
  if (where === 'inside') {
    if (target.depth + 1 + height > MAX_SECTION_DEPTH) return null;
    return { parentId: target.id, index: siblingsOf(sections, target.id).filter((s) => s.id !== id).length };
  }
  if (target.depth + height > MAX_SECTION_DEPTH) return null;
  const siblings = siblingsOf(sections, target.parentId).filter((s) => s.id !== id);
  const index = siblings.findIndex((s) => s.id === targetId);
  return { parentId: target.parentId, index: where === 'before' ? index : index + 1 };
}

/** Where a section is now, as a moveSection target: putting it there again changes nothing (undo of a move). */
export function placeOf(sections: SectionSummary[], id: string): MoveTarget | null {
  const section = sections.find((s) => s.id === id);
  if (!section) return null;
  return { parentId: section.parentId, index: siblingsOf(sections, section.parentId).findIndex((s) => s.id === id) };
}

export const REFUSED_INSIDE_ITSELF = 'A section cannot go inside itself or one of its own subsections.';
export const refusedTooDeep = () => `Sections can be nested at most ${MAX_SECTION_DEPTH} levels deep, so it cannot go there.`;

/** Why dropping `id` there is refused, in a sentence; null when the drop is allowed (or is no move at all). */
export function dropRefusal(sections: SectionSummary[], id: string, targetId: string, where: 'before' | 'after' | 'inside'): string | null {
  if (id === targetId || dropTarget(sections, id, targetId, where)) return null;
  const target = sections.find((s) => s.id === targetId);
  if (!target) return null;
  for (let cursor: SectionSummary | undefined = target; cursor; cursor = sections.find((s) => s.id === cursor!.parentId)) {
    if (cursor.id === id) return REFUSED_INSIDE_ITSELF;
  }
  return refusedTooDeep();
}

/** Why Alt+Right cannot indent this section; null when it can, or when nothing is above it to go under. */
export function indentRefusal(sections: SectionSummary[], id: string): string | null {
  const section = sections.find((s) => s.id === id);
  if (!section || indent(sections, id)) return null;
  const siblings = siblingsOf(sections, section.parentId);
  if (siblings.findIndex((s) => s.id === id) <= 0) return 'There is no section above it at the same level to indent it under.';
  return refusedTooDeep();
}

/** The section to move focus to when `id` (with its subsections) goes: its next sibling, else the one before, else its parent. */
export function focusAfterRemoval(sections: SectionSummary[], id: string): string | null {
  const section = sections.find((s) => s.id === id);
  if (!section) return null;
  const siblings = siblingsOf(sections, section.parentId);
  const index = siblings.findIndex((s) => s.id === id);
  return siblings[index + 1]?.id ?? siblings[index - 1]?.id ?? section.parentId ?? null;
}
