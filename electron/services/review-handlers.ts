// The review methods of the API: the stakeholder register and comment threads.
import type { Handlers } from '../../shared/dispatch';
import type { Store } from './store';
import { writeTransaction } from './store/database';
import { createHwbOpinionRepository } from './store/hwb-opinions';
import { createReviewRepository } from './store/review';

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
  const review = createReviewRepository(store.db);
  const opinions = createHwbOpinionRepository(store.db);
  /** Each of these reads (the plan, the thread) before it writes: one transaction holding the write lock from the start. */
  const write = <I, R>(handler: (input: I) => R) => (input: I): R => writeTransaction(store.db, () => handler(input));
  return {
    listStakeholders: ({ planId }) => {
      store.plans.assertExists(planId);
      return review.stakeholders(planId);
    },
    addStakeholder: write((input) => {
      store.plans.assertExists(input.planId);
      return review.addStakeholder(input);
    }),
    updateStakeholder: write((input) => review.updateStakeholder(input)),
    listThreads: ({ planId, ...filter }) => {
      store.plans.assertExists(planId);
      return review.threads(planId, filter);
    },
    createThread: write((input) => {
      store.plans.assertExists(input.planId);
      return review.createThread(input);
    }),
    replyToThread: write((input) => review.reply(input)),
    setThreadStatus: write(({ threadId, status }) => review.setStatus(threadId, status)),
    respondToThread: write(({ threadId, response }) => review.respond(threadId, response)),
    listHwbOpinions: ({ planId }) => opinions.list(planId, store.plans.get(planId).places),
    saveHwbOpinion: write(({ planId, ...opinion }) => opinions.save(planId, store.plans.get(planId).places, opinion)),
  };
}
