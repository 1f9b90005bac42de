// The review methods of the API: the stakeholder register and comment threads.
// The writing ones run in one transaction each (method-access.ts). Comments,
// replies, responses and resolutions without a reviewer named are the app
// user's own, credited to their profile (#13).
import type { Handlers } from '../../shared/dispatch';
import { JfpError } from '../../shared/errors';
import { saveHwbOpinion } from './record-handlers'; // #15
import type { Store } from './store';

type ReviewMethods =
  | 'listStakeholders'
  | 'addStakeholder'
  | 'updateStakeholder'
  | 'removeStakeholder'
  | 'listThreads'
  | 'createThread'
  | 'replyToThread'
  | 'setThreadStatus'
  | 'respondToThread'
  | 'placeThread'
  | 'setThreadThemes'
  | 'listHwbOpinions'
  | 'saveHwbOpinion';

// #13 review copy
export const REVIEW_COPY_AUTHOR = (name: string) => `In a review copy, comments and replies are ${name}’s: they are the ones returned to the plan’s author.`;
export const NO_PROFILE = 'Set your name, role and organisation in Your profile first: your comments are credited to you.';

export function createReviewHandlers(store: Store): Pick<Handlers, ReviewMethods> {
  const { review, opinions } = store;
  /** The stakeholder a comment is credited to: the reviewer named, or the app's user. */
  const author = (planId: string, stakeholderId: string | undefined): string => {
    // #13 review copy: its comments are the reviewer's, the only ones returned to the author; anyone else's would be lost.
    const copy = store.plans.isReviewCopy(planId) ? store.plans.get(planId).reviewCopy : null;
    if (copy) {
      if (stakeholderId && stakeholderId !== copy.localStakeholderId) throw new JfpError('invalid_input', REVIEW_COPY_AUTHOR(copy.reviewer.name));
      return copy.localStakeholderId;
    }
    // end #13 review copy
    if (stakeholderId) return stakeholderId;
    const profile = store.profile.get();
    if (!profile) throw new JfpError('invalid_input', NO_PROFILE);
    return review.selfStakeholder(planId, profile);
  };
  return {
    listStakeholders: ({ planId }) => {
      store.plans.assertExists(planId);
      return review.stakeholders(planId);
    },
    addStakeholder: (input) => {
      store.plans.assertExists(input.planId);
      return review.addStakeholder(input);
    },
    updateStakeholder: (input) => review.updateStakeholder(input),
    removeStakeholder: ({ stakeholderId }) => {
      review.removeStakeholder(stakeholderId);
      return { removed: true as const };
    },
    listThreads: ({ planId, ...filter }) => {
      store.plans.assertExists(planId);
      return review.threads(planId, filter);
    },
    createThread: ({ stakeholderId, ...input }) => {
      store.plans.assertExists(input.planId);
      return review.createThread({ ...input, stakeholderId: author(input.planId, stakeholderId) });
    },
    replyToThread: ({ stakeholderId, ...input }) => {
      const { planId } = review.thread(input.threadId);
      return review.reply({ ...input, stakeholderId: author(planId, stakeholderId) });
    },
    setThreadStatus: ({ threadId, status }) => review.setStatus(threadId, status, store.profile.actor()),
    respondToThread: ({ threadId, response }) => review.respond(threadId, response, store.profile.actor()),
    placeThread: ({ threadId, sectionId, quote }) => {
      const { planId } = review.thread(threadId);
      if (!store.sections.isLiveIn(sectionId, planId)) throw new JfpError('not_found', 'That section is not in this plan.');
      return review.setAnchor(threadId, { sectionId, quote, prefix: '', suffix: '', changed: false, unplacedReason: '' });
    },
    setThreadThemes: ({ threadId, themes }) => review.setThemes(threadId, themes), // #13 consultation report
    // #15 the boards are their own list (record-handlers.ts)
    listHwbOpinions: ({ planId }) => {
      store.plans.assertExists(planId);
      return opinions.list(planId);
    },
    saveHwbOpinion: (input) => saveHwbOpinion(store, input),
  };
}
