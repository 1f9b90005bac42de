// Placing a comment's anchor in saved section content without an editor: finds
// the quoted words in the Lexical JSON and wraps them in a mark carrying the
// thread id, as the editor's own comment marks are stored. Used when comments
// arrive from elsewhere (a reviewer's returned comments, a Word document).
import type { SerializedNode, SerializedState } from '../../../shared/lexical-json';

export type PlaceResult = { ok: true; state: SerializedState } | { ok: false; reason: string };

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function markNode(threadId: string, child: SerializedNode): SerializedNode {
  return { type: 'mark', version: 1, ids: [threadId], direction: null, format: '', indent: 0, children: [child] };
}

/**
 * Wraps the first occurrence of `quote` that lies inside a single text node.
 * Quotes that cross formatting (several text nodes) or are not found are left
 * unplaced, with the reason, so the comment is kept on the section instead.
 */
export function placeMark(state: SerializedState, quote: string, threadId: string): PlaceResult {
  const wanted = normalise(quote);
  if (!wanted) return { ok: false, reason: 'The comment has no quoted text to anchor to.' };
  const copy = structuredClone(state);
  let placed = false;
  const visit = (node: SerializedNode): void => {
    if (placed || !node.children) return;
    for (let i = 0; i < node.children.length && !placed; i++) {
      const child = node.children[i]!;
      if (child.type === 'text' && typeof child.text === 'string') {
        const at = child.text.indexOf(wanted);
        if (at >= 0) {
          const before = child.text.slice(0, at);
          const after = child.text.slice(at + wanted.length);
          const pieces: SerializedNode[] = [];
          if (before) pieces.push({ ...child, text: before });
          pieces.push(markNode(threadId, { ...child, text: wanted }));
          if (after) pieces.push({ ...child, text: after });
          node.children.splice(i, 1, ...pieces);
          placed = true;
        }
      } else if (child.type !== 'mark') visit(child);
    }
  };
  visit(copy.root);
  if (placed) return { ok: true, state: copy };
  return { ok: false, reason: `The words “${wanted.slice(0, 80)}” are no longer in the section, or cross a change of formatting.` };
}
