// The document model as a Word file: the title page (plan-wide comment threads
// anchored on its title), a board paper's cover sheet, the contents (a TOC
// field written with its page numbers, which Word updates on request), the
// sections, then the appendices (wide ones on landscape pages). What the document holds is decided by the model's
// builders; this file only draws it.
import { Paragraph, TableOfContents, TextRun, type FileChild, type ParagraphChild } from 'docx';
import type { ExportResult, HouseStyle } from '../../../shared/export';
import { WordComments } from './comments-docx';
import { blocksToDocx, imageParagraph, ListInstances, type DocxBlock } from './docx-blocks';
import { packDocument, type DocumentPart } from './docx-document';
import { computesPageNumbers } from './docx-pagination';
import { sectionToDocx } from './docx-sections';
import { headingStyleId, STYLE } from './docx-styles';
import { pageGeometry } from './house-style';
import { CONTENTS_TITLE } from './model/build';
import type { DocumentModel } from './model/document';

function titlePage(model: DocumentModel, comments: WordComments | null): DocxBlock[] {
  const page = model.titlePage;
  const blocks: DocxBlock[] = [];
  if (page.logo) blocks.push(imageParagraph(page.logo));
  if (page.organisation) blocks.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(page.organisation)] }));
  // Plan-wide comment threads (no section) are anchored on the title.
  const title: ParagraphChild[] = [new TextRun(page.title)];
  const planThreads = comments?.hasThreads(null) ? comments.anchorsFor(null, []).unanchored() : [];
  // A board paper's title is one line above its cover sheet, which must fit the first page (#14).
  blocks.push(new Paragraph({ style: model.cover ? STYLE.subtitle : STYLE.title, children: comments ? comments.wrap(planThreads, title) : title }));
  if (page.period) blocks.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(page.period)] }));
  for (const { label, value } of page.details) {
    blocks.push(new Paragraph({ style: STYLE.titlePageDetail, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }));
  }
  if (page.preparedBy) blocks.push(new Paragraph({ spacing: { before: 480 }, children: [new TextRun(page.preparedBy)] }));
  return blocks;
}

function contents(): FileChild[] {
  return [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [new TextRun(CONTENTS_TITLE)] }),
    new TableOfContents(CONTENTS_TITLE, { hyperlink: true, headingStyleRange: '1-3' }),
  ];
}

/**
 * The Word file of the model. `pageNumbers` says whether the contents' page numbers are computed and written with
 * it (the default for any document with a contents page); the benchmark turns it off to measure their cost.
 */
export async function documentToDocx(model: DocumentModel, style: HouseStyle, { pageNumbers = computesPageNumbers(model) } = {}): Promise<ExportResult<Buffer>> {
  const comments = model.threads ? new WordComments(model.threads) : null;
  const page = pageGeometry(style);
  const colours = { accent: style.accentColour, border: style.borderColour, shading: style.shadingColour };
  const lists = new ListInstances();
  const portrait = { textWidthTwips: page.textWidthTwips, lists, colours };

  const body: FileChild[] = titlePage(model, comments);
  if (model.cover) {
    // #14 cover: straight under the paper's title, without the heading's space above, so the filled cover fits page 1.
    body.push(new Paragraph({ style: headingStyleId(1), spacing: { before: 0 }, children: [new TextRun(model.cover.heading)] }));
    body.push(...blocksToDocx([model.cover.table], { ...portrait, comments: null }));
    // #14 cover: what of long values did not fit the cover sheet starts page 2 under its heading.
    const [first, ...rest] = model.cover.continuation;
    if (first?.kind === 'heading') {
      const title = first.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('');
      body.push(new Paragraph({ style: headingStyleId(first.level), pageBreakBefore: true, children: [new TextRun(title)] }));
    }
    body.push(...blocksToDocx(first?.kind === 'heading' ? rest : model.cover.continuation, { ...portrait, comments: null }));
  }
  if (model.contents) body.push(...contents());
  if (model.noSectionsNote) body.push(new Paragraph({ style: STYLE.note, children: [new TextRun(model.noSectionsNote)] }));
  for (const section of model.sections) body.push(...sectionToDocx(section, portrait, comments));

  const parts: DocumentPart[] = [{ children: body }];
  for (const appendix of model.appendices) {
    const textWidthTwips = appendix.landscape ? page.landscapeTextWidthTwips : page.textWidthTwips;
    parts.push({
      ...(appendix.landscape ? { orientation: 'landscape' as const } : {}),
      children: [
        new Paragraph({ style: headingStyleId(1), children: [new TextRun(appendix.title)] }),
        ...blocksToDocx(appendix.blocks, { ...portrait, textWidthTwips, comments: null }),
      ],
    });
  }

  const content = await packDocument({
    ...model.properties,
    style,
    protectiveMarking: model.marking.protectiveMarking,
    draft: model.marking.draft,
    pageNumbers,
    parts,
    comments: comments?.options(),
  });
  return {
    content,
    summary: { kind: model.kind, format: 'docx', sectionCount: model.sections.length, commentCount: comments?.count ?? 0, warnings: model.warnings },
  };
}
