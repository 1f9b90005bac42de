// `jfp search PLAN QUERY`: full-text search of a plan, one match per line with
// what matched, where, and the snippet with the matching words marked.
import type { SearchHit } from '../../shared/domain';
import { usageError, type CliCommand } from './command';
import { markSnippet, renderTable } from './text-layout';

const KIND_LABELS: Record<SearchHit['kind'], string> = { section: 'Section', commitment: 'Commitment', comment: 'Comment' };

export const searchCommand: CliCommand = {
  name: 'search',
  summary: "Search a plan's sections, commitments and comments",
  readsOnly: true,
  args: [
    { name: 'PLAN', description: 'Plan id, or a unique start of it' },
    { name: 'QUERY', description: 'Words to find (the rest of the line; quotes are optional)', rest: true },
  ],
  options: {
    limit: { type: 'string', placeholder: 'N', description: "Show at most N matches (1 to 200; the app's default otherwise)" },
  },
  details: ['Matching words are shown in bold on a terminal and in [brackets] otherwise.'],
  examples: ['jfp search 3f2a "waiting times"'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const query = line.arg('QUERY');
    const limitText = line.string('limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && !Number.isInteger(limit)) throw usageError(`--limit must be a whole number, not "${limitText}".`);
    const hits = await context.call('search', { planId: plan.id, query, ...(limit !== undefined ? { limit } : {}) });
    if (hits.length === 0) return { json: hits, text: `No matches for "${query}" in "${plan.title}".` };
    const text = renderTable<SearchHit>(hits, [
      { heading: 'KIND', value: (hit) => KIND_LABELS[hit.kind] + (hit.field === 'title' ? ' title' : '') },
      { heading: 'SECTION', value: (hit) => hit.sectionTitle || '-', max: 40 },
      { heading: 'MATCH', value: (hit) => markSnippet(hit.snippet, context.color) },
    ]);
    return { json: hits, text };
  },
};
