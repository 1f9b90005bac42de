// `jfp commitments PLAN`: the plan's delivery table, optionally filtered by
// priority, lead organisation, place, target year or status; and (#11)
// `jfp actual PLAN COMMITMENT`: records an actual, showing the status it gives.
// The listing is built by functions of its own so more output forms (A2's
// --xlsx/--csv) can reuse the same selection.
import path from 'node:path';
import { RAG_LABELS, RAG_STATUSES, type Commitment, type PlanSummary } from '../../shared/domain';
import { formatFinancialYear, parseFinancialYear } from '../../shared/financial-year';
import { formatMeasure, formatShortDate, latestActual } from '../../shared/rag';
import { CliError, usageError, type CliCommand, type CommandContext, type CommandLine } from './command';
import { renderTable } from './text-layout';

const contains = (text: string, wanted: string | undefined) => wanted === undefined || text.toLocaleLowerCase('en-GB').includes(wanted.trim().toLocaleLowerCase('en-GB'));

/** The filters of `jfp commitments`, read and checked from the command line. */
export interface CommitmentFilters {
  priority?: string;
  lead?: string;
  place?: string;
  year?: number;
  status?: (typeof RAG_STATUSES)[number];
}

export function commitmentFilters(line: CommandLine): CommitmentFilters {
  const yearText = line.string('year');
  let year: number | undefined;
  if (yearText !== undefined) {
    const parsed = parseFinancialYear(yearText);
    if (!parsed.ok) throw usageError(`--year must be a financial year such as 2028/29, not "${yearText}".`);
    year = parsed.year;
  }
  const statusText = line.string('status');
  const status =
    statusText === undefined
      ? undefined
      : RAG_STATUSES.find(
          (s) =>
            s ===
            statusText
              .trim()
              .toLowerCase()
              .replace(/[\s-]+/g, '_'),
        );
  if (statusText !== undefined && !status) throw usageError(`--status must be one of ${RAG_STATUSES.join(', ')}, not "${statusText}".`);
  return { priority: line.string('priority'), lead: line.string('lead'), place: line.string('place'), year, status };
}

export function selectCommitments(commitments: readonly Commitment[], filters: CommitmentFilters): Commitment[] {
  return commitments.filter(
    (c) =>
      contains(c.priority, filters.priority) &&
      contains(c.leadOrg, filters.lead) &&
      contains(c.place, filters.place) &&
      (filters.year === undefined || c.targetYear === filters.year) &&
      (filters.status === undefined || c.rag === filters.status),
  );
}

function latestText(c: Commitment): string {
  const latest = latestActual(c.actuals);
  return latest ? `${formatMeasure(latest.value)} (${formatShortDate(latest.date)})` : '-';
}

/** The delivery table as text; # is the row's number in the plan (what `jfp actual` accepts). */
export function commitmentsTable(commitments: readonly Commitment[]): string {
  return renderTable<Commitment>(commitments, [
    { heading: '#', value: (c) => String(c.position + 1) },
    { heading: 'PRIORITY', value: (c) => c.priority || '-', max: 24 },
    { heading: 'COMMITMENT', value: (c) => c.commitment || '-', max: 40 },
    { heading: 'METRIC', value: (c) => c.metric || '-', max: 32 },
    { heading: 'BASELINE', value: (c) => c.baseline || '-', max: 16 },
    { heading: 'TARGET', value: (c) => c.target || '-', max: 16 },
    { heading: 'YEAR', value: (c) => (c.targetYear === null ? '-' : formatFinancialYear(c.targetYear)) },
    { heading: 'LEAD', value: (c) => c.leadOrg || '-', max: 28 },
    { heading: 'LATEST', value: latestText, max: 22 },
    { heading: 'RAG', value: (c) => RAG_LABELS[c.rag] + (c.ragOverride ? ' (set by hand)' : '') },
  ]);
}

export const COMMITMENT_FILTER_OPTIONS = {
  priority: { type: 'string', placeholder: 'TEXT', description: 'Only priorities containing TEXT (any case)' },
  lead: { type: 'string', placeholder: 'TEXT', description: 'Only lead organisations containing TEXT (any case)' },
  place: { type: 'string', placeholder: 'TEXT', description: 'Only places containing TEXT (any case), e.g. System-wide' },
  year: { type: 'string', placeholder: 'YEAR', description: 'Only commitments with this target year, e.g. 2028/29' },
  status: { type: 'string', placeholder: 'STATUS', description: `Only this status: ${RAG_STATUSES.join(', ')}` },
} as const;

export const commitmentsCommand: CliCommand = {
  name: 'commitments',
  summary: "Show a plan's delivery commitments, optionally filtered",
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    ...COMMITMENT_FILTER_OPTIONS,
    // #11 delivery table: export (A2)
    xlsx: { type: 'string', placeholder: 'FILE', description: 'Save the whole table as an Excel workbook (commitments; trajectories and actuals)' },
    csv: { type: 'string', placeholder: 'FILE', description: 'Save the whole table as .csv (UTF-8, for Excel)' },
    docx: { type: 'string', placeholder: 'FILE', description: 'Save the delivery appendix as a Word document' },
  },
  details: ['Long cells are shortened in the table; --json gives every field in full, with trajectories, actuals and how each status was worked out.'],
  examples: ['jfp commitments 3f2a --lead "Example Hospitals" --year 2028/29', 'jfp commitments 3f2a --status red', 'jfp commitments 3f2a --xlsx delivery.xlsx'],
  async run(context, line) {
    const saved = await saveTable(context, line);
    if (saved) return saved;
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const filters = commitmentFilters(line);
    const commitments = selectCommitments(await context.call('listCommitments', { planId: plan.id }), filters);
    if (commitments.length === 0) return { json: commitments, text: `No commitments in "${plan.title}" match.` };
    return { json: commitments, text: commitmentsTable(commitments) };
  },
};

/** A commitment by its row number (as `jfp commitments` shows it), its id, or a unique start of its id. */
export async function resolveCommitment(context: CommandContext, plan: PlanSummary, reference: string): Promise<Commitment> {
  const wanted = reference.trim();
  const rows = await context.call('listCommitments', { planId: plan.id });
  if (/^\d{1,6}$/.test(wanted)) {
    const row = rows.find((c) => c.position + 1 === Number(wanted));
    if (!row) throw new CliError(`"${plan.title}" has no commitment number ${wanted}; it has ${rows.length}. See them with: jfp commitments ${plan.id.slice(0, 8)}`);
    return row;
  }
  const matches = rows.filter((c) => c.id === wanted || c.id.startsWith(wanted.toLowerCase()));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0 || wanted === '') throw new CliError(`No commitment in "${plan.title}" has the number or id "${wanted}".`);
  throw new CliError(`"${wanted}" starts the ids of ${matches.length} commitments; give more of the id, or the row number.`);
}

/** "72.4", "-18", "1,800" -> a number; anything else is refused. */
export function parseValue(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

export const actualCommand: CliCommand = {
  name: 'actual',
  summary: 'Record an actual for a delivery commitment (its status is worked out again)',
  args: [
    { name: 'PLAN', description: 'Plan id, or a unique start of it' },
    { name: 'COMMITMENT', description: 'The row number jfp commitments shows, or the commitment id (or a unique start of it)' },
  ],
  options: {
    value: { type: 'string', placeholder: 'V', description: 'The measured value, e.g. 72.4', required: true },
    date: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'The date the value is for (not in the future)', required: true },
    source: { type: 'string', placeholder: 'TEXT', description: 'Where the value comes from, e.g. "NHS England cancer waiting times"' },
  },
  examples: ['jfp actual 3f2a 9 --value 72.4 --date 2026-09-30 --source "NHS England cancer waiting times"'],
  async run(context, line) {
    const valueText = line.string('value')!;
    const value = parseValue(valueText);
    if (value === null) throw usageError(`--value must be a number such as 72.4, not "${valueText}".`);
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const commitment = await resolveCommitment(context, plan, line.arg('COMMITMENT'));
    const source = line.string('source');
    const updated = await context.call('addActual', {
      commitmentId: commitment.id,
      date: line.string('date')!.trim(),
      value,
      ...(source !== undefined ? { source } : {}),
    });
    const override = updated.ragOverride ? ` It stays ${RAG_LABELS[updated.rag]}, set by hand: ${updated.ragOverrideReason}` : '';
    const text = [
      `Recorded ${formatMeasure(value)} for ${formatShortDate(line.string('date')!.trim())} on commitment ${updated.position + 1}, "${updated.commitment || updated.metric || 'untitled'}".`,
      `Status: ${RAG_LABELS[updated.ragComputed.status]}. ${updated.ragComputed.reason}${override}`,
    ].join('\n');
    return { json: updated, text };
  },
};

// #11 delivery table: export (A2)
const SAVE_FORMATS = ['xlsx', 'csv', 'docx'] as const;

/** With --xlsx, --csv or --docx: the whole table saved by the app's exportCommitments (a saved file holds every commitment). */
async function saveTable(context: CommandContext, line: CommandLine) {
  const chosen = SAVE_FORMATS.filter((format) => line.string(format) !== undefined);
  if (chosen.length === 0) return null;
  if (chosen.length > 1) throw usageError(`Give one of --xlsx, --csv or --docx, not ${chosen.map((f) => `--${f}`).join(' and ')}.`);
  const filters = Object.keys(COMMITMENT_FILTER_OPTIONS).filter((option) => line.string(option) !== undefined);
  if (filters.length > 0) {
    throw usageError(`A saved delivery table holds every commitment: leave out ${filters.map((f) => `--${f}`).join(' and ')}, or filter in Excel.`);
  }
  const format = chosen[0]!;
  const plan = await context.resolvePlan(line.arg('PLAN'));
  const out = path.resolve(line.string(format)!);
  const { fileName } = await context.call('exportCommitments', { planId: plan.id, format }, { saveTo: out });
  if (!fileName) throw new CliError('The delivery table was not saved.');
  const count = (await context.call('listCommitments', { planId: plan.id })).length;
  return {
    json: { file: out, format, commitments: count },
    text: `Saved the delivery table of "${plan.title}" (${count} ${count === 1 ? 'commitment' : 'commitments'}) to ${out}.`,
  };
}
