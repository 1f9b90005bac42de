// #15 `jfp check PLAN` and `jfp sign-off PLAN`: the readiness list and figure
// (exit 1 while blocking items remain, so a script can gate an export), and
// signing the plan off as final with a reason for each blocking item left.
import type { ReadinessItem, ReadinessReport } from '../../shared/domain';
import { usageError, type CliCommand } from './command';

const GROUP_HEADINGS: Record<ReadinessItem['group'], string> = {
  statutory: 'What the law and guidance require',
  sections: 'Sections not approved',
  threads: 'Open comments',
  hwb: 'Health and Wellbeing Boards',
  commitments: 'Delivery commitments',
  strategy: 'Integrated care strategy',
  engagement: 'Engagement',
  'board-paper': 'Board paper',
  accessibility: 'Accessibility',
  publication: 'Sign-off and publication',
};

/** The figure line, e.g. "Not ready: 12 of 80 items done (15%); 40 blocking items open." */
export function readinessFigure(report: ReadinessReport): string {
  const { done, total, blockingOpen } = report.counts;
  const head = report.ready ? 'Ready' : 'Not ready';
  const blocking = blockingOpen === 0 ? 'no blocking items open' : `${blockingOpen} blocking item${blockingOpen === 1 ? '' : 's'} open`;
  return `${head}: ${done} of ${total} items done (${report.percent}%); ${blocking}.`;
}

export function readinessText(report: ReadinessReport, showDone: boolean): string {
  const lines: string[] = [readinessFigure(report)];
  if (report.signOff) lines.push(`Signed off by ${report.signOff.name} (${report.signOff.role}) on ${report.signOff.at.slice(0, 10)}.`);
  for (const group of Object.keys(GROUP_HEADINGS) as ReadinessItem['group'][]) {
    const items = report.items.filter((i) => i.group === group && (showDone || !i.done));
    if (items.length === 0) continue;
    lines.push('', GROUP_HEADINGS[group]);
    for (const i of items) {
      const mark = i.done ? '[x]' : i.blocking ? '[!]' : '[ ]';
      lines.push(`  ${mark} ${i.label}${i.reference ? ` (${i.reference})` : ''}`, `      ${i.detail}  [${i.id}]`);
    }
  }
  lines.push('', '[!] blocks sign-off   [ ] to do   [x] done');
  return lines.join('\n');
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'List what stands between the plan and sign-off; exit 1 while blocking items remain',
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: { all: { type: 'boolean', description: 'Also list the items already done' } },
  details: [
    'An item the law requires is covered only when a section that addresses it is approved and has real text (not empty, not only the template guidance).',
    'Exits 0 when no blocking item is open, 1 otherwise, so `jfp check PLAN && jfp export PLAN ...` exports only a plan that is ready.',
  ],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    let report = await context.call('getReadiness', { planId: plan.id });
    // #15 The accessibility check of the Word export may still be running: wait for its result.
    while (report.items.some((i) => i.id === 'accessibility:checking')) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      report = await context.call('getReadiness', { planId: plan.id });
    }
    return { json: report, text: readinessText(report, line.flag('all')), exitCode: report.ready ? 0 : 1 };
  },
};

export const signOffCommand: CliCommand = {
  name: 'sign-off',
  summary: 'Sign the plan off as final, recording who and a reason for each blocking item left',
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  options: {
    name: { type: 'string', placeholder: 'NAME', description: 'Who signs the plan off', required: true },
    role: { type: 'string', placeholder: 'ROLE', description: 'Their role, e.g. Chief Executive', required: true },
    reason: {
      type: 'string',
      multiple: true,
      placeholder: 'ITEM=TEXT',
      description: 'Why a blocking item is accepted as it is (ITEM is the id jfp check prints); repeat for each',
    },
  },
  details: ['Refused while any blocking item (see jfp check) is not done and has no --reason. The sign-off, with each reason, is kept in the plan’s audit trail.'],
  examples: ['jfp sign-off 3f2a9c1e --name "Ada Byron" --role "Chief Executive" --reason "board-paper:cover=The cover sheet follows on 3 March"'],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const reasons = line.strings('reason').map((entry) => {
      const at = entry.indexOf('=');
      if (at <= 0) throw usageError(`--reason must be ITEM=TEXT, like board-paper:cover=The cover sheet follows in March; "${entry}" has no "=".`);
      return { itemId: entry.slice(0, at).trim(), reason: entry.slice(at + 1).trim() };
    });
    const report = await context.call('signOffPlan', { planId: plan.id, name: line.string('name') ?? '', role: line.string('role') ?? '', reasons });
    return { json: report, text: `Signed off “${plan.title}” as final. ${readinessFigure(report)}` };
  },
};
