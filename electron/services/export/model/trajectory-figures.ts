// #11 The delivery appendix's trajectories: for each commitment with a planned
// value or an actual, its chart (a picture with alt text) and the numbers in a
// table below it, so nothing is only in the picture.
import { RAG_LABELS, type Commitment } from '../../../../shared/domain';
import { formatFinancialYear, financialYearOfDate } from '../../../../shared/financial-year';
import { formatMeasure, formatShortDate, latestActual } from '../../../../shared/rag';
import { chartTitle, describeTrajectory } from '../../../../shared/trajectory-chart';
import { CHART_PIXELS, svgToPng, trajectorySvg } from '../chart-png';
import { commitmentsBlocks, dataTable, type DataColumn } from './appendices';
import { heading, paragraph, text, type Block, type FigureBlock } from './document';
import { xmlSafe } from './read-content';

export const TRAJECTORIES_TITLE = 'Trajectories and latest actuals';
/** Printed width of a chart: fits a portrait page's text width with room to spare. */
const CHART_WIDTH_CM = 14;

interface YearRow {
  year: string;
  planned: string;
  actual: string;
}

const YEAR_COLUMNS: readonly DataColumn<YearRow>[] = [
  { heading: 'Financial year', width: 3, text: (r) => r.year },
  { heading: 'Planned', width: 3, text: (r) => r.planned },
  { heading: 'Latest actual', width: 4, text: (r) => r.actual },
];

/** Whether a commitment has anything to draw. */
export const hasTrajectory = (c: Commitment): boolean => c.actuals.length > 0 || c.trajectory.some((p) => p.planned !== null);

/** The numbers behind one chart: the baseline, then each plan year's planned value and the latest actual within it. */
export function trajectoryRows(c: Commitment): YearRow[] {
  const rows: YearRow[] = [];
  if (c.baselineValue !== null) {
    rows.push({ year: `Baseline${c.baselineDate ? ` (${formatShortDate(c.baselineDate)})` : ''}`, planned: '', actual: formatMeasure(c.baselineValue) });
  }
  for (const point of c.trajectory) {
    const latest = latestActual(c.actuals.filter((a) => financialYearOfDate(a.date) === point.year));
    rows.push({
      year: formatFinancialYear(point.year),
      planned: point.planned === null ? 'None planned' : formatMeasure(point.planned),
      actual: latest ? `${formatMeasure(latest.value)} (${formatShortDate(latest.date)})` : '',
    });
  }
  return rows;
}

export function trajectoryFigure(c: Commitment): FigureBlock {
  const metric = xmlSafe(c.metric || c.commitment);
  const svg = trajectorySvg({ metric, trajectory: c.trajectory, actuals: c.actuals, idPrefix: `chart-${c.id}` });
  const { png, width, height } = svgToPng(svg);
  const altText = `${chartTitle(metric)}. ${describeTrajectory(c.trajectory, c.actuals)} The table below gives every value.`;
  return {
    kind: 'figure',
    caption: chartTitle(metric),
    image: { kind: 'image', name: 'Trajectory chart', png, svg, pixels: { width, height }, altText, widthCm: CHART_WIDTH_CM },
    table: dataTable(YEAR_COLUMNS, trajectoryRows(c), `${chartTitle(metric)}: planned values and latest actuals by financial year`),
  };
}

/** The trajectories part of the delivery appendix ([] when no commitment has a plan or an actual). */
export function trajectoryBlocks(commitments: readonly Commitment[]): Block[] {
  const drawn = commitments.filter(hasTrajectory);
  if (drawn.length === 0) return [];
  const blocks: Block[] = [
    heading(2, TRAJECTORIES_TITLE),
    paragraph([
      text(
        'Each chart shows the planned value for each financial year as a line and the actuals recorded so far as points. The table below each chart gives the numbers.',
      ),
    ]),
  ];
  for (const c of drawn) {
    blocks.push(heading(3, xmlSafe(c.commitment.trim() || c.metric.trim() || 'Commitment').slice(0, 200)));
    blocks.push(paragraph([text(`Status: ${statusLine(c)}`)], { note: true }));
    blocks.push(trajectoryFigure(c));
  }
  return blocks;
}

/** The whole delivery appendix below its heading: the table, then the trajectories (the plan's appendix, and A2's companion document). */
export function deliveryAppendixBlocks(commitments: readonly Commitment[], layout: 'table' | 'stacked' = 'table'): Block[] {
  return [...commitmentsBlocks(commitments, layout), ...trajectoryBlocks(commitments)];
}

function statusLine(c: Commitment): string {
  const computed = xmlSafe(c.ragComputed.reason);
  if (c.ragOverride) return `${RAG_LABELS[c.rag]}, set by hand: ${xmlSafe(c.ragOverrideReason)} (computed from the actuals: ${computed})`;
  return `${RAG_LABELS[c.rag]}. ${computed}`;
}

export { CHART_PIXELS };
