// Review by reviewers who have the app. The author's "Send for review" writes a
// review pack: the plan's sections and comment threads, and who the reviewer
// is. The reviewer opens it as a read-only copy (their own database), comments,
// and "Return comments" writes a small comments file of what they added. The
// author imports it: merged by the comments' stable ids, so importing twice
// adds nothing and replies from several reviewers interleave by time.
import type { CommentImportSummary, CommentThread, Plan } from '../../../shared/domain';
import { JfpError } from '../../../shared/errors';
import { parseContent } from '../../../shared/lexical-json';
import { commentsFileSchema, MAX_REVIEW_FILE_BYTES, reviewPackSchema, type CommentsFile, type ReviewPack } from '../../../shared/review-pack';
import { formatBytes } from '../export/zip-reader';
import type { Store } from '../store';
import type { NewSection } from '../store/sections';
import { newId, now } from '../store/ids';
import { mergeComments } from './merge';

function flatten(threads: CommentThread[]): ReviewPack['comments'] {
  return threads.flatMap((thread) =>
    thread.comments.map((comment, index) => ({
      id: comment.id,
      threadId: thread.id,
      sectionId: thread.sectionId,
      quote: index === 0 ? thread.quote : '',
      body: comment.body,
      createdAt: comment.createdAt,
      author: { name: comment.authorName, organisation: comment.organisation, orgType: comment.orgType },
      status: thread.status,
    })),
  );
}

type FileSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } } };

/** Reads and checks a review file (pack or comments) from bytes; a refusal names what is wrong when the check says it in a sentence. */
export function parseReviewFile<T>(bytes: Uint8Array, schema: FileSchema<T>, what: string, maxBytes = MAX_REVIEW_FILE_BYTES): T {
  if (bytes.length > maxBytes) throw new JfpError('invalid_input', `That file is too large to be a ${what} (over ${formatBytes(maxBytes)}).`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new JfpError('invalid_input', `That file is not a ${what}: it could not be read as one.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // Sentences written for people end with a full stop; zod's own wording does not.
    const reason = parsed.error.issues.map((issue) => issue.message).find((message) => /^[A-Z“].*\.$/.test(message));
    throw new JfpError(
      'invalid_input',
      `That file is not a ${what} this version of JFP Studio can read${reason ? `: ${reason.replace(/^[A-Z](?=[a-z\s])/, (c) => c.toLowerCase())}` : '.'} Nothing was changed.`,
    );
  }
  return parsed.data;
}

export function buildReviewPack(store: Store, planId: string, stakeholderId: string): ReviewPack {
  // One read transaction: the outline, the texts and the threads as they were at one moment.
  return store.read(() => readReviewPack(store, planId, stakeholderId));
}

function readReviewPack(store: Store, planId: string, stakeholderId: string): ReviewPack {
  const plan = store.plans.get(planId);
  if (plan.reviewCopy) throw new JfpError('invalid_input', 'A review copy cannot be sent for review; send the original plan.');
  const { review } = store;
  const person = review.stakeholder(stakeholderId, planId);
  return {
    format: 'jfp-review-pack',
    version: 1,
    packId: newId(),
    createdAt: now(),
    plan: {
      id: plan.id,
      title: plan.title,
      icbName: plan.icbName,
      startYear: plan.startYear,
      protectiveMarking: plan.protectiveMarking,
      partnerTrusts: plan.partnerTrusts,
      places: plan.places,
    },
    reviewer: { stakeholderId: person.id, name: person.name, organisation: person.organisation, orgType: person.orgType },
    sections: (() => {
      const contents = store.sections.contents(planId);
      // #13 review copy: the reviewer reads each section's status, owner and guidance beside its text.
      return store.sections.list(planId).map((s) => {
        const expected = store.sections.get(s.id).expectedContent;
        return {
          id: s.id,
          parentId: s.parentId,
          title: s.title,
          content: contents.get(s.id)?.content ?? '',
          status: s.status,
          owner: s.owner,
          guidance: contents.get(s.id)?.guidance ?? '',
          ...(expected.length > 0 ? { expectedContent: expected } : {}),
        };
      });
    })(),
    comments: flatten(review.threads(planId)),
  };
}

/** Opens a pack as a read-only review copy, in one write transaction; opening the same pack again returns the copy already made. */
export function openReviewPack(store: Store, pack: ReviewPack): Plan {
  // Checked before the write lock is taken: a damaged pack holds up no other writer.
  for (const section of pack.sections) {
    const parsed = parseContent(section.content);
    if (!parsed.ok) throw new JfpError('invalid_input', `The review pack's section “${section.title}” is damaged: ${parsed.reason}`);
  }
  const { review } = store;
  // The look for an earlier copy is inside the write transaction, so two opens of one pack make one copy.
  return store.write(() => {
    const existing = store.plans.copyOfPack(pack.packId);
    if (existing) return store.plans.get(existing);
    // Sections keep the author's ids where this database has no such id, so comment marks still match.
    const localId = new Map<string, string>();
    for (const s of pack.sections) localId.set(s.id, store.sections.exists(s.id) ? newId() : s.id);
    const children = (parentId: string | null) => pack.sections.filter((s) => s.parentId === parentId);
    const tree = (parentId: string | null): NewSection[] =>
      children(parentId).map((s) => ({
        id: localId.get(s.id)!,
        originId: s.id,
        title: s.title,
        content: s.content,
        // #13 review copy: the author's status, owner and guidance, shown read-only.
        status: s.status ?? 'not_started',
        owner: s.owner ?? '',
        guidance: s.guidance ?? '',
        expectedContent: s.expectedContent ?? [],
        children: tree(s.id),
      }));
    const planId = store.createPlan(
      {
        title: pack.plan.title,
        icbName: pack.plan.icbName,
        startYear: pack.plan.startYear,
        templateId: 'review-copy',
        protectiveMarking: pack.plan.protectiveMarking,
        partnerTrusts: pack.plan.partnerTrusts,
        places: pack.plan.places,
      },
      tree(null),
    );
    const me = review.addStakeholder({ planId, name: pack.reviewer.name, organisation: pack.reviewer.organisation, orgType: pack.reviewer.orgType, email: '' });
    const imported = mergeComments(
      store,
      planId,
      pack.comments.map((c) => ({
        key: c.id,
        threadKey: c.threadId,
        sectionId: c.sectionId ? (localId.get(c.sectionId) ?? null) : null,
        quote: c.quote,
        body: c.body,
        createdAt: c.createdAt,
        author: c.author,
        resolved: c.status === 'resolved',
        id: c.id,
      })),
      'review_pack',
      { placeAnchors: false },
    );
    void imported;
    store.plans.setReviewCopy(planId, { packId: pack.packId, originPlanId: pack.plan.id, reviewer: pack.reviewer, localStakeholderId: me.id });
    return store.plans.get(planId);
  });
}

/** The reviewer's comments and replies in a review copy, for the author. */
export function buildCommentsFile(store: Store, copyPlanId: string): CommentsFile {
  const plan = store.plans.get(copyPlanId);
  const copy = plan.reviewCopy;
  if (!copy) throw new JfpError('invalid_input', 'Only a review copy opened from a review pack has comments to return.');
  const origin = store.sections.origins(copyPlanId);
  const { review } = store;
  const mine = flatten(review.threads(copyPlanId)).filter((c) => {
    const thread = review.thread(c.threadId);
    return thread.comments.find((x) => x.id === c.id)?.stakeholderId === copy.localStakeholderId;
  });
  return {
    format: 'jfp-comments',
    version: 1,
    packId: copy.packId,
    planId: copy.originPlanId,
    planTitle: plan.title,
    createdAt: now(),
    reviewer: copy.reviewer,
    comments: mine.map((c) => ({ ...c, sectionId: c.sectionId ? (origin.get(c.sectionId) ?? null) : null })),
  };
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** A plan told apart from another of the same title: when it was made, and the start of its id. */
const whichPlan = (plan: { id: string; createdAt?: string }) =>
  `${plan.createdAt && !Number.isNaN(Date.parse(plan.createdAt)) ? `created ${dayFormat.format(new Date(plan.createdAt))}, ` : ''}id ${plan.id.slice(0, 8)}`;

/** #13: why a comments file is refused for this plan, naming both plans so two with one title are told apart. */
function anotherPlan(store: Store, plan: Plan, file: CommentsFile): string {
  if (file.planTitle.trim() !== plan.title.trim()) return `This comments file is for another plan (“${file.planTitle}”), not “${plan.title}”. Nothing was imported.`;
  let intended: Plan | null = null;
  try {
    intended = store.plans.get(file.planId);
  } catch (error) {
    if (!(error instanceof JfpError && error.code === 'not_found')) throw error;
  }
  return intended
    ? `This comments file is for the other plan called “${plan.title}” (${whichPlan(intended)}), not the one open (${whichPlan(plan)}). Open that plan and import the file there. Nothing was imported.`
    : `This comments file is for another plan also called “${plan.title}” (id ${file.planId.slice(0, 8)}), not the one open (${whichPlan(plan)}). Nothing was imported.`;
}

/** Merges a returned comments file into the author's plan, in one write transaction. */
export function importCommentsFile(store: Store, planId: string, file: CommentsFile): CommentImportSummary {
  return store.write(() => {
    const plan = store.plans.get(planId);
    if (file.planId !== planId) throw new JfpError('invalid_input', anotherPlan(store, plan, file));
    return mergeComments(
      store,
      planId,
      file.comments.map((c) => ({
        key: c.id,
        threadKey: c.threadId,
        sectionId: c.sectionId,
        quote: c.quote,
        body: c.body,
        createdAt: c.createdAt,
        author: { ...c.author, ...(c.author.name === file.reviewer.name ? { stakeholderId: file.reviewer.stakeholderId } : {}) },
        id: c.id,
      })),
      'review_pack',
    );
  });
}

export { commentsFileSchema, reviewPackSchema };
