// One section of the document model as Word blocks: its heading at its
// outline level (with its number, and a bookmark an import of a reviewed copy
// finds it by), the template guidance when asked for, and its blocks, with the
// section's comment threads anchored on their marks or, when they have none,
// on the heading.
import { Bookmark, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { WordComments } from './comments-docx';
import { blocksToDocx, type DocxBlock, type DocxContext } from './docx-blocks';
import { headingStyleId, STYLE } from './docx-styles';
import { sectionHeadingText, type DocumentSection } from './model/document';
import { sectionBookmarkName } from './word-ids';

export { sectionBookmarkName };

function guidanceBlocks(lines: readonly string[]): Paragraph[] {
  return lines.map(
    (line, index) =>
      new Paragraph({
        style: STYLE.guidance,
        children: index === 0 ? [new TextRun({ text: 'Guidance: ', bold: true }), new TextRun(line)] : [new TextRun(line)],
      }),
  );
}

export function sectionToDocx(section: DocumentSection, context: Omit<DocxContext, 'comments'>, comments: WordComments | null): DocxBlock[] {
  const anchors = comments?.hasThreads(section.id) ? comments.anchorsFor(section.id, section.blocks) : null;
  const content = blocksToDocx(section.blocks, { ...context, comments: anchors });
  const title: ParagraphChild[] = [new TextRun(sectionHeadingText(section))];
  const heading = new Paragraph({
    style: headingStyleId(section.level),
    // The bookmark is outermost so that it starts before any comment anchored on the heading.
    children: [new Bookmark({ id: sectionBookmarkName(section.id), children: anchors && comments ? comments.wrap(anchors.unanchored(), title) : title })],
    ...(section.startsPage ? { pageBreakBefore: true } : {}),
  });
  const blocks: DocxBlock[] = [heading, ...guidanceBlocks(section.guidance), ...content];
  const unclosed = anchors?.unclosed() ?? [];
  if (unclosed.length) blocks.push(new Paragraph({ children: unclosed }));
  return blocks;
}
