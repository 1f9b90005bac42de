// `jfp commitments PLAN`: the plan's delivery table, optionally filtered by
// priority, lead organisation or target year.
import { RAG_LABELS, type Commitment } from '../../shared/domain';
import { usageError, type CliCommand } from './command';
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
  },
  details: ['Long cells are shortened in the table; --json gives every field in full.'],
  examples: ['jfp commitments 3f2a --lead "Example Hospitals" --year 2028'],
  async run(context, line) {
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
