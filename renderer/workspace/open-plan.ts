// The open plan's state, held in small stores that components subscribe to:
// the plan, its sections (the outline's list), its comment threads and
// stakeholders, the editor's save status and live word count. A keystroke
// changes the save status at most once (saved -> unsaved), so only the save
// indicator hears it; the outline and the threads re-render when their own data
// changes. One OpenPlan per open plan, given to the workspace's components by context.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CommentThread, Plan, SavedSection, SectionSummary, Stakeholder } from '../../shared/domain';
import { call } from '../app/api';
import { createValueStore, useValue } from '../app/value-store';
import type { Reveal } from '../editor/RevealMatchPlugin';
import type { SaveStatus } from '../editor/save-status';

export interface ReviewState {
  stakeholders: Stakeholder[];
  threads: CommentThread[];
}

const sameStatus = (a: SaveStatus, b: SaveStatus) =>
  a.state === b.state && (a.state !== 'failed' || (b.state === 'failed' && a.message === b.message && a.conflict === b.conflict));

const reviewerKey = (planId: string) => `jfp:reviewer:${planId}`;

export function createOpenPlan(planId: string) {
  const plan = createValueStore<Plan | null>(null);
  const sections = createValueStore<SectionSummary[]>([]);
  const review = createValueStore<ReviewState>({ stakeholders: [], threads: [] });
  const saveStatus = createValueStore<SaveStatus>({ state: 'saved' }, sameStatus);
  const liveWords = createValueStore(0);
  const reviewerId = createValueStore<string | null>(window.localStorage.getItem(reviewerKey(planId)));
  /** Words a search asked the editor to find when the section opens. */
  const reveal = createValueStore<Reveal | null>(null);

  return {
    planId,
    plan,
    sections,
    review,
    saveStatus,
    liveWords,
    reviewerId,
    reveal,
    async loadPlan() {
      plan.set(await call('getPlan', { planId }));
    },
    async reloadSections() {
      sections.set(await call('listSections', { planId }));
    },
    async refreshReview() {
      const [stakeholders, threads] = await Promise.all([call('listStakeholders', { planId }), call('listThreads', { planId })]);
      review.set({ stakeholders, threads });
    },
    /** One section's row after a change made here (rename, status, a save). */
    patchSection(id: string, change: Partial<SectionSummary>) {
      sections.set((list) => list.map((s) => (s.id === id ? { ...s, ...change } : s)));
    },
    sectionSaved(saved: SavedSection) {
      sections.set((list) => list.map((s) => (s.id === saved.id ? { ...s, wordCount: saved.wordCount, revision: saved.revision } : s)));
    },
    /** Replaces one thread after a change (reply, resolve, response), or adds a new one. */
    replaceThread(thread: CommentThread) {
      review.set((state) => ({
        ...state,
        threads: state.threads.some((t) => t.id === thread.id) ? state.threads.map((t) => (t.id === thread.id ? thread : t)) : [...state.threads, thread],
      }));
    },
    addStakeholder(person: Stakeholder) {
      review.set((state) => ({ ...state, stakeholders: [...state.stakeholders, person].sort((a, b) => a.name.localeCompare(b.name)) }));
    },
    setReviewerId(id: string | null) {
      reviewerId.set(id);
      if (id) window.localStorage.setItem(reviewerKey(planId), id);
      else window.localStorage.removeItem(reviewerKey(planId));
    },
  };
}

export type OpenPlan = ReturnType<typeof createOpenPlan>;

export const OpenPlanContext = createContext<OpenPlan | null>(null);

export function useOpenPlan(): OpenPlan {
  const open = useContext(OpenPlanContext);
  if (!open) throw new Error('useOpenPlan is used outside an open plan.');
  return open;
}

export const usePlan = () => useValue(useOpenPlan().plan);
export const useSections = () => useValue(useOpenPlan().sections);
export const useReviewState = () => useValue(useOpenPlan().review);
export const useSaveStatus = () => useValue(useOpenPlan().saveStatus);
export const useLiveWords = () => useValue(useOpenPlan().liveWords);

/** Who the user comments as: in a review copy the reviewer the pack was sent to, else the one chosen here. */
export function useReviewer(): { reviewer: Stakeholder | null; fixed: boolean } {
  const open = useOpenPlan();
  const fixedId = useValue(open.plan)?.reviewCopy?.localStakeholderId ?? null;
  const chosenId = useValue(open.reviewerId);
  const id = fixedId ?? chosenId;
  // Only the chosen reviewer's row: a new thread elsewhere does not re-render whoever reads this.
  const reviewer = useSyncExternalStore(open.review.subscribe, () => open.review.get().stakeholders.find((s) => s.id === id) ?? null);
  return { reviewer, fixed: fixedId !== null };
}

/** Open threads per section, for the outline's badges and the side panel's count. */
export function openCountsOf(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of threads) if (t.status === 'open' && t.sectionId) counts.set(t.sectionId, (counts.get(t.sectionId) ?? 0) + 1);
  return counts;
}
