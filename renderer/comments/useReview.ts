// The plan's stakeholders and comment threads, loaded once per plan and kept
// fresh after every change; the reviewer the user comments as is remembered.
import { useCallback, useEffect, useState } from 'react';
import type { CommentThread, Stakeholder } from '../../shared/domain';
import { call } from '../app/api';

const reviewerKey = (planId: string) => `jfp:reviewer:${planId}`;

export function useReview(planId: string, fixedReviewerId: string | null = null) {
  const [stakeholders, setStakeholders] = useState<Stakeholder[]>([]);
  const [threads, setThreads] = useState<CommentThread[]>([]);
  const [reviewerId, setReviewerIdState] = useState<string | null>(() => window.localStorage.getItem(reviewerKey(planId)));

  const refresh = useCallback(async () => {
    const [people, all] = await Promise.all([call('listStakeholders', { planId }), call('listThreads', { planId })]);
    setStakeholders(people);
    setThreads(all);
  }, [planId]);

  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  const setReviewerId = useCallback(
    (id: string | null) => {
      setReviewerIdState(id);
      if (id) window.localStorage.setItem(reviewerKey(planId), id);
      else window.localStorage.removeItem(reviewerKey(planId));
    },
    [planId],
  );

  /** Replaces one thread after a change (reply, resolve, response). */
  const replaceThread = useCallback((thread: CommentThread) => {
    setThreads((list) => (list.some((t) => t.id === thread.id) ? list.map((t) => (t.id === thread.id ? thread : t)) : [...list, thread]));
  }, []);

  // In a review copy the reviewer is the person the pack was sent to.
  const current = fixedReviewerId ?? reviewerId;
  const reviewer = stakeholders.find((s) => s.id === current) ?? null;
  return { stakeholders, setStakeholders, threads, replaceThread, refresh, reviewer, setReviewerId, fixedReviewer: fixedReviewerId !== null };
}

export type Review = ReturnType<typeof useReview>;
