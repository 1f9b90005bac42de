// `jfp review-pack PLAN --reviewer WHO --out FILE` and `jfp import-comments PLAN FILE`:
// the app's review round trip from a terminal: the app's own sendForReview and
// importComments through the dispatcher, the named file answering their dialogs,
// so the checks and the summary are the app's.
import fs from 'node:fs';
import path from 'node:path';
import type { CommentImportSummary } from '../../shared/domain';
import type { ReviewPack } from '../../shared/review-pack';
import { CliError, usageError, type CliCommand } from './command';

export function describeImport(source: string, s: CommentImportSummary): string {
  const lines = [
    `From the ${source}: ${s.newThreads} new ${s.newThreads === 1 ? 'comment' : 'comments'}, ${s.newReplies} ${s.newReplies === 1 ? 'reply' : 'replies'}, ${s.alreadyImported} already imported, ${s.notPlaced.length} could not be placed.`,
  ];
  for (const n of s.notPlaced) lines.push(`  Not placed: “${n.comment}”: ${n.reason}`);
  return lines.join('\n');
}

export const reviewPackCommand: CliCommand = {
  name: 'review-pack',
  summary: 'Write a review pack of a plan for one reviewer',
  // sendForReview only reads the plan (method-access.ts): a database the person may not write to still gives a pack.
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    reviewer: {
      type: 'string',
      required: true,
      placeholder: 'WHO',
      description: "The reviewer's id, or a unique part of their name, from the plan's stakeholder register",
    },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'Where to save the pack (.jfpreview)' },
  },
  examples: ['jfp review-pack 3f2a --reviewer "Asha" --out "for-asha.jfpreview"'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const wanted = line.string('reviewer')!.trim().toLocaleLowerCase('en-GB');
    const people = await context.call('listStakeholders', { planId: plan.id });
    const matches = people.filter((p) => p.id === wanted || p.name.toLocaleLowerCase('en-GB').includes(wanted));
    if (matches.length !== 1) {
      throw usageError(
        matches.length === 0
          ? `No reviewer of "${plan.title}" matches "${line.string('reviewer')}".`
          : `"${line.string('reviewer')}" matches ${matches.length} reviewers; give more of the name or the id.`,
      );
    }
    const out = path.resolve(line.string('out')!);
    const { fileName } = await context.call('sendForReview', { planId: plan.id, stakeholderId: matches[0]!.id }, { saveTo: out });
    if (!fileName) throw new CliError('The review pack was not saved.');
    // The pack just written says which pack and reviewer it is.
    const pack = JSON.parse(fs.readFileSync(out, 'utf8')) as Pick<ReviewPack, 'packId' | 'reviewer'>;
    return { json: { file: out, packId: pack.packId, reviewer: pack.reviewer }, text: `Saved the review pack for ${pack.reviewer.name} to ${out}.` };
  },
};

export const importCommentsCommand: CliCommand = {
  name: 'import-comments',
  summary: 'Import a returned comments file, or a Word document reviewers commented on',
  args: [
    { name: 'PLAN', description: 'Plan id, or a unique start of it' },
    { name: 'FILE', description: 'A .jfpcomments file, or a .docx exported from this plan' },
  ],
  details: ['Importing the same file again adds nothing. Comments that cannot be attached to their words are kept on the plan and listed.'],
  examples: ['jfp import-comments 3f2a "from-asha.jfpcomments"'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const file = path.resolve(line.arg('FILE'));
    if (!fs.existsSync(file)) throw new CliError(`${file} does not exist.`);
    const { imported } = await context.call('importComments', { planId: plan.id }, { open: file });
    if (!imported) throw new CliError(`${file} was not imported.`);
    const { source, summary } = imported;
    return { json: { source, ...summary }, text: describeImport(source, summary) };
  },
};
