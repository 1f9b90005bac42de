// Merging reviewers' comments that arrive from elsewhere (a returned comments
// file, a Word document) into a plan, inside the import's one store.write
// transaction (the caller's): each comment has a
// stable key, so importing the same file twice adds nothing; replies join their
// thread in time order; anchored comments are marked in the section's text
// where the quoted words are still found, and kept on the plan when not.
import type { CommentImportSummary, OrganisationType, SectionSummary } from '../../../shared/domain';
import { parseContent, type SerializedState } from '../../../shared/lexical-json';
import type { Store } from '../store';
import { newId } from '../store/ids';
import { describeFound, flatten, locate, markRanges, normaliseQuote, type Located, type MarkRange } from './anchors';
import { QuoteIndex } from './quote-index';

export interface IncomingAuthor {
  /** The stakeholder id in this plan, when the comment came from this app. */
  stakeholderId?: string;
  name: string;
  organisation: string;
  orgType: OrganisationType;
  /** #13: the e-mail the file gives for this author ('' when none). */
  email?: string;
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
  /** #13: the quote's context, and the heading it was under in the file. */
  prefix?: string;
  suffix?: string;
  heading?: string;
  /** #13: who marked it done, and when (Word: whoever saved the file). */
  resolvedBy?: string;
  resolvedAt?: string;
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

export interface MergeOptions {
  /** Mark quoted words in the section text (off when the text already carries the marks, as in a review copy). */
  placeAnchors?: boolean;
  /** #13: look for the quote across the whole plan when the section is not known (or the words are not in it). */
  searchPlan?: boolean;
}

/** A section as the import reads it: parsed once, its text flattened once, and the passages to mark in it. */
interface SectionText {
  id: string;
  revision: number;
  state: SerializedState;
  text: string;
  ranges: MarkRange[];
}

/**
 * #13: the plan's sections as one import works on them. Each section is read
 * and flattened once however many comments land in it; marks are collected
 * and written once per section at the end (marks leave the text as it was, so
 * offsets found earlier still hold); the quote index over the whole plan is
 * built once, when the first comment needs it.
 */
class PlanTexts {
  private readonly loaded = new Map<string, SectionText | null>();
  private outline: SectionSummary[] | null = null;
  private quoteIndex: QuoteIndex | null = null;

  constructor(
    private readonly store: Store,
    private readonly planId: string,
  ) {}

  sections(): SectionSummary[] {
    this.outline ??= this.store.sections.list(this.planId);
    return this.outline;
  }

  section(id: string): SectionText | null {
    if (!this.loaded.has(id)) {
      const current = this.store.sections.get(id);
      const parsed = parseContent(current.content);
      this.loaded.set(id, parsed.ok ? { id, revision: current.revision, state: parsed.state, text: flatten(parsed.state).text, ranges: [] } : null);
    }
    return this.loaded.get(id)!;
  }

  index(): QuoteIndex {
    this.quoteIndex ??= new QuoteIndex(
      this.sections()
        .map((s) => this.section(s.id))
        .filter((s): s is SectionText => s !== null),
    );
    return this.quoteIndex;
  }

  /** Writes each section that gained marks, once. */
  flush(): void {
    for (const section of this.loaded.values()) {
      if (!section?.ranges.length) continue;
      this.store.sections.saveContent(section.id, section.revision, JSON.stringify(markRanges(section.state, section.ranges)));
    }
  }
}

type Placement = { section: SectionText; found: Located } | { sectionId: string | null; reason: string };

/**
 * #13: where a comment goes: in its own section when the words are there;
 * otherwise (searchPlan) in the section under the heading it was under in the
 * file, then wherever the words are exactly (found through the plan's quote
 * index), then wherever they are closest.
 */
function placeComment(store: Store, planId: string, comment: IncomingComment, searchPlan: boolean, plan: PlanTexts): Placement {
  const quote = normaliseQuote(comment.quote);
  const selector = { exact: quote, prefix: comment.prefix ?? '', suffix: comment.suffix ?? '' };
  const tryIn = (sectionId: string): Placement | null => {
    const section = plan.section(sectionId);
    const found = section ? locate(section.text, selector) : null;
    return section && found && found.end > found.start ? { section, found } : null;
  };
  const own = comment.sectionId && store.sections.isLiveIn(comment.sectionId, planId) ? comment.sectionId : null;
  if (own) {
    const placed = tryIn(own);
    if (placed) return placed;
    if (!searchPlan) return { sectionId: own, reason: `The words “${excerpt(quote)}” are no longer in the section, nor any close to them.` };
  }
  if (!searchPlan) return { sectionId: null, reason: 'The section it is about could not be found in this plan; it is kept on the plan.' };
  const heading = (comment.heading ?? '').trim().toLowerCase();
  const underHeading = heading ? plan.sections().filter((s) => s.title.trim().toLowerCase() === heading) : [];
  for (const section of underHeading) {
    const placed = tryIn(section.id);
    if (placed) return placed;
  }
  const exact = plan.index().findExact(selector);
  if (exact) return { section: plan.section(exact.id)!, found: exact.found };
  // Approximate matching only where the exact words are nowhere in the plan.
  const close = plan.index().findApprox(selector);
  if (close) return { section: plan.section(close.id)!, found: close.found };
  return {
    sectionId: own,
    reason: `The words “${excerpt(quote)}” are not in any section of this plan, nor any close to them; place it by hand.`,
  };
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
  const searchPlan = options.searchPlan ?? false;
  // #13: each section read once, marked once at the end, and one index of the plan's words for finding quotes.
  const plan = new PlanTexts(store, planId);
  const { review } = store;
  const summary: CommentImportSummary = { newThreads: 0, newReplies: 0, alreadyImported: 0, notPlaced: [] };

  const personFor = (author: IncomingAuthor): string => {
    if (author.stakeholderId) {
      const known = review.stakeholders(planId).find((s) => s.id === author.stakeholderId);
      if (known) return known.id;
    }
    const found = review.findStakeholder(planId, author.name, author.organisation);
    if (found) return found;
    return review.addStakeholder({ planId, name: author.name, organisation: author.organisation, orgType: author.orgType, email: author.email ?? '' }).id;
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
      // #13: a thread marked done elsewhere (Word) is resolved here, credited to who did it, once.
      if (comment.resolved && comment.key === comment.threadKey) {
        const thread = review.thread(existing);
        if (thread.status === 'open' && thread.resolvedAt === '') {
          review.setStatus(existing, 'resolved', comment.resolvedBy ?? '', comment.resolvedAt);
          summary.resolved = (summary.resolved ?? 0) + 1;
        }
      }
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
    // Keep the comment's own id (marks in the text carry it) unless another plan in this file uses it.
    const threadId = comment.id && !review.commentById(comment.id) ? comment.id : newId();
    const about = { comment: excerpt(comment.body), reviewer: comment.author.name, quote: excerpt(comment.quote) };
    let sectionId = comment.sectionId && store.sections.isLiveIn(comment.sectionId, planId) ? comment.sectionId : null;
    let unplacedReason = '';
    let anchor: { prefix: string; suffix: string; anchorChanged: boolean } | null = null;
    if (placeAnchors && comment.quote.trim()) {
      const placement = placeComment(store, planId, comment, searchPlan, plan);
      if ('found' in placement) {
        const { section, found } = placement;
        sectionId = section.id;
        section.ranges.push({ start: found.start, end: found.end, threadId });
        const described = describeFound(section.text, found, comment.quote);
        anchor = { prefix: described.prefix, suffix: described.suffix, anchorChanged: described.changed };
        if (described.changed) summary.textChanged = (summary.textChanged ?? 0) + 1;
      } else {
        sectionId = placement.sectionId;
        unplacedReason = placement.reason;
      }
    } else if (!sectionId) {
      unplacedReason =
        searchPlan && !comment.quote.trim()
          ? 'It is not on any words of the plan’s text (it may be in a header, footer or footnote, or on the whole document); place it by hand.'
          : 'The section it is about could not be found in this plan; it is kept on the plan.';
    }
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
      ...(anchor ?? {}),
      unplacedReason,
    });
    threadOf.set(comment.key, threadId);
    summary.newThreads++;
    if (isReply) summary.notPlaced.push({ ...about, reason: 'It answers a comment that is not in this plan, so it starts a thread of its own.' });
    if (comment.resolved) review.setStatus(threadId, 'resolved', comment.resolvedBy ?? comment.author.name, comment.resolvedAt);
    if (unplacedReason) summary.notPlaced.push({ ...about, reason: unplacedReason });
  }
  plan.flush();
  return summary;
}
