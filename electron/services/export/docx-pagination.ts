// Whether a Word export carries its contents' page numbers. They are worked
// out by laying the pages out as Word does (docx/layout's estimator, run while
// the file is written) and written as the TOC field's result, so the contents
// reads right in any viewer and Word still updates it on request. The layout
// costs time in proportion to the text (2 to 5 s for the sample plan's board
// paper of 55,000 characters, 50 s for one of 26,000 words on a busy machine:
// see `npm run bench -- export`), so it is done for board papers up to a
// size, and larger documents keep the field Word fills when the file opens.
import type { Block, DocumentModel, Inline } from './model/document';

/** Characters of text above which the contents is left for Word to number (the sample plan's board paper has 55,540). */
export const PAGE_NUMBER_LIMIT_CHARS = 80_000;

function inlineChars(inlines: readonly Inline[]): number {
  let n = 0;
  for (const i of inlines) n += i.kind === 'text' ? i.text.length : i.kind === 'link' ? inlineChars(i.children) : 1;
  return n;
}

function blockChars(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'quote') n += inlineChars(b.inlines);
    else if (b.kind === 'list') n += b.items.reduce((sum, item) => sum + inlineChars(item.inlines) + item.lists.reduce((s, l) => s + blockChars([l]), 0), 0);
    else if (b.kind === 'table')
      for (const row of [...b.head, ...b.body]) for (const cell of row) n += 'text' in cell.content ? cell.content.text.length : blockChars(cell.content.blocks);
  }
  return n;
}

/** The document's text length in characters (headings, paragraphs, lists, tables). */
export function documentChars(model: DocumentModel): number {
  let n = model.cover ? blockChars([model.cover.table]) : 0;
  for (const section of model.sections) n += section.title.length + blockChars(section.blocks);
  for (const appendix of model.appendices) n += appendix.title.length + blockChars(appendix.blocks);
  return n;
}

/** Whether the contents' page numbers are computed and written with the file. */
export function computesPageNumbers(model: DocumentModel): boolean {
  return model.contents && model.kind === 'board_paper' && documentChars(model) <= PAGE_NUMBER_LIMIT_CHARS;
}
