// `jfp commitments PLAN`: the plan's delivery table, optionally filtered by
// priority, lead organisation or target year; with --xlsx, --csv or --docx FILE
// it is saved instead, by the app's own exportCommitments (#11).
import path from 'node:path';
import { RAG_LABELS, type Commitment } from '../../shared/domain';
import { CliError, usageError, type CliCommand, type CommandContext, type CommandLine } from './command';
import { renderTable } from './text-layout';

const contains = (text: string, wanted: string | undefined) => wanted === undefined || text.toLocaleLowerCase('en-GB').includes(wanted.trim().toLocaleLowerCase('en-GB'));

export const commitmentsCommand: CliCommand = {
  name: 'commitments',
  summary: "Show a plan's delivery commitments, optionally filtered",
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    priority: { type: 'string', placeholder: 'TEXT', description: 'Only priorities containing TEXT (any case)' },
    lead: { type: 'string', placeholder: 'TEXT', description: 'Only lead organisations containing TEXT (any case)' },
    year: { type: 'string', placeholder: 'YYYY', description: 'Only commitments with this target year' },
    // #11 delivery table: export
    xlsx: { type: 'string', placeholder: 'FILE', description: 'Save the whole table as an Excel workbook (commitments; trajectories and actuals)' },
    csv: { type: 'string', placeholder: 'FILE', description: 'Save the whole table as .csv (UTF-8, for Excel)' },
    docx: { type: 'string', placeholder: 'FILE', description: 'Save the delivery appendix as a Word document' },
  },
  details: ['Long cells are shortened in the table; --json gives every field in full.'],
  examples: ['jfp commitments 3f2a --lead "Example Hospitals" --year 2028', 'jfp commitments 3f2a --xlsx delivery.xlsx'],
  async run(context, line) {
    const saved = await saveTable(context, line);
    if (saved) return saved;
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const yearText = line.string('year');
    if (yearText !== undefined && !/^\s*\d{4}\s*$/.test(yearText)) throw usageError(`--year must be a year such as 2028, not "${yearText}".`);
    const year = yearText === undefined ? undefined : Number(yearText);
    const commitments = (await context.call('listCommitments', { planId: plan.id })).filter(
      (c) => contains(c.priority, line.string('priority')) && contains(c.leadOrg, line.string('lead')) && (year === undefined || c.targetYear === year),
    );
    if (commitments.length === 0) return { json: commitments, text: `No commitments in "${plan.title}" match.` };
    const text = renderTable<Commitment>(commitments, [
      { heading: 'PRIORITY', value: (c) => c.priority || '-', max: 24 },
      { heading: 'COMMITMENT', value: (c) => c.commitment || '-', max: 40 },
      { heading: 'METRIC', value: (c) => c.metric || '-', max: 32 },
      { heading: 'BASELINE', value: (c) => c.baseline || '-', max: 16 },
      { heading: 'TARGET', value: (c) => c.target || '-', max: 16 },
      { heading: 'YEAR', value: (c) => (c.targetYear === null ? '-' : String(c.targetYear)) },
      { heading: 'LEAD', value: (c) => c.leadOrg || '-', max: 28 },
      { heading: 'RAG', value: (c) => RAG_LABELS[c.rag] },
    ]);
    return { json: commitments, text };
  },
};

const SAVE_FORMATS = ['xlsx', 'csv', 'docx'] as const;

/** With --xlsx, --csv or --docx: the whole table saved by exportCommitments (filters do not apply to a saved file). */
async function saveTable(context: CommandContext, line: CommandLine) {
  const chosen = SAVE_FORMATS.filter((format) => line.string(format) !== undefined);
  if (chosen.length === 0) return null;
  if (chosen.length > 1) throw usageError(`Give one of --xlsx, --csv or --docx, not ${chosen.map((f) => `--${f}`).join(' and ')}.`);
  if (['priority', 'lead', 'year'].some((option) => line.string(option) !== undefined)) {
    throw usageError('A saved delivery table holds every commitment: leave out --priority, --lead and --year, or filter in Excel.');
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
