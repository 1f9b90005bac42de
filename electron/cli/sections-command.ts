// `jfp sections PLAN`: the plan's outline as an indented, numbered tree with
// each section's status, owner, words and open comments.
import { SECTION_STATUS_LABELS, type SectionSummary } from '../../shared/domain';
import type { CliCommand } from './command';
import { formatCount, renderTable } from './text-layout';

/** "1", "1.2", "1.2.3" for sections listed in outline order. */
export function outlineNumbers(sections: readonly SectionSummary[]): Map<string, string> {
  const numbers = new Map<string, string>();
  const childCount = new Map<string | null, number>();
  for (const section of sections) {
    const n = (childCount.get(section.parentId) ?? 0) + 1;
    childCount.set(section.parentId, n);
    const parent = section.parentId === null ? undefined : numbers.get(section.parentId);
    numbers.set(section.id, parent ? `${parent}.${n}` : String(n));
  }
  return numbers;
}

export const sectionsCommand: CliCommand = {
  name: 'sections',
  summary: "Show a plan's outline with status, owner, words and open comments",
  readsOnly: true,
  args: [{ name: 'PLAN', description: 'Plan id, or a unique start of it' }],
  async run(context, line) {
    const plan = await context.resolvePlan(line.arg('PLAN'));
    const sections = await context.call('listSections', { planId: plan.id });
    if (sections.length === 0) return { json: sections, text: `"${plan.title}" has no sections yet.` };
    const numbers = outlineNumbers(sections);
    const text = renderTable<SectionSummary>(sections, [
      { heading: 'SECTION', value: (s) => `${numbers.get(s.id)} ${s.title}`, max: 64, indent: (s) => s.depth - 1 },
      { heading: 'STATUS', value: (s) => SECTION_STATUS_LABELS[s.status] },
      { heading: 'OWNER', value: (s) => s.owner || '-', max: 30 },
      { heading: 'WORDS', value: (s) => formatCount(s.wordCount), align: 'right' },
      { heading: 'OPEN COMMENTS', value: (s) => formatCount(s.openCommentCount), align: 'right' },
    ]);
    return { json: sections, text };
  },
};
