// The plan's appendices as model blocks: the delivery commitments as one data
// table (drawn on landscape pages in Word) and each Health and Wellbeing
// Board's opinion on the plan. Also data tables in general (the consultation
// report is one): a header row, explicit relative widths, plain-text cells.
import { RAG_LABELS, type Commitment, type HwbBoard, type ProperAccountAnswer, type SignOff } from '../../../../shared/domain';
import { boardState, opinionGiven, opinionsGivenSentence } from '../../../../shared/hwb-state';
import { formatFinancialYear } from '../../../../shared/financial-year';
import { formatLongDate } from '../house-style';
import { TEXT_FORMAT } from '../../../../shared/lexical-json';
import { heading, paragraph, text, textParagraphs, type Block, type Inline, type ParagraphBlock, type TableBlock, type TableCell } from './document';
import { xmlSafe } from './read-content';

export const COMMITMENTS_TITLE = 'Delivery commitments';
export const HWB_TITLE = 'Health and Wellbeing Board opinions';
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

// #15 HWB appendix: generated from the boards' record, in words that match where each board has got to.

/** The opening paragraph: how many boards, how many were sent the draft, how many have given an opinion. */
export function hwbIntro(boards: readonly HwbBoard[]): string {
  if (boards.length === 0) return 'No Health and Wellbeing Boards have been recorded for this plan yet.';
  const sent = boards.filter((b) => boardState(b) !== 'not_sent').length;
  const given = boards.filter(opinionGiven).length;
  const area = boards.length === 1 ? 'There is one Health and Wellbeing Board in our area.' : `There are ${boards.length} Health and Wellbeing Boards in our area.`;
  const asked =
    sent === 0
      ? 'The draft plan has not yet been sent to any of them for its opinion.'
      : `${sent === boards.length ? (boards.length === 1 ? 'It was' : 'Each was') : `${sent} of ${boards.length} ${boards.length === 1 ? 'was' : 'were'}`} sent the draft plan and asked whether it takes proper account of the joint local health and wellbeing strategy.`;
  const opinions = `${opinionsGivenSentence(given, boards.length)}${given ? '; each opinion is set out below in the board’s own words' : ''}.`;
  return `${area} ${asked} ${opinions}`;
}

/** What is known of one board, as sentences that never claim an opinion before one is recorded. */
export function boardStateSentences(board: HwbBoard): string[] {
  const on = (date: string | null) => (date ? ` on ${formatLongDate(date)}` : '');
  const out: string[] = [];
  if (board.places.length) out.push(`The board covers ${listInWords(board.places)}.`);
  const state = boardState(board);
  if (state === 'not_sent') out.push('The draft plan has not yet been sent to the board.');
  else if (board.draftSentOn) out.push(`The draft plan was sent to the board${on(board.draftSentOn)}.`);
  if (state === 'awaiting') out.push('Its opinion has not yet been received.');
  if (state === 'opinion_on_draft') out.push(`The board gave its opinion on the draft plan${on(board.receivedOn)}.`);
  if (state === 'opinion_on_final') out.push(`The board gave its opinion on the final plan${on(board.receivedOn)}.`);
  if (opinionGiven(board) && board.sharedWithNhseOn) out.push(`Its opinion was shared with NHS England${on(board.sharedWithNhseOn)}.`);
  if (board.finalSentOn) out.push(`The final plan was sent to the board${on(board.finalSentOn)}.`);
  return out;
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The Health and Wellbeing Boards' opinions appendix, below its heading: one part per board. */
export function hwbOpinionBlocks(boards: readonly HwbBoard[]): Block[] {
  const blocks: Block[] = [paragraph([text(xmlSafe(hwbIntro(boards)))])];
  for (const board of boards) {
    blocks.push(heading(2, xmlSafe(board.board)));
    blocks.push(paragraph([text(xmlSafe(boardStateSentences(board).join(' ')))], { note: true }));
    if (!opinionGiven(board)) continue;
    const view = properAccountSentence(board.takesProperAccount);
    if (view) blocks.push(paragraph([text(view, 1)]));
    blocks.push(...textParagraphs(xmlSafe(board.opinion)));
  }
  return blocks;
}

/**
 * The statutory check on a final plan: each Health and Wellbeing Board's
 * opinion must be in it. Null when nothing is missing or the plan is a draft.
 */
export function missingOpinionsWarning(isFinal: boolean, boards: readonly HwbBoard[]): string | null {
  if (!isFinal) return null;
  const outstanding = boards.filter((b) => !opinionGiven(b)).map((b) => b.board);
  if (boards.length === 0) {
    return 'The plan is marked final but no Health and Wellbeing Board opinions are recorded; the final plan must include each board’s opinion.';
  }
  if (!outstanding.length) return null;
  return `The plan is marked final but ${listInWords(outstanding)} ${outstanding.length === 1 ? 'has' : 'have'} not given an opinion; the final plan must include each board’s opinion.`;
}

// #15 sign-off: the board paper's "Sign-off" appendix
export const SIGN_OFF_TITLE = 'Sign-off';

/** Who signed the plan off as final, and when; then each blocking item still open at sign-off with the reason recorded for it. */
export function signOffBlocks(signOff: SignOff): Block[] {
  const blocks: Block[] = [paragraph([text(xmlSafe(`The plan was signed off as final by ${signOff.name} (${signOff.role}) on ${formatLongDate(signOff.at)}.`))])];
  if (signOff.reasons.length === 0) {
    blocks.push(paragraph([text('No blocking readiness item was open when it was signed off.')]));
    return blocks;
  }
  const count = signOff.reasons.length;
  blocks.push(
    paragraph([
      text(
        `${count === 1 ? 'One blocking readiness item was' : `${count} blocking readiness items were`} not done when it was signed off. The reason recorded for each:`,
      ),
    ]),
  );
  blocks.push(
    dataTable(
      [
        { heading: 'Item not done', width: 2, text: (r: SignOff['reasons'][number]) => r.label },
        { heading: 'Reason recorded at sign-off', width: 3, text: (r: SignOff['reasons'][number]) => r.reason },
      ],
      signOff.reasons,
      'Blocking items signed off with a reason',
    ),
  );
  return blocks;
}
