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
