// Merging reviewers' comments that arrive from elsewhere (a returned comments
// file, a Word document) into a plan, inside the import's one store.write
// transaction (the caller's): each comment has a
// stable key, so importing the same file twice adds nothing; replies join their
// thread in time order; anchored comments are marked in the section's text
// where the quoted words are still found, and kept on the plan when not.
import type { CommentImportSummary, OrganisationType } from '../../../shared/domain';
import { parseContent } from '../../../shared/lexical-json';
import type { Store } from '../store';
import { newId } from '../store/ids';
import { placeMark } from './anchors';

export interface IncomingAuthor {
  /** The stakeholder id in this plan, when the comment came from this app. */
  stakeholderId?: string;
  name: string;
  organisation: string;
  orgType: OrganisationType;
}

export interface IncomingComment {
  /** Stable across imports: the same comment always has the same key. */
  key: string;
  /** The key of the thread's first comment; equal to `key` for a first comment. */
  threadKey: string;
  /** Section of this plan the comment is about; null when it could not be told. */
  sectionId: string | null;
  /** The words commented on ('' for a comment on the whole section). */
  quote: string;
  body: string;
  createdAt: string;
  author: IncomingAuthor;
  resolved?: boolean;
  /** Use this id for the comment row (comments made in this app keep theirs). */
  id?: string;
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

export interface MergeOptions {
  /** Mark quoted words in the section text (off when the text already carries the marks, as in a review copy). */
  placeAnchors?: boolean;
}

/** Call inside store.write: the whole import is one transaction. */
export function mergeComments(
  store: Store,
  planId: string,
  incoming: IncomingComment[],
  source: 'review_pack' | 'word',
  options: MergeOptions = {},
): CommentImportSummary {
  const placeAnchors = options.placeAnchors ?? true;
  const { review } = store;
  const summary: CommentImportSummary = { newThreads: 0, newReplies: 0, alreadyImported: 0, notPlaced: [] };

  const personFor = (author: IncomingAuthor): string => {
    if (author.stakeholderId) {
      const known = review.stakeholders(planId).find((s) => s.id === author.stakeholderId);
      if (known) return known.id;
    }
    const found = review.findStakeholder(planId, author.name, author.organisation);
    if (found) return found;
    return review.addStakeholder({ planId, name: author.name, organisation: author.organisation, orgType: author.orgType, email: '' }).id;
  };

  const sourceKey = (key: string) => `${source}:${key}`;
  const threadOf = new Map<string, string>();

  const ordered = [...incoming].sort((a, b) => Number(a.key !== a.threadKey) - Number(b.key !== b.threadKey) || a.createdAt.localeCompare(b.createdAt));
  for (const comment of ordered) {
    const known = comment.id ? review.commentById(comment.id) : undefined;
    // The row's own thread: a reply arriving later must join the thread, not a key.
    const existing = review.threadOfSourceKey(planId, sourceKey(comment.key)) ?? (known?.planId === planId ? known.threadId : undefined);
    if (existing) {
      threadOf.set(comment.key, existing);
      summary.alreadyImported++;
      continue;
    }
    const stakeholderId = personFor(comment.author);
    const isReply = comment.key !== comment.threadKey;
    const parentThread = isReply
      ? (threadOf.get(comment.threadKey) ??
        review.threadOfSourceKey(planId, sourceKey(comment.threadKey)) ??
        // A thread started in this plan itself (not imported) is found by its own id.
        (review.hasThreadIn(planId, comment.threadKey) ? comment.threadKey : undefined))
      : undefined;
    if (isReply && parentThread) {
      review.reply({
        threadId: parentThread,
        stakeholderId,
        body: comment.body,
        ...(comment.id && !review.commentById(comment.id) ? { replyId: comment.id } : {}),
        source,
        sourceKey: sourceKey(comment.key),
        createdAt: comment.createdAt,
      });
      threadOf.set(comment.key, parentThread);
      summary.newReplies++;
      continue;
    }
    const sectionId = comment.sectionId && store.sections.isLiveIn(comment.sectionId, planId) ? comment.sectionId : null;
    // Keep the comment's own id (marks in the text carry it) unless another plan in this file uses it.
    const threadId = comment.id && !review.commentById(comment.id) ? comment.id : newId();
    review.createThread({
      planId,
      sectionId,
      threadId,
      stakeholderId,
      body: comment.body,
      quote: comment.quote,
      source,
      sourceKey: sourceKey(comment.key),
      createdAt: comment.createdAt,
    });
    threadOf.set(comment.key, threadId);
    summary.newThreads++;
    if (isReply) summary.notPlaced.push({ comment: excerpt(comment.body), reason: 'It answers a comment that is not in this plan, so it starts a thread of its own.' });
    if (comment.resolved) review.setStatus(threadId, 'resolved');
    if (!sectionId) {
      summary.notPlaced.push({ comment: excerpt(comment.body), reason: 'The section it is about could not be found in this plan; it is kept on the plan.' });
      continue;
    }
    if (placeAnchors && comment.quote.trim()) {
      const current = store.sections.get(sectionId);
      const parsed = parseContent(current.content);
      const placed = parsed.ok ? placeMark(parsed.state, comment.quote, threadId) : { ok: false as const, reason: parsed.reason };
      if (placed.ok) store.sections.saveContent(sectionId, current.revision, JSON.stringify(placed.state));
      else summary.notPlaced.push({ comment: excerpt(comment.body), reason: placed.reason });
    }
  }
  return summary;
}
