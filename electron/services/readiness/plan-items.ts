// #15 The readiness items about the plan's own work: sections not yet approved
// (with their owner), open comment threads by the kind of stakeholder who
// raised them, commitments missing a metric, trajectory, lead or year, and
// the board paper's cover sheet fields still empty.
import { ORGANISATION_TYPE_LABELS, SECTION_STATUS_LABELS, type OrganisationType, type ReadinessItem } from '../../../shared/domain';
import { coverSheet, DEFAULT_BOARD_PAPER_TEMPLATE } from '../export/cover-sheet';
import type { Store } from '../store';
import type { ReadinessSection } from './plan-sections';

export function sectionItems(sections: readonly ReadinessSection[]): ReadinessItem[] {
  return sections
    .filter((s) => s.status !== 'approved')
    .map((s) => ({
      id: `section:${s.id}`,
      group: 'sections' as const,
      label: `${s.number} ${s.title} is approved`,
      detail: `${SECTION_STATUS_LABELS[s.status]}${s.owner ? ` (owner: ${s.owner})` : ' (no owner)'}.`,
      done: false,
      blocking: true,
      fix: { tab: 'sections', sectionId: s.id },
    }));
}

export function threadItems(store: Store, planId: string): ReadinessItem[] {
  const open = store.review.threads(planId, { status: 'open' });
  const byType = new Map<OrganisationType, number>();
  for (const thread of open) {
    const type = (thread.comments[0]?.orgType ?? 'other') as OrganisationType;
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  return [...byType].map(([type, count]) => ({
    id: `threads:${type}`,
    group: 'threads' as const,
    label: `Comments from ${ORGANISATION_TYPE_LABELS[type] ?? type} are answered`,
    detail: `${count} open comment thread${count === 1 ? '' : 's'}.`,
    done: false,
    blocking: false,
    fix: { tab: 'review' },
  }));
}

export function commitmentItems(store: Store, planId: string): ReadinessItem[] {
  return store.commitments.list(planId).flatMap((c, i) => {
    const missing = [
      c.metric.trim() ? null : 'metric',
      c.trajectory.some((p) => p.planned !== null) ? null : 'trajectory',
      c.leadOrg.trim() ? null : 'lead organisation',
      c.targetYear !== null ? null : 'target year',
    ].filter((m): m is string => m !== null);
    if (missing.length === 0) return [];
    const name = c.commitment.trim() || `Commitment ${i + 1}`;
    return [
      {
        id: `commitment:${c.id}`,
        group: 'commitments' as const,
        label: `“${name.length > 80 ? `${name.slice(0, 79)}…` : name}” is complete`,
        detail: `It has no ${missing.join(', ').replace(/, ([^,]*)$/, ' or $1')}.`,
        done: false,
        blocking: false,
        fix: { tab: 'commitments', commitmentId: c.id },
      },
    ];
  });
}

export function boardPaperItems(store: Store, planId: string): ReadinessItem[] {
  const plan = store.plans.get(planId);
  const sheet = coverSheet(DEFAULT_BOARD_PAPER_TEMPLATE, store.exportSettings.get(planId).cover, plan);
  const missing = sheet.missingFields;
  return [
    {
      id: 'board-paper:cover',
      group: 'board-paper',
      label: "The board paper's cover sheet is filled in",
      detail: missing.length === 0 ? 'Every required field is filled in.' : `Still empty: ${missing.join(', ')}.`,
      done: missing.length === 0,
      blocking: false,
      fix: { tab: 'export' },
    },
  ];
}
