// A board paper in Word: the ICB's cover sheet (meeting, purpose, the
// recommendation, executive summary, risks, implications...) as an accessible
// two-column table with a header row, then the chosen plan sections and, when
// asked, the delivery commitments and Health and Wellbeing Board opinions.
import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle, type FileChild, type ParagraphChild } from 'docx';
import type { BoardPaperTemplate, ExportOptions, ExportResult, ExportWarning, HouseStyle, PlanExportData } from '../../../shared/export';
import { COMMITMENTS_TITLE, commitmentsBlocks, HWB_TITLE, hwbOpinionBlocks } from './appendices-docx';
import { WordComments } from './comments-docx';
import { xmlSafe } from './content-nodes';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE, type CoverSheet } from './cover-sheet';
import { logoParagraph, packDocument, type DocumentPart } from './docx-document';
import { headingStyleId, NUMBERING, STYLE } from './docx-styles';
import { pageGeometry } from './house-style';
import { columnWidths, ListInstances } from './lexical-to-docx';
import { planOutline } from './outline';
import { noSectionsWarning, outlineBlocks, planSubject } from './plan-docx';

export interface BoardPaperInput {
  data: PlanExportData;
  options: ExportOptions;
  style: HouseStyle;
  /** The values entered on the cover sheet, by field key. */
  cover: unknown;
  template?: BoardPaperTemplate;
}

function coverTable(sheet: CoverSheet, style: HouseStyle, textWidthTwips: number, lists: ListInstances): Table {
  const widths = columnWidths([32, 68], 2, textWidthTwips);
  const border = { style: BorderStyle.SINGLE, size: 4, color: style.borderColour };
  const cell = (children: Paragraph[], width: number, fill?: string) =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA }, ...(fill ? { shading: { fill } } : {}) });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: sheet.columnHeadings.map((text, i) => cell([new Paragraph({ style: STYLE.tableHeading, children: [new TextRun(xmlSafe(text))] })], widths[i]!, style.accentColour)),
  });
  const rows = sheet.rows.map((row) => {
    const numbering = row.field.kind === 'list' && !row.missing ? { reference: NUMBERING.bullet, level: 0, instance: lists.take() } : null;
    const paragraphs = row.lines.map(
      (line) =>
        new Paragraph({
          style: STYLE.tableText,
          children: [new TextRun(row.missing ? { text: line, italics: true } : xmlSafe(line))],
          ...(numbering ? { numbering } : {}),
        }),
    );
    return new TableRow({
      children: [cell([new Paragraph({ style: STYLE.tableRowHeading, children: [new TextRun(xmlSafe(row.field.label))] })], widths[0]!, style.shadingColour), cell(paragraphs, widths[1]!)],
    });
  });
  return new Table({
    rows: [header, ...rows],
    width: { size: textWidthTwips, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    margins: { left: 100, right: 100 },
  });
}

export async function boardPaperToDocx(input: BoardPaperInput): Promise<ExportResult<Buffer>> {
  const { data, options, style } = input;
  const { plan } = data;
  const sheet = coverSheet(input.template ?? DEFAULT_BOARD_PAPER_TEMPLATE, input.cover, plan);
  const warnings: ExportWarning[] = sheet.missingRequired.map((message) => ({ sectionId: null, sectionTitle: sheet.heading, message }));
  const warn = (message: string) => warnings.push({ sectionId: null, sectionTitle: sheet.heading, message });
  const outline = planOutline(data.sections, options.sections, options.numberHeadings);
  const comments = options.includeComments ? new WordComments(data.comments, new Set(outline.map((e) => e.section.id))) : null;
  const page = pageGeometry(style);
  const lists = new ListInstances();

  const title: ParagraphChild[] = [new TextRun(xmlSafe(sheet.title))];
  const planThreads = comments?.hasThreads(null) ? comments.anchorsFor(null, null).unanchored() : [];
  const body: FileChild[] = [];
  const logo = logoParagraph(style, warn);
  if (logo) body.push(logo);
  body.push(
    new Paragraph({ style: STYLE.subtitle, children: [new TextRun(xmlSafe(style.organisationName || plan.icbName))] }),
    new Paragraph({ style: STYLE.title, children: comments ? comments.wrap(planThreads, title) : title }),
    new Paragraph({ style: headingStyleId(1), children: [new TextRun(xmlSafe(sheet.heading))] }),
    coverTable(sheet, style, page.textWidthTwips, lists),
  );
  if (outline.length === 0) body.push(noSectionsWarning(warnings));
  const sections = outlineBlocks(outline, {
    style,
    textWidthTwips: page.textWidthTwips,
    lists,
    comments,
    includeGuidance: options.includeGuidance,
    startsPage: (_entry, index) => index === 0,
    warnings,
  });
  body.push(...sections);

  const parts: DocumentPart[] = [{ children: body }];
  if (options.includeCommitments) {
    parts.push({ orientation: 'landscape', children: commitmentsBlocks(data.commitments, COMMITMENTS_TITLE, style, page.landscapeTextWidthTwips) });
  }
  if (options.includeHwbOpinions) parts.push({ children: hwbOpinionBlocks(data.hwbOpinions, HWB_TITLE) });

  const content = await packDocument({
    title: sheet.title,
    subject: `Board paper: ${planSubject(plan)}`,
    creator: style.organisationName || plan.icbName,
    description: `${sheet.heading}: ${sheet.title}`,
    style,
    protectiveMarking: plan.protectiveMarking,
    draft: !plan.isFinal,
    parts,
    comments: comments?.options(),
  });
  return {
    content,
    summary: { kind: 'board_paper', format: 'docx', sectionCount: outline.length, commentCount: comments?.count ?? 0, warnings },
  };
}
