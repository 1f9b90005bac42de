// One plan section as Word blocks: its heading at its outline level (with its
// number), the template guidance when asked for, and its content, with the
// section's comment threads anchored. A section whose content cannot be read or
// walked still appears: as its plain text, or as its title with a note, and
// the export summary says so. Used by the plan document and the board paper.
import { Bookmark, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { ExportWarning, HouseStyle } from '../../../shared/export';
import type { SectionAnchors, WordComments } from './comments-docx';
import { fallbackParagraphs, readContent, UnsupportedContentError, xmlSafe } from './content-nodes';
import { headingStyleId, STYLE } from './docx-styles';
import { contentToDocx, type DocxBlock, type ListInstances } from './lexical-to-docx';
import { headingText, type OutlineEntry } from './outline';

export interface SectionRenderContext {
  style: HouseStyle;
  textWidthTwips: number;
  lists: ListInstances;
  comments: WordComments | null;
  includeGuidance: boolean;
  /** Whether a section starts a new page (the plan starts each chapter on one; a board paper only its first section). */
  startsPage(entry: OutlineEntry, index: number): boolean;
  warnings: ExportWarning[];
}

/**
 * The bookmark on a section's heading: a name Word keeps through edits and
 * re-saves (letters, digits and '_', at most 40 characters), from which an
 * import of a reviewed copy tells which section each comment is in.
 */
export function sectionBookmarkName(sectionId: string): string {
  return `jfp_${sectionId.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 40);
}

/** Plain text with blank-line-separated paragraphs as Word paragraphs of one style. */
export function textParagraphs(text: string, style?: string): Paragraph[] {
  return xmlSafe(text)
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => new Paragraph({ children: [new TextRun(line)], ...(style ? { style } : {}) }));
}

function guidanceBlocks(guidance: string): Paragraph[] {
  const paragraphs = xmlSafe(guidance)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return paragraphs.map(
    (line, index) =>
      new Paragraph({
        style: STYLE.guidance,
        children: index === 0 ? [new TextRun({ text: 'Guidance: ', bold: true }), new TextRun(line)] : [new TextRun(line)],
      }),
  );
}

export function sectionBlocks(entry: OutlineEntry, index: number, context: SectionRenderContext): DocxBlock[] {
  const { section } = entry;
  const warn = (message: string) => context.warnings.push({ sectionId: section.id, sectionTitle: section.title, message });
  const read = readContent(section.content);
  const hasThreads = context.comments?.hasThreads(section.id) ?? false;
  let anchors: SectionAnchors | null = null;
  let content: DocxBlock[];

  if (read.ok) {
    anchors = hasThreads ? context.comments!.anchorsFor(section.id, read.root) : null;
    try {
      content = contentToDocx(read.root, {
        sectionLevel: entry.level,
        textWidthTwips: context.textWidthTwips,
        lists: context.lists,
        comments: anchors,
        colours: { accent: context.style.accentColour, border: context.style.borderColour, shading: context.style.shadingColour },
        warn,
      });
    } catch (error) {
      if (!(error instanceof UnsupportedContentError)) throw error;
      content = fallback(read.root, error.reason, warn);
      anchors = hasThreads ? context.comments!.anchorsFor(section.id, null) : null;
    }
  } else {
    content = fallback(read.value, read.reason, warn);
    anchors = hasThreads ? context.comments!.anchorsFor(section.id, null) : null;
  }

  const title: ParagraphChild[] = [new TextRun(xmlSafe(headingText(entry)))];
  const heading = new Paragraph({
    style: headingStyleId(entry.level),
    // The bookmark is outermost so that it starts before any comment anchored on the heading.
    children: [new Bookmark({ id: sectionBookmarkName(section.id), children: anchors && context.comments ? context.comments.wrap(anchors.unanchored(), title) : title })],
    ...(context.startsPage(entry, index) ? { pageBreakBefore: true } : {}),
  });
  const blocks: DocxBlock[] = [heading];
  if (context.includeGuidance && section.guidance.trim()) blocks.push(...guidanceBlocks(section.guidance));
  blocks.push(...content);
  const unclosed = anchors?.unclosed() ?? [];
  if (unclosed.length) blocks.push(new Paragraph({ children: unclosed }));
  return blocks;
}

function fallback(value: unknown, reason: string, warn: (message: string) => void): DocxBlock[] {
  const paragraphs = fallbackParagraphs(value);
  if (paragraphs.length) {
    warn(`This section was exported as plain text, without its formatting, because ${reason}.`);
    return paragraphs.map((text) => new Paragraph({ children: [new TextRun(xmlSafe(text))] }));
  }
  warn(`This section's text could not be exported because ${reason}; only its title is included. Open the section in JFP Studio to check it.`);
  return [new Paragraph({ style: STYLE.note, children: [new TextRun('The text of this section could not be included in this export.')] })];
}
