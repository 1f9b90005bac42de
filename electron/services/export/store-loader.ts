// Reads everything an export needs for one plan from the store: the plan, its
// live sections in outline order with content and guidance, the delivery
// commitments and the comment threads (flattened for Word comments). Works on
// a read-only connection, so the export worker can use its own.
import type { CommentThread } from '../../../shared/domain';
import type { ExportComment, ExportSection, PlanExportData } from '../../../shared/export';
import type { Store } from '../store';
import { currentSignOff } from '../readiness/sign-off'; // #15 sign-off

export type ExportStore = Pick<Store, 'plans' | 'sections' | 'commitments' | 'review' | 'opinions' | 'priorities' | 'engagement' | 'strategy' | 'versions' | 'events'>; // #15 records and sign-off; #16 the latest version's label

/** "Priya Shah" -> "PS"; Word shows initials beside each comment. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s-]+/)
    .filter((part) => /^\p{L}/u.test(part))
    .map((part) => part[0]!.toUpperCase());
  return (letters.length > 2 ? [letters[0], letters[letters.length - 1]] : letters).join('') || '?';
}

export const RESPONSE_AUTHOR = 'Plan team response';

/** A review thread as Word comments take it: first comment, replies, and the plan team's response last. */
export function exportComment(thread: CommentThread): ExportComment | null {
  const [first, ...rest] = thread.comments;
  if (!first) return null;
  const author = (entry: { authorName: string; organisation: string }) =>
    entry.organisation && entry.organisation !== entry.authorName ? `${entry.authorName} (${entry.organisation})` : entry.authorName;
  const replies = rest.map((entry) => ({ id: entry.id, author: author(entry), initials: initialsOf(entry.authorName), date: entry.createdAt, body: entry.body }));
  if (thread.response.trim()) {
    replies.push({ id: `${thread.id}-response`, author: RESPONSE_AUTHOR, initials: 'PT', date: thread.updatedAt, body: thread.response });
  }
  return {
    id: thread.id,
    sectionId: thread.sectionId,
    quote: thread.quote,
    author: author(first),
    initials: initialsOf(first.authorName),
    date: first.createdAt,
    body: first.body,
    resolved: thread.status === 'resolved',
    replies,
  };
}

export function loadPlanExport(store: ExportStore, planId: string): PlanExportData {
  const plan = store.plans.get(planId);
  const contents = store.sections.contents(planId);
  const sections: ExportSection[] = store.sections.list(planId).map((summary) => {
    const row = contents.get(summary.id);
    return {
      id: summary.id,
      parentId: summary.parentId,
      title: summary.title,
      depth: summary.depth,
      status: summary.status,
      content: row?.content ?? '',
      guidance: row?.guidance ?? '',
    };
  });
  const comments = store.review
    .threads(planId)
    .map(exportComment)
    .filter((c): c is ExportComment => c !== null);
  return {
    plan,
    sections,
    commitments: store.commitments.list(planId),
    hwbOpinions: store.opinions.list(planId),
    comments,
    // #16: the title page and cover sheet say which version this is (the latest named version; none before the first)
    versionLabel: store.versions.latestLabel(planId),
    // #15 sign-off: printed in the board paper's "Sign-off" appendix
    signOff: currentSignOff(store, planId),
    // #15 part 2 records
    records: {
      engagement: store.engagement.list(planId),
      strategy: store.strategy.list(planId, store.priorities.list(planId)).filter((p) => p.fromStrategy),
      templateKeys: Object.fromEntries([...store.sections.idsByTemplateKey(planId)].map(([key, sectionId]) => [sectionId, key])),
    },
  };
}
