// The plan's appendices as model blocks: the delivery commitments as one data
// table (drawn on landscape pages in Word) and each Health and Wellbeing
// Board's opinion on the plan. Also data tables in general (the consultation
// report is one): a header row, explicit relative widths, plain-text cells.
import { RAG_LABELS, type Commitment, type HwbOpinion, type ProperAccountAnswer } from '../../../../shared/domain';
import { formatFinancialYear } from '../../../../shared/financial-year';
import { formatLongDate } from '../house-style';
import { TEXT_FORMAT } from '../../../../shared/lexical-json';
import { heading, paragraph, text, textParagraphs, type Block, type Inline, type ParagraphBlock, type TableBlock, type TableCell } from './document';
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
  { heading: 'Target', width: 13, text: (c) => (c.guidanceYear ? `${c.target} (${c.guidanceYear} planning guidance)` : c.target) },
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

/** The delivery commitments appendix, below its heading: one wide table, or a small table per commitment (#14). */
export function commitmentsBlocks(commitments: readonly Commitment[], layout: 'table' | 'stacked' = 'table'): Block[] {
  if (commitments.length === 0) return [paragraph([text('No delivery commitments have been recorded for this plan yet.')])];
  if (layout === 'stacked') {
    return [
      paragraph([
        text('Each commitment below gives what we will deliver, who leads it and how it is going, how we will measure it, where we start from and the target.'),
      ]),
      ...commitments.map((c, i) => stackedCommitment(c, i + 1)),
    ];
  }
  return [
    paragraph([
      text('The table lists what we will deliver, how we will measure it, and who leads each commitment. Targets show the planning guidance year that set them.'),
    ]),
    dataTable(COMMITMENT_COLUMNS, commitments, `${COMMITMENTS_TITLE}: what we will deliver, how we will measure it, and who leads it`),
  ];
}

// ------------------------------------------------ #14 stacked commitments

const column = (heading: string) => COMMITMENT_COLUMNS.find((c) => c.heading === heading)!;
const cellOf = (c: Commitment, heading: string) => column(heading).text(c);

/** One commitment's lines after its own: label and value pairs, as read aloud and printed. */
function stackedLines(c: Commitment): [string, string][][] {
  const year = cellOf(c, 'Target year');
  const target = [cellOf(c, 'Target'), year ? `by ${year}` : ''].filter(Boolean).join(' ');
  return [
    [
      ['Priority', cellOf(c, 'Priority')],
      ['Status', cellOf(c, 'Status') || 'Not set'],
      ['Lead organisation', cellOf(c, 'Lead organisation')],
    ],
    [['Metric', cellOf(c, 'Metric')]],
    [
      ['Baseline', cellOf(c, 'Baseline')],
      ['Target', target],
    ],
  ];
}

/**
 * One commitment as one paragraph on a portrait page, read down rather than
 * across a wide row: the commitment in bold, then its measures as labelled
 * lines (priority, status and lead; the metric; baseline and target). The
 * same words as the wide table's row, in a third of the room.
 */
function stackedCommitment(c: Commitment, n: number): ParagraphBlock {
  const inlines: Inline[] = [text(`${n}. ${xmlSafe(c.commitment.trim() || c.metric.trim() || 'Commitment')}`, TEXT_FORMAT.bold)];
  for (const line of stackedLines(c)) {
    inlines.push({ kind: 'break' });
    line.forEach(([label, value], i) => {
      inlines.push(text(`${i ? '   ' : ''}${label}: `, TEXT_FORMAT.bold));
      if (value) inlines.push(text(xmlSafe(value)));
      else inlines.push(text('none given'));
    });
  }
  return paragraph(inlines);
}

/** Characters of 12 pt Arial in a centimetre of line, on average (measured from body text). */
const CHARS_PER_CM = 4.6;

const linesFor = (text: string, widthCm: number) => Math.max(1, Math.ceil(text.length / Math.max(1, (widthCm - 0.3) * CHARS_PER_CM)));

/**
 * Which layout takes fewer pages, estimated from the text: the wide table on
 * landscape pages (24.7 by 16 cm of text) wraps every cell of a row to its
 * longest one; the stacked commitments on portrait pages (16 by 24.7 cm) are
 * lines of text across the page.
 */
export function chooseCommitmentsLayout(commitments: readonly Commitment[], textWidthCm = 16, textHeightCm = 24.7): 'table' | 'stacked' {
  if (commitments.length === 0) return 'table';
  const total = COMMITMENT_COLUMNS.reduce((n, c) => n + c.width, 0);
  let tableLines = 1;
  let stacked = 0;
  for (const c of commitments) {
    tableLines += Math.max(...COMMITMENT_COLUMNS.map((col) => linesFor(col.text(c), (textHeightCm * col.width) / total)));
    stacked +=
      linesFor(c.commitment, textWidthCm) + stackedLines(c).reduce((n, line) => n + linesFor(line.map(([l, v]) => `${l}: ${v}`).join('   '), textWidthCm), 0) + 0.9;
  }
  // A table line with its cell spacing is about 0.62 cm, a line of text 0.5 cm; a landscape page holds textWidthCm of height, a portrait one textHeightCm.
  const tablePages = (tableLines * 0.62) / textWidthCm;
  const stackedPages = (stacked * 0.5) / textHeightCm;
  return stackedPages < tablePages ? 'stacked' : 'table';
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
