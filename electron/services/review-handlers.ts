// The review methods of the API: the stakeholder register and comment threads.
// The writing ones run in one transaction each (method-access.ts).
import type { Handlers } from '../../shared/dispatch';
import { saveHwbOpinion } from './record-handlers'; // #15
import type { Store } from './store';

type ReviewMethods =
  | 'listStakeholders'
  | 'addStakeholder'
  | 'updateStakeholder'
  | 'listThreads'
  | 'createThread'
  | 'replyToThread'
  | 'setThreadStatus'
  | 'respondToThread'
  | 'listHwbOpinions'
  | 'saveHwbOpinion';

export function createReviewHandlers(store: Store): Pick<Handlers, ReviewMethods> {
  const { review, opinions } = store;
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
    listThreads: ({ planId, ...filter }) => {
      store.plans.assertExists(planId);
      return review.threads(planId, filter);
    },
    createThread: (input) => {
      store.plans.assertExists(input.planId);
      return review.createThread(input);
    },
    replyToThread: (input) => review.reply(input),
    setThreadStatus: ({ threadId, status }) => review.setStatus(threadId, status),
    respondToThread: ({ threadId, response }) => review.respond(threadId, response),
    // #15 the boards are their own list (record-handlers.ts)
    listHwbOpinions: ({ planId }) => {
      store.plans.assertExists(planId);
      return opinions.list(planId);
    },
    saveHwbOpinion: (input) => saveHwbOpinion(store, input),
  };
}
