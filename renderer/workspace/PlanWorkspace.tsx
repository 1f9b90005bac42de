// An open plan: outline on the left, the section editor in the middle, the
// section's details and guidance on the right.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatPeriod, type CommentThread, type Plan, type SavedSection, type SearchHit, type Section, type SectionStatus, type SectionSummary } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { CommitRegion, EDITOR_REGION } from '../app/commit-regions';
import { ErrorNotice } from '../app/Notice';
import { navigate, type Route } from '../app/route';
import { SectionDetails } from '../details/SectionDetails';
import type { AutosaveHandle } from '../editor/AutosavePlugin';
import { SaveStatusContext, type SaveStatus } from '../editor/save-status';
import type { Reveal } from '../editor/RevealMatchPlugin';
import { SectionEditor } from '../editor/SectionEditor';
import { CommitmentsGrid } from '../commitments/CommitmentsGrid';
import { PlanSearch } from '../search/PlanSearch';
import { CommentsPanel, type CommentDraft } from '../comments/CommentsPanel';
import { useReview } from '../comments/useReview';
import { HwbOpinions } from '../opinions/HwbOpinions';
import { ExportPanel } from '../export/ExportPanel';
import { ReviewPanel } from '../review/ReviewPanel';
import type { CommentMarksHandle } from '../editor/CommentMarksPlugin';
import { Outline, type OutlineActions } from '../outline/Outline';
import type { MoveTarget } from '../outline/tree-moves';
import { PlanDetailsDialog } from './PlanDetailsDialog';
import { SaveIndicator } from './SaveIndicator';

type PlanRoute = Extract<Route, { view: 'plan' }>;

interface UndoOffer {
  sectionId: string;
  label: string;
}

export function PlanWorkspace({ route }: { route: PlanRoute }) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [sections, setSections] = useState<SectionSummary[]>([]);
  const [section, setSection] = useState<Section | null>(null);
  const [liveWords, setLiveWords] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ state: 'saved' });
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const autosave = useRef<AutosaveHandle | null>(null);
  const commentMarks = useRef<CommentMarksHandle | null>(null);
  const [sidePanel, setSidePanel] = useState<'details' | 'comments'>('details');
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const pendingReveal = useRef<string | null>(null);
  const { planId, sectionId } = route;
  const review = useReview(planId, plan?.reviewCopy?.localStakeholderId ?? null);
  const readOnly = plan?.reviewCopy != null;
  const [returned, setReturned] = useState<string | null>(null);

  const reloadSections = useCallback(async () => {
    setSections(await call('listSections', { planId }));
  }, [planId]);

  useEffect(() => {
    Promise.all([call('getPlan', { planId }), call('listSections', { planId })])
      .then(([p, list]) => {
        setPlan(p);
        setSections(list);
      })
      .catch((e) => setFatal(messageOf(e)));
  }, [planId]);

  // Open the first section when none is chosen.
  useEffect(() => {
    if (!sectionId && sections[0] && route.tab === 'sections') {
      navigate({ view: 'plan', planId, tab: 'sections', sectionId: sections[0].id });
    }
  }, [sectionId, sections, planId, route.tab]);

  useEffect(() => {
    if (!sectionId) {
      setSection(null);
      return;
    }
    let cancelled = false;
    (async () => {
      // Let the previous section finish saving so we load what was saved.
      await autosave.current?.flush();
      try {
        const loaded = await call('getSection', { sectionId });
        if (!cancelled) {
          setSection(loaded);
          setLiveWords(loaded.wordCount);
          setSaveStatus({ state: 'saved' });
        }
      } catch (e) {
        if (!cancelled) setError(messageOf(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [sectionId]);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    try {
      setError(null);
      return await action();
    } catch (e) {
      setError(messageOf(e));
      return undefined;
    }
  }, []);

  const select = useCallback((id: string) => navigate({ view: 'plan', planId, tab: 'sections', sectionId: id }), [planId]);

  const actions: OutlineActions = {
    select,
    move: async (id: string, target: MoveTarget) => {
      const list = await run(() => call('moveSection', { sectionId: id, ...target }));
      if (list) setSections(list);
    },
    add: async (parentId, afterId) => {
      const added = await run(() => call('addSection', { planId, parentId, title: 'New section', afterSectionId: afterId }));
      if (added) {
        await reloadSections();
        select(added.id);
      }
    },
    rename: async (id, title) => {
      const renamed = await run(() => call('renameSection', { sectionId: id, title }));
      if (!renamed) return false;
      setSections((list) => list.map((s) => (s.id === id ? { ...s, title: renamed.title } : s)));
      setSection((s) => (s && s.id === id ? { ...s, title: renamed.title } : s));
      return true;
    },
    remove: async (id) => {
      const target = sections.find((s) => s.id === id);
      if (id === sectionId) await autosave.current?.flush();
      const result = await run(() => call('deleteSection', { sectionId: id }));
      if (!result || !target) return;
      const others = result.deletedIds.length - 1;
      setUndo({ sectionId: id, label: `Deleted “${target.title}”${others > 0 ? ` and ${others} subsection${others > 1 ? 's' : ''}` : ''}.` });
      const remaining = sections.filter((s) => !result.deletedIds.includes(s.id));
      setSections(remaining);
      if (sectionId && result.deletedIds.includes(sectionId)) {
        const next = remaining.find((s) => s.parentId === target.parentId) ?? remaining[0];
        if (next) select(next.id);
        else navigate({ view: 'plan', planId, tab: 'sections' });
      }
    },
  };

  const undoDelete = async () => {
    if (!undo) return;
    const list = await run(() => call('restoreSection', { sectionId: undo.sectionId }));
    if (list) {
      setSections(list);
      select(undo.sectionId);
    }
    setUndo(null);
  };

  const onSaved = useCallback((saved: SavedSection) => {
    setSections((list) => list.map((s) => (s.id === saved.id ? { ...s, wordCount: saved.wordCount, revision: saved.revision } : s)));
  }, []);

  const onMeta = async (change: { status?: SectionStatus; owner?: string }) => {
    if (!section) return;
    const updated = await run(() => call('updateSectionMeta', { sectionId: section.id, ...change }));
    if (updated) {
      setSections((list) => list.map((s) => (s.id === updated.id ? { ...s, status: updated.status, owner: updated.owner } : s)));
      setSection((s) => (s && s.id === updated.id ? { ...s, status: updated.status, owner: updated.owner } : s));
    }
  };

  const openHit = (hit: SearchHit, query: string) => {
    if (hit.sectionId) {
      setReveal({ term: query, nonce: Date.now() });
      select(hit.sectionId);
    } else navigate({ view: 'plan', planId, tab: 'commitments' });
  };

  const commentEvents = {
    onStart: (start: { quote: string } | { error: string }) => {
      if ('error' in start) return setError(start.error);
      setError(null);
      setDraft(start);
      setSidePanel('comments');
    },
    onOpenThread: (threadId: string) => {
      setSidePanel('comments');
      setActiveThreadId(threadId);
      requestAnimationFrame(() => document.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest' }));
    },
    activeThreadId,
    handleRef: commentMarks,
  };

  const activateThread = (thread: CommentThread) => {
    setActiveThreadId(thread.id);
    if (thread.sectionId && thread.sectionId !== sectionId) {
      pendingReveal.current = thread.id;
      select(thread.sectionId);
    } else commentMarks.current?.reveal(thread.id);
  };

  // After opening another section for a thread, show its text.
  useEffect(() => {
    if (!section || !pendingReveal.current) return;
    const threadId = pendingReveal.current;
    pendingReveal.current = null;
    requestAnimationFrame(() => commentMarks.current?.reveal(threadId));
  }, [section]);

  const openCounts = new Map<string, number>();
  for (const t of review.threads) if (t.status === 'open' && t.sectionId) openCounts.set(t.sectionId, (openCounts.get(t.sectionId) ?? 0) + 1);
  const outlineSections = review.threads.length ? sections.map((s) => ({ ...s, openCommentCount: openCounts.get(s.id) ?? 0 })) : sections;

  const keepMine = async () => {
    if (!section) return;
    const latest = await run(() => call('getSection', { sectionId: section.id }));
    if (latest) autosave.current?.rebase(latest.revision);
  };

  if (fatal) {
    return (
      <main className="workspace-fatal">
        <ErrorNotice message={fatal} />
        <button type="button" className="button-secondary" onClick={() => navigate({ view: 'library' })}>
          Back to all plans
        </button>
      </main>
    );
  }

  return (
    <SaveStatusContext.Provider value={setSaveStatus}>
      <div className="workspace">
        <header className="workspace-header">
          <button type="button" className="button-quiet back" onClick={() => navigate({ view: 'library' })}>
            ← All plans
          </button>
          <CommitRegion id="heading">
          <div className="plan-heading">
            <h1>{plan?.title ?? 'Loading plan…'}</h1>
            {plan && (
              <p className="plan-meta">
                {plan.icbName} · {formatPeriod(plan.startYear, plan.endYear)} · <span className="marking">{plan.protectiveMarking}</span>
                {plan.isFinal ? ' · Final' : ' · Draft'} ·{' '}
                <button type="button" className="button-quiet header-link" onClick={() => setEditingDetails(true)}>
                  Plan details
                </button>
              </p>
            )}
          </div>
          </CommitRegion>
          <CommitRegion id="search">
            <PlanSearch planId={planId} onChoose={openHit} />
          </CommitRegion>
          <CommitRegion id="save-indicator">
            <SaveIndicator status={saveStatus} />
          </CommitRegion>
        </header>
        {plan?.reviewCopy && (
          <div className="notice notice-info review-banner" role="region" aria-label="Review copy">
            <span>
              Review copy for <strong>{plan.reviewCopy.reviewer.name}</strong>
              {plan.reviewCopy.reviewer.organisation ? ` (${plan.reviewCopy.reviewer.organisation})` : ''}. The text is read-only: select words and choose
              Comment, or reply to the comments already made. When you have finished, return your comments to the plan's authors.
            </span>
            <button
              type="button"
              className="button-primary button-small"
              onClick={async () => {
                const result = await run(() => call('returnComments', { planId }));
                if (result) setReturned(result.fileName ? `Saved ${result.fileName} with ${result.count} comments and replies. Send it to the plan's authors.` : 'Not saved: no file was chosen.');
              }}
            >
              Return comments…
            </button>
            {returned && <span role="status">{returned}</span>}
          </div>
        )}
        <CommitRegion id="tabs">
        <nav className="tabs" aria-label="Plan views">
          <a href={`#/plan/${encodeURIComponent(planId)}`} aria-current={route.tab === 'sections' ? 'page' : undefined}>
            Sections
          </a>
          {!readOnly && (
            <>
          <a href={`#/plan/${encodeURIComponent(planId)}/commitments`} aria-current={route.tab === 'commitments' ? 'page' : undefined}>
            Delivery commitments
          </a>
          <a href={`#/plan/${encodeURIComponent(planId)}/opinions`} aria-current={route.tab === 'opinions' ? 'page' : undefined}>
            HWB opinions
          </a>
          <a href={`#/plan/${encodeURIComponent(planId)}/review`} aria-current={route.tab === 'review' ? 'page' : undefined}>
            Review
          </a>
          <a href={`#/plan/${encodeURIComponent(planId)}/export`} aria-current={route.tab === 'export' ? 'page' : undefined}>
            Export
          </a>
            </>
          )}
        </nav>
        </CommitRegion>
        <ErrorNotice message={error} onDismiss={() => setError(null)} />
        {editingDetails && plan && (
          <PlanDetailsDialog
            plan={plan}
            onClose={() => setEditingDetails(false)}
            onSaved={(saved) => {
              setPlan(saved);
              setEditingDetails(false);
            }}
          />
        )}
        {undo && (
          <div className="notice notice-info" role="status">
            <span>{undo.label}</span>
            <button type="button" className="button-secondary button-small" onClick={undoDelete}>
              Undo delete
            </button>
            <button type="button" className="button-quiet button-small" onClick={() => setUndo(null)}>
              Dismiss
            </button>
          </div>
        )}
        {route.tab === 'commitments' ? (
          <main className="commitments-pane">
            <CommitmentsGrid planId={planId} sections={sections} onOpenSection={select} />
          </main>
        ) : route.tab === 'opinions' ? (
          <main className="commitments-pane">
            <HwbOpinions planId={planId} />
          </main>
        ) : route.tab === 'review' ? (
          <main className="commitments-pane">
            <ReviewPanel planId={planId} onImported={() => void review.refresh().then(reloadSections)} />
          </main>
        ) : route.tab === 'export' ? (
          <main className="commitments-pane">
            <ExportPanel planId={planId} sections={sections} />
          </main>
        ) : (
        <div className="panes">
          <CommitRegion id="outline">
            <Outline sections={outlineSections} selectedId={sectionId ?? null} actions={actions} readOnly={readOnly} />
          </CommitRegion>
          <CommitRegion id={EDITOR_REGION}>
          <main className="editor-pane" aria-label="Section editor">
            {saveStatus.state === 'failed' && (
              <div className="notice notice-error save-failed" role="alert">
                <strong>Not saved.</strong> <span>{saveStatus.message}</span>
                {saveStatus.conflict ? (
                  <>
                    <button type="button" className="button-secondary button-small" onClick={keepMine}>
                      Keep my version
                    </button>
                    <button type="button" className="button-quiet button-small" onClick={() => window.location.reload()}>
                      Load the saved version
                    </button>
                  </>
                ) : (
                  <button type="button" className="button-secondary button-small" onClick={() => void autosave.current?.flush()}>
                    Try again
                  </button>
                )}
              </div>
            )}
            {section ? (
              <>
                <h2 className="section-title">{section.title}</h2>
                <SectionEditor
                  key={section.id}
                  section={section}
                  onSaved={onSaved}
                  onWordCount={setLiveWords}
                  autosaveRef={autosave}
                  reveal={reveal}
                  readOnly={readOnly}
                  comments={commentEvents}
                />
              </>
            ) : (
              <p className="muted editor-empty">{sections.length ? 'Choose a section from the outline.' : 'Add a section to start writing.'}</p>
            )}
          </main>
          </CommitRegion>
          {section && (
            <CommitRegion id="side-panel">
            <aside className="side" aria-label="Section details and comments">
              <div className="side-switch" role="group" aria-label="Side panel">
                <button type="button" aria-pressed={sidePanel === 'details'} onClick={() => setSidePanel('details')}>
                  Details
                </button>
                <button type="button" aria-pressed={sidePanel === 'comments'} onClick={() => setSidePanel('comments')}>
                  Comments ({openCounts.get(section.id) ?? 0} open)
                </button>
              </div>
              {sidePanel === 'details' ? (
                <SectionDetails section={section} liveWords={liveWords} onMeta={onMeta} readOnly={readOnly} />
              ) : (
                <CommentsPanel
                  planId={planId}
                  sectionId={section.id}
                  sections={sections}
                  review={review}
                  draft={draft}
                  onDraftDone={() => setDraft(null)}
                  onCreated={(threadId, anchored) => {
                    if (anchored) commentMarks.current?.applyMark(threadId);
                  }}
                  activeThreadId={activeThreadId}
                  onActivate={activateThread}
                />
              )}
            </aside>
            </CommitRegion>
          )}
        </div>
        )}
      </div>
    </SaveStatusContext.Provider>
  );
}
