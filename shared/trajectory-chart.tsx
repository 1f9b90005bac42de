// #11 A commitment's trajectory as a small SVG chart: the planned line across the
// plan's financial years and the actuals as points. Pure rendering (no effects,
// no layout measuring), so the same component draws in the app (B's grid) and in
// Node for the Word export (renderToStaticMarkup, then a PNG). Victory draws the
// axes and marks; the outer <svg> is ours so it carries the accessible title and
// description the app and the export both need.
import { VictoryAxis } from 'victory-axis';
import { VictoryChart } from 'victory-chart';
import { VictoryLine } from 'victory-line';
import { VictoryScatter } from 'victory-scatter';
import type { Actual, TrajectoryPoint } from './domain';
import { formatFinancialYear } from './financial-year';
import { formatMeasure, formatShortDate } from './rag';

export const CHART_SIZE = { width: 480, height: 260 } as const;
/** Fonts most machines have; the PNG renderer is given the same list. */
export const CHART_FONT = 'Arial, "Liberation Sans", "DejaVu Sans", Helvetica, sans-serif';
const PLANNED_COLOUR = '#005EB8'; // NHS blue
const ACTUAL_COLOUR = '#212B32'; // NHS black: points differ from the line in shape as well as colour

export interface TrajectoryChartProps {
  /** Used for the title: "Trajectory: <metric>". */
  metric: string;
  trajectory: readonly TrajectoryPoint[];
  actuals: readonly Actual[];
  /** Unique in the page, for aria-labelledby. */
  idPrefix: string;
  width?: number;
  height?: number;
}

/** Where a date falls on the chart's axis: its financial year plus the part of that year gone by. */
export function yearPosition(date: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  const from = Date.UTC(start, 3, 1);
  const to = Date.UTC(start + 1, 3, 1);
  return start + (Date.UTC(y, m - 1, d) - from) / (to - from);
}

export function chartTitle(metric: string): string {
  return `Trajectory: ${metric.trim() || 'commitment'}`;
}

/** The chart in words: what the alt text of the picture says (the table beside it has every number). */
export function describeTrajectory(trajectory: readonly TrajectoryPoint[], actuals: readonly Actual[]): string {
  const planned = trajectory.filter((p) => p.planned !== null);
  const plan =
    planned.length === 0 ? 'No values are planned yet.' : `Planned: ${planned.map((p) => `${formatMeasure(p.planned!)} in ${formatFinancialYear(p.year)}`).join(', ')}.`;
  const sorted = [...actuals].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = sorted.at(-1);
  const actual = !latest
    ? 'No actuals recorded yet.'
    : `${sorted.length} actual${sorted.length === 1 ? '' : 's'} recorded; the latest is ${formatMeasure(latest.value)} on ${formatShortDate(latest.date)}.`;
  return `${plan} ${actual}`;
}

export function TrajectoryChart({ metric, trajectory, actuals, idPrefix, width = CHART_SIZE.width, height = CHART_SIZE.height }: TrajectoryChartProps) {
  const years = trajectory.map((p) => p.year);
  const first = years[0] ?? 2026;
  const last = years.at(-1) ?? first;
  const line = trajectory.filter((p) => p.planned !== null).map((p) => ({ x: p.year + 0.5, y: p.planned! }));
  const points = actuals.map((a) => ({ x: yearPosition(a.date), y: a.value }));
  const values = [...line.map((p) => p.y), ...points.map((p) => p.y)];
  const low = values.length ? Math.min(...values) : 0;
  const high = values.length ? Math.max(...values) : 1;
  const pad = high === low ? Math.max(1, Math.abs(high) * 0.1) : (high - low) * 0.1;
  const text = { fontFamily: CHART_FONT, fontSize: 12, fill: ACTUAL_COLOUR };
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{chartTitle(metric)}</title>
      <desc id={descId}>{describeTrajectory(trajectory, actuals)}</desc>
      <rect x={0} y={0} width={width} height={height} fill="#FFFFFF" />
      <VictoryChart
        standalone={false}
        width={width}
        height={height}
        padding={{ top: 20, right: 20, bottom: 44, left: 56 }}
        domain={{ x: [first, last + 1], y: [low - pad, high + pad] }}
      >
        <VictoryAxis
          tickValues={years.map((y) => y + 0.5)}
          tickFormat={(t: number) => formatFinancialYear(Math.floor(t))}
          style={{ tickLabels: text, axis: { stroke: '#768692' }, grid: { stroke: 'none' } }}
        />
        <VictoryAxis dependentAxis tickFormat={(t: number) => formatMeasure(t)} style={{ tickLabels: text, axis: { stroke: '#768692' }, grid: { stroke: '#E8EDEE' } }} />
        {line.length > 0 ? <VictoryLine data={line} style={{ data: { stroke: PLANNED_COLOUR, strokeWidth: 3 } }} /> : null}
        {line.length > 0 ? <VictoryScatter data={line} size={3} style={{ data: { fill: PLANNED_COLOUR } }} /> : null}
        {points.length > 0 ? <VictoryScatter data={points} symbol="diamond" size={5} style={{ data: { fill: ACTUAL_COLOUR } }} /> : null}
      </VictoryChart>
      <g fontFamily={CHART_FONT} fontSize={12} fill={ACTUAL_COLOUR}>
        <line x1={width - 200} y1={height - 10} x2={width - 180} y2={height - 10} stroke={PLANNED_COLOUR} strokeWidth={3} />
        <text x={width - 175} y={height - 6}>
          Planned
        </text>
        <path d={`M ${width - 105} ${height - 15} l 5 5 l -5 5 l -5 -5 z`} fill={ACTUAL_COLOUR} />
        <text x={width - 95} y={height - 6}>
          Actual
        </text>
      </g>
    </svg>
  );
}
