// The ids the export writes into Word documents (comment ids, section bookmarks), in a
// module of their own: the Word import reads them back without loading the Word
// writer (docx) that comments-docx.ts and docx-sections.ts write them with.

/** 8 hex digits below 0x7FFFFFFF, as Word's w16cid:durableId wants. */
export function durableId(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) & 0x7ffffffe).toString(16).toUpperCase().padStart(8, '0');
}

/**
 * The bookmark on a section's heading: a name Word keeps through edits and
 * re-saves (letters, digits and '_', at most 40 characters), from which an
 * import of a reviewed copy tells which section each comment is in.
 */
export function sectionBookmarkName(sectionId: string): string {
  return `jfp_${sectionId.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 40);
}
