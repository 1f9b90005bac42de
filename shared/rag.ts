// The RAG status of a delivery commitment, computed from its latest actual and its
// trajectory so the status has evidence behind it, with the rule and the reason in
// words for the person reading it. Pure: the store, the grid and the exports agree.
import type { Actual, CommitmentDirection, RagAssessment, RagStatus, TrajectoryPoint } from './domain';
import { financialYearOfDate, formatFinancialYear } from './financial-year';

/** How far worse than plan (as a share of the planned value) is still amber. */
export const AMBER_TOLERANCE = 0.05;

export const RAG_RULE =
  'The latest actual is compared with the planned value for the financial year it falls in (1 April to 31 March): ' +
  'on or better than plan is green; worse by up to 5% of the planned value is amber; worse by more is red.';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2027-03-31 -> "31 Mar 2027". */
export function formatShortDate(date: string): string {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1] ?? '?'} ${y}`;
}

/** 71 -> "71", 3.9000000001 -> "3.9", 12500 -> "12,500". */
export function formatMeasure(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const [whole = '0', fraction] = Math.abs(rounded)
    .toFixed(2)
    .replace(/\.?0+$/, '')
    .split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** The most recent actual: the latest date, and of two on one day the one recorded last. */
export function latestActual(actuals: readonly Actual[]): Actual | null {
  let latest: Actual | null = null;
  for (const actual of actuals) {
    if (!latest || actual.date > latest.date || (actual.date === latest.date && actual.createdAt >= latest.createdAt)) latest = actual;
  }
  return latest;
}

export interface RagInput {
  direction: CommitmentDirection;
  trajectory: readonly TrajectoryPoint[];
  actuals: readonly Actual[];
}

/** The computed status, its rule and the reason for it. */
export function computeRag({ direction, trajectory, actuals }: RagInput): RagAssessment {
  const latest = latestActual(actuals);
  if (!latest) return { status: 'not_set', rule: RAG_RULE, reason: 'No actual yet.' };
  const year = financialYearOfDate(latest.date);
  const planned = trajectory.find((p) => p.year === year)?.planned ?? null;
  const fy = formatFinancialYear(year);
  const actualText = `Latest actual ${formatMeasure(latest.value)} (${formatShortDate(latest.date)})`;
  if (planned === null) return { status: 'not_set', rule: RAG_RULE, reason: `No plan for ${fy}.` };
  const planText = `the plan of ${formatMeasure(planned)} for ${fy}`;
  // How much worse than plan, in the metric's own units (negative or zero = on or better than plan).
  const worse = direction === 'higher' ? planned - latest.value : latest.value - planned;
  const gap = formatMeasure(Math.abs(latest.value - planned));
  const side = latest.value > planned ? 'above' : 'below';
  if (worse <= 0) {
    const how = latest.value === planned ? `meets ${planText}` : `is ${gap} ${side} ${planText}`;
    return { status: 'green', rule: RAG_RULE, reason: `${actualText} ${how}${direction === 'lower' ? ' (lower is better)' : ''}: green.` };
  }
  const tolerance = Math.abs(planned) * AMBER_TOLERANCE;
  // A hair of floating-point error must not turn exactly 5% into red.
  const status: RagStatus = worse <= tolerance + 1e-9 * Math.max(1, Math.abs(planned)) ? 'amber' : 'red';
  const within = status === 'amber' ? 'within 5%' : 'more than 5%';
  return {
    status,
    rule: RAG_RULE,
    reason: `${actualText} is ${gap} ${side} ${planText}${direction === 'lower' ? ', where lower is better' : ''} (${within}): ${status}.`,
  };
}

/** What the table shows: the override when there is one, otherwise the computed status. */
export function effectiveRag(override: RagStatus | null, computed: RagAssessment): RagStatus {
  return override ?? computed.status;
}
