// The plan's appendices in Word: the delivery commitments as one table (header
// row repeated on every page, explicit column widths, drawn on landscape pages
// by the caller) and each Health and Wellbeing Board's opinion on the plan.
import { BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { RAG_LABELS, type Commitment, type HwbOpinion, type ProperAccountAnswer } from '../../../shared/domain';
import type { HouseStyle } from '../../../shared/export';
import { xmlSafe } from './content-nodes';
import { headingStyleId, STYLE } from './docx-styles';
import { textParagraphs } from './docx-sections';
import { formatLongDate } from './house-style';
import { columnWidths, type DocxBlock } from './lexical-to-docx';

export const COMMITMENTS_TITLE = 'Delivery commitments';
export const HWB_INTRO =
  'Each Health and Wellbeing Board in our area received the draft plan and gave its opinion on whether the plan takes proper account of its joint local health and wellbeing strategy.';
export const HWB_OUTSTANDING = 'The board has not yet given its opinion.';

/** What a board said about proper account of its strategy, as a sentence ('' when it did not say). */
export function properAccountSentence(answer: ProperAccountAnswer): string {
  if (answer === 'yes') return 'The board’s view: the plan takes proper account of its joint local health and wellbeing strategy.';
  if (answer === 'no') return 'The board’s view: the plan does not take proper account of its joint local health and wellbeing strategy.';
  return '';
}
export const HWB_TITLE = 'Health and Wellbeing Board opinions';

/** Columns of the delivery table: heading, relative width, cell text. */
export const COMMITMENT_COLUMNS: readonly DataColumn<Commitment>[] = [
  { heading: 'Priority', width: 11, text: (c) => c.priority },
  { heading: 'Commitment', width: 21, text: (c) => c.commitment },
  { heading: 'Metric', width: 13, text: (c) => c.metric },
  { heading: 'Baseline', width: 11, text: (c) => c.baseline },
  { heading: 'Target', width: 13, text: (c) => (c.guidanceYear ? `${c.target} (${c.guidanceYear} planning guidance)` : c.target) },
  { heading: 'Target year', width: 8, text: (c) => (c.targetYear === null ? '' : String(c.targetYear)) },
  { heading: 'Lead organisation', width: 14, text: (c) => c.leadOrg },
  { heading: 'Status', width: 9, text: (c) => (c.rag === 'not_set' ? '' : RAG_LABELS[c.rag]) },
];

function cell(text: string, width: number, style: string, fill?: string): TableCell {
  const lines = xmlSafe(text).split(/\r?\n/);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ style, children: lines.flatMap((line, i) => (i ? [new TextRun({ text: line, break: 1 })] : [new TextRun(line)])) })],
    ...(fill ? { shading: { fill } } : {}),
  });
}

/** A column of a data table: heading, relative width, cell text. */
export interface DataColumn<T> {
  heading: string;
  width: number;
  text(row: T): string;
}

/** A data table as screen readers and Word expect: a header row repeated on every page, explicit widths, rows kept whole. */
export function dataTable<T>(columns: readonly DataColumn<T>[], rows: readonly T[], style: HouseStyle, textWidthTwips: number): Table {
  const widths = columnWidths(columns.map((c) => c.width), columns.length, textWidthTwips);
  const border = { style: BorderStyle.SINGLE, size: 4, color: style.borderColour };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((column, i) => cell(column.heading, widths[i]!, STYLE.tableHeading, style.accentColour)),
  });
  const body = rows.map((row) => new TableRow({ cantSplit: true, children: columns.map((column, i) => cell(column.text(row), widths[i]!, STYLE.tableText)) }));
  return new Table({
    rows: [header, ...body],
    width: { size: textWidthTwips, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    margins: { left: 100, right: 100 },
  });
}

export function commitmentsBlocks(commitments: readonly Commitment[], heading: string, style: HouseStyle, textWidthTwips: number): DocxBlock[] {
  const blocks: DocxBlock[] = [new Paragraph({ style: headingStyleId(1), children: [new TextRun(heading)] })];
  if (commitments.length === 0) {
    blocks.push(new Paragraph({ children: [new TextRun('No delivery commitments have been recorded for this plan yet.')] }));
    return blocks;
  }
  blocks.push(
    new Paragraph({
      children: [new TextRun('The table lists what we will deliver, how we will measure it, and who leads each commitment. Targets show the planning guidance year that set them.')],
    }),
  );
  blocks.push(dataTable(COMMITMENT_COLUMNS, commitments, style, textWidthTwips));
  return blocks;
}

export function hwbOpinionBlocks(opinions: readonly HwbOpinion[], heading: string): DocxBlock[] {
  const blocks: DocxBlock[] = [
    new Paragraph({ style: headingStyleId(1), children: [new TextRun(heading)] }),
    new Paragraph({ children: [new TextRun(HWB_INTRO)] }),
  ];
  if (opinions.length === 0) {
    blocks.push(new Paragraph({ children: [new TextRun('No Health and Wellbeing Board opinions have been recorded yet.')] }));
    return blocks;
  }
  for (const opinion of opinions) {
    blocks.push(new Paragraph({ style: headingStyleId(2), children: [new TextRun(xmlSafe(opinion.board))] }));
    if (opinion.receivedOn) blocks.push(new Paragraph({ style: STYLE.note, children: [new TextRun(`Opinion received ${formatLongDate(opinion.receivedOn)}.`)] }));
    const view = properAccountSentence(opinion.takesProperAccount);
    if (view) blocks.push(new Paragraph({ children: [new TextRun({ text: view, bold: true })] }));
    const paragraphs = textParagraphs(opinion.opinion);
    if (paragraphs.length) blocks.push(...paragraphs);
    else if (!view) blocks.push(new Paragraph({ children: [new TextRun(HWB_OUTSTANDING)] }));
  }
  return blocks;
}
