// #15 The plan's live sections with what the readiness rules read: status,
// owner, template key, checklist, and whether the text is real (not empty, not
// only the template's guidance). Read once per readiness report.
import type { SectionStatus } from '../../../shared/domain';
import type { Store } from '../store';
import { hasRealText } from './section-text';

export interface ReadinessSection {
  id: string;
  number: string;
  title: string;
  status: SectionStatus;
  owner: string;
  /** The template key without a repeat suffix ("places.place" for "places.place@harrowfield"). */
  templateKey: string | null;
  checklist: string[];
  realText: boolean;
  plainText: string;
}

export function readinessSections(store: Store, planId: string): ReadinessSection[] {
  const summaries = store.sections.list(planId);
  const keys = new Map([...store.sections.idsByTemplateKey(planId)].map(([key, id]) => [id, key]));
  const numbers = new Map<string, string>();
  const childCount = new Map<string | null, number>();
  return summaries.map((summary) => {
    const n = (childCount.get(summary.parentId) ?? 0) + 1;
    childCount.set(summary.parentId, n);
    const parent = summary.parentId === null ? undefined : numbers.get(summary.parentId);
    const number = parent ? `${parent}.${n}` : String(n);
    numbers.set(summary.id, number);
    const full = store.sections.get(summary.id);
    const plainText = store.sections.plainText(summary.id);
    const key = keys.get(summary.id);
    return {
      id: summary.id,
      number,
      title: summary.title,
      status: summary.status,
      owner: summary.owner,
      templateKey: key ? key.replace(/@.*$/, '') : null,
      checklist: full.checklist,
      realText: hasRealText(plainText, full.guidance, full.expectedContent),
      plainText,
    };
  });
}
