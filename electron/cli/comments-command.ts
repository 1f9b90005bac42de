// `jfp comments PLAN`: the plan's comment threads, filtered as in the app by
// status, stakeholder, organisation type and section.
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type CommentThread, type OrganisationType } from '../../shared/domain';
import { usageError, type CliCommand } from './command';
import { renderTable } from './text-layout';

const ANCHOR_LABELS: Record<CommentThread['anchor'], string> = {
  section: 'whole section',
  text: 'on text',
  text_changed: 'text changed',
  text_removed: 'text removed',
  unplaced: 'not placed',
};

export const commentsCommand: CliCommand = {
  name: 'comments',
  summary: "List a plan's comment threads, optionally filtered",
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    status: { type: 'string', choices: ['open', 'resolved'], description: 'Only open or only resolved threads' },
    stakeholder: { type: 'string', placeholder: 'TEXT', description: 'Only threads with a comment by a reviewer whose name or organisation contains TEXT' },
    type: { type: 'string', choices: ORGANISATION_TYPES, description: 'Only threads started by this type of organisation' },
    section: { type: 'string', placeholder: 'TEXT', description: 'Only threads on sections whose title contains TEXT' },
  },
  details: [`Organisation types: ${ORGANISATION_TYPES.map((t) => `${t} (${ORGANISATION_TYPE_LABELS[t]})`).join(', ')}.`],
  examples: ['jfp comments 3f2a --status open --type healthwatch'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const status = line.string('status') as 'open' | 'resolved' | undefined;
    const orgType = line.string('type') as OrganisationType | undefined;
    const who = line.string('stakeholder')?.toLocaleLowerCase('en-GB');
    const section = line.string('section')?.toLocaleLowerCase('en-GB');
    if (who !== undefined && who.trim() === '') throw usageError('--stakeholder needs some text to look for.');
    const threads = (await context.call('listThreads', { planId: plan.id, ...(status ? { status } : {}), ...(orgType ? { orgType } : {}) })).filter(
      (t) =>
        (who === undefined || t.comments.some((c) => `${c.authorName} ${c.organisation}`.toLocaleLowerCase('en-GB').includes(who))) &&
        (section === undefined || t.sectionTitle.toLocaleLowerCase('en-GB').includes(section)),
    );
    if (threads.length === 0) return { json: threads, text: `No comment threads in "${plan.title}" match.` };
    const text = renderTable<CommentThread>(threads, [
      { heading: 'SECTION', value: (t) => t.sectionTitle || '-', max: 28 },
      { heading: 'BY', value: (t) => `${t.comments[0]?.authorName ?? '-'}${t.comments[0]?.organisation ? `, ${t.comments[0].organisation}` : ''}`, max: 32 },
      { heading: 'COMMENT', value: (t) => t.comments[0]?.body.replace(/\s+/g, ' ') ?? '', max: 48 },
      { heading: 'REPLIES', value: (t) => String(t.comments.length - 1) },
      { heading: 'ANCHOR', value: (t) => ANCHOR_LABELS[t.anchor] },
      { heading: 'RESPONSE', value: (t) => t.response.replace(/\s+/g, ' ') || '-', max: 32 },
      { heading: 'STATUS', value: (t) => t.status },
    ]);
    return { json: threads, text };
  },
};
