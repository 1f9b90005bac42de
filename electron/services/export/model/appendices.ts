// The plan's appendices as model blocks: the delivery commitments as one data
// table (drawn on landscape pages in Word) and each Health and Wellbeing
// Board's opinion on the plan. Also data tables in general (the consultation
// report is one): a header row, explicit relative widths, plain-text cells.
import { RAG_LABELS, type Commitment, type HwbOpinion, type ProperAccountAnswer } from '../../../../shared/domain';
import { formatFinancialYear } from '../../../../shared/financial-year';
import { formatLongDate } from '../house-style';
import { heading, paragraph, text, textParagraphs, type Block, type TableBlock, type TableCell } from './document';
import { xmlSafe } from './read-content';

export const COMMITMENTS_TITLE = 'Delivery commitments';
export const HWB_TITLE = 'Health and Wellbeing Board opinions';
export const HWB_INTRO =
  'Each Health and Wellbeing Board in our area received the draft plan and gave its opinion on whether the plan takes proper account of its joint local health and wellbeing strategy.';
export const HWB_OUTSTANDING = 'The board has not yet given its opinion.';

/** What a board said about proper account of its strategy, as a sentence ('' when it did not say). */
export function properAccountSentence(answer: ProperAccountAnswer): string {
  if (answer === 'yes') return 'The board’s view: the plan takes proper account of its joint local health and wellbeing strategy.';
  if (answer === 'no') return 'The board’s view: the plan does not take proper account of its joint local health and wellbeing strategy.';
  return '';
}

/** A column of a data table: heading, relative width, cell text. */
export interface DataColumn<T> {
  heading: string;
  width: number;
  text(row: T): string;
}

/** Columns of the delivery table. */
export const COMMITMENT_COLUMNS: readonly DataColumn<Commitment>[] = [
  { heading: 'Priority', width: 11, text: (c) => c.priority },
  { heading: 'Commitment', width: 21, text: (c) => c.commitment },
  { heading: 'Metric', width: 13, text: (c) => c.metric },
  { heading: 'Baseline', width: 11, text: (c) => c.baseline },
  {
    heading: 'Target',
    width: 13,
    text: (c) => (c.guidanceYear ? `${c.target} (${/^\d{4}\/\d{2}$/.test(c.guidanceYear) ? `${c.guidanceYear} planning guidance` : c.guidanceYear})` : c.target),
  }, // #15: "Local ambition" is not guidance
  { heading: 'Target year', width: 8, text: (c) => (c.targetYear === null ? '' : formatFinancialYear(c.targetYear)) },
  { heading: 'Lead organisation', width: 14, text: (c) => c.leadOrg },
  { heading: 'Status', width: 9, text: (c) => (c.rag === 'not_set' ? '' : RAG_LABELS[c.rag]) },
];

const textCell = (value: string, rowHeading = false): TableCell => ({ content: { text: xmlSafe(value) }, colSpan: 1, rowSpan: 1, rowHeading });

/** A data table as screen readers and Word expect: one header row, explicit widths, plain-text cells. */
export function dataTable<T>(columns: readonly DataColumn<T>[], rows: readonly T[], caption = ''): TableBlock {
  return {
    kind: 'table',
    caption,
    columnCount: columns.length,
    widths: columns.map((c) => c.width),
    head: [columns.map((c) => textCell(c.heading))],
    body: rows.map((row) => columns.map((c) => textCell(c.text(row)))),
  };
}

/** The delivery commitments appendix, below its heading. */
export function commitmentsBlocks(commitments: readonly Commitment[]): Block[] {
  if (commitments.length === 0) return [paragraph([text('No delivery commitments have been recorded for this plan yet.')])];
  return [
    paragraph([
      text('The table lists what we will deliver, how we will measure it, and who leads each commitment. Targets show the planning guidance year that set them.'),
    ]),
    dataTable(COMMITMENT_COLUMNS, commitments, `${COMMITMENTS_TITLE}: what we will deliver, how we will measure it, and who leads it`),
  ];
}

/** The Health and Wellbeing Boards' opinions appendix, below its heading. */
export function hwbOpinionBlocks(opinions: readonly HwbOpinion[]): Block[] {
  const blocks: Block[] = [paragraph([text(HWB_INTRO)])];
  if (opinions.length === 0) {
    blocks.push(paragraph([text('No Health and Wellbeing Board opinions have been recorded yet.')]));
    return blocks;
  }
  for (const opinion of opinions) {
    blocks.push(heading(2, xmlSafe(opinion.board)));
    if (opinion.receivedOn) blocks.push(paragraph([text(`Opinion received ${formatLongDate(opinion.receivedOn)}.`)], { note: true }));
    const view = properAccountSentence(opinion.takesProperAccount);
    if (view) blocks.push(paragraph([text(view, 1)]));
    const paragraphs = textParagraphs(xmlSafe(opinion.opinion));
    if (paragraphs.length) blocks.push(...paragraphs);
    else if (!view) blocks.push(paragraph([text(HWB_OUTSTANDING)]));
  }
  return blocks;
}

/**
 * The statutory check on a final plan: each Health and Wellbeing Board's
 * opinion must be in it. Null when nothing is missing or the plan is a draft.
 */
export function missingOpinionsWarning(isFinal: boolean, opinions: readonly HwbOpinion[]): string | null {
  if (!isFinal) return null;
  const outstanding = opinions.filter((o) => !o.receivedOn && !o.opinion.trim()).map((o) => o.board);
  if (opinions.length === 0) {
    return 'The plan is marked final but no Health and Wellbeing Board opinions are recorded; the final plan must include each board’s opinion.';
  }
  if (!outstanding.length) return null;
  return `The plan is marked final but ${outstanding.join(' and ')} ${outstanding.length === 1 ? 'has' : 'have'} not given an opinion; the final plan must include each board’s opinion.`;
}
