// #13 `jfp consultation-report PLAN --out FILE [--format docx|html] [--internal]`:
// the "You said, we did" report from a terminal: the app's own
// exportConsultationReport through the dispatcher, --out answering its save
// dialog, so the report, its checks and its refusals are the app's.
import path from 'node:path';
import { CliError, type CliCommand } from './command';

const FORMATS = ['docx', 'html'] as const;

export const consultationReportCommand: CliCommand = {
  name: 'consultation-report',
  summary: 'Write the consultation report ("You said, we did") as Word or an accessible web page',
  // exportConsultationReport only reads the plan (method-access.ts).
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'Where to save; an existing file is replaced only once the report is written' },
    format: { type: 'string', choices: FORMATS, description: 'docx (Word, the default) or html (accessible web page)' },
    internal: { type: 'boolean', description: 'The internal edition: reviewers named and threads’ states shown (not for publishing)' },
  },
  details: [
    'The published edition (the default) names organisations only, and people only where their consent is recorded, without workflow states.',
    'Word reports are checked with the accessibility checker; problems are listed.',
  ],
  examples: ['jfp consultation-report 3f2a --out "you-said-we-did.docx"', 'jfp consultation-report 3f2a --format html --internal --out "internal.html"'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const format = (line.string('format') ?? 'docx') as (typeof FORMATS)[number];
    const edition = line.flag('internal') ? 'internal' : 'published';
    const out = path.resolve(line.string('out')!);
    const { fileName, accessibilityProblems } = await context.call('exportConsultationReport', { planId: plan.id, edition, format }, { saveTo: out });
    if (!fileName) throw new CliError('The consultation report was not saved.');
    const lines = [`Saved the ${edition} consultation report of "${plan.title}" to ${out}.`];
    if (accessibilityProblems.length) {
      lines.push(`Accessibility check found ${accessibilityProblems.length} ${accessibilityProblems.length === 1 ? 'problem' : 'problems'}:`);
      for (const problem of accessibilityProblems) lines.push(`  ${problem}`);
    }
    return { json: { file: out, format, edition, accessibilityProblems }, text: lines.join('\n') };
  },
};
