// #15 Statutory coverage: one item per checklist item of the plan's template,
// and one per Health and Wellbeing Board for the boards' opinions. An item is
// covered only when a section that addresses it is approved AND has real text
// (and, when the item has keyword rules, that text matches one of them).
import { SECTION_STATUS_LABELS, type ReadinessItem } from '../../../shared/domain';
import type { ChecklistItem } from '../../../shared/template';
import { hwbItems } from './hwb-items';
import type { Store } from '../store';
import type { TemplateCatalogue } from '../template-catalogue';
import type { ReadinessSection } from './plan-sections';

/** Groups whose items come from the Act (or the guidance's statement of it): these stop sign-off. */
const BLOCKING_GROUPS = new Set(['plan_content', 'general_duty', 'financial_duty', 'hwb']);
/** The checklist item that stands for every board's opinion: expanded to one item per board. */
export const HWB_OPINION_ITEM = 'hwb-opinion';

const sectionName = (s: ReadinessSection) => `${s.number} ${s.title}`;

export function coverageOf(item: ChecklistItem, sections: readonly ReadinessSection[]): { done: boolean; detail: string; sectionId?: string } {
  const addressing = sections.filter((s) => s.checklist.includes(item.id) || (s.templateKey !== null && (item.sections ?? []).includes(s.templateKey)));
  if (addressing.length === 0) return { done: false, detail: 'No section of this plan addresses it. Add one, or tag a section with this item.' };
  const rules = (item.keywords ?? []).map((rule) => new RegExp(rule, 'iu'));
  const covering = addressing.find((s) => s.status === 'approved' && s.realText && (rules.length === 0 || rules.some((rule) => rule.test(s.plainText))));
  if (covering) return { done: true, detail: `Covered by ${sectionName(covering)} (approved).`, sectionId: covering.id };
  const first = addressing[0]!;
  const approvedText = addressing.find((s) => s.status === 'approved' && s.realText);
  const why = approvedText
    ? `${sectionName(approvedText)} is approved but does not mention it (it should say something matching: ${(item.keywords ?? []).join(', ')}).`
    : addressing
        .slice(0, 3)
        .map((s) => `${sectionName(s)} is ${s.realText ? SECTION_STATUS_LABELS[s.status].toLowerCase() : 'not written yet (only empty or guidance text)'}`)
        .join('; ') + '.';
  return { done: false, detail: why, sectionId: (approvedText ?? first).id };
}

export function statutoryItems(store: Store, planId: string, templates: TemplateCatalogue | undefined, sections: readonly ReadinessSection[]): ReadinessItem[] {
  const plan = store.plans.get(planId);
  const checklist = templates?.checklist?.(plan.templateId) ?? [];
  const items: ReadinessItem[] = [];
  for (const item of checklist) {
    const blocking = item.blocking ?? BLOCKING_GROUPS.has(item.group);
    if (item.id === HWB_OPINION_ITEM) {
      // One item per board of the plan (its opinion recorded, then shared with NHS England), from the boards' own record.
      for (const board of hwbItems(store, planId)) items.push({ ...board, reference: item.reference, blocking: board.blocking && blocking });
      continue;
    }
    const coverage = coverageOf(item, sections);
    items.push({
      id: item.id,
      group: 'statutory',
      label: item.label,
      detail: coverage.detail,
      reference: item.reference,
      done: coverage.done,
      blocking,
      fix: coverage.sectionId ? { tab: 'sections', sectionId: coverage.sectionId } : { tab: 'sections' },
    });
  }
  return items;
}
