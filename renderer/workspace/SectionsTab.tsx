// The Sections tab: the outline on the left, the open section's editor in the
// middle, its details or comments on the right. The outline and the side panel
// read the open plan's stores themselves, so typing in the editor re-renders
// neither of them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommentThread, SavedSection, Section, SectionStatus } from '../../shared/domain';
import { call, messageOf } from '../app/api';
import { CommitRegion, EDITOR_REGION } from '../app/commit-regions';
import { useJfpEvent } from '../app/events';
import { navigate } from '../app/route';
import { useValue } from '../app/value-store';
import { CommentsPanel, type CommentDraft } from '../comments/CommentsPanel';
import { SectionDetails } from '../details/SectionDetails';
import type { AutosaveHandle } from '../editor/AutosavePlugin';
import type { CommentMarksHandle } from '../editor/CommentMarksPlugin';
import { SectionEditor } from '../editor/SectionEditor';
import { Outline, type OutlineActions } from '../outline/Outline';
import type { MoveTarget } from '../outline/tree-moves';
import { openCountsOf, useOpenPlan, useReviewState, useSaveStatus, useSections } from './open-plan';
import type { RunAction } from './run-action';

interface UndoOffer {
  sectionId: string;
  label: string;
}

export function SectionsTab({
  sectionId,
  readOnly,
  run,
  setError,
}: {
  sectionId: string | undefined;
  readOnly: boolean;
  run: RunAction;
  setError: (message: string | null) => void;
}) {
  const open = useOpenPlan();
  const { planId } = open;
  const sections = useSections();
  const [loadedSection, setSection] = useState<Section | null>(null);
  // With no section chosen, none is shown (the last one loaded stays until the next arrives).
  const section = sectionId ? loadedSection : null;
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [sidePanel, setSidePanel] = useState<'details' | 'comments'>('details');
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const reveal = useValue(open.reveal);
  const autosave = useRef<AutosaveHandle | null>(null);
  const commentMarks = useRef<CommentMarksHandle | null>(null);
  const pendingReveal = useRef<string | null>(null);
  /** The revision the editor's text is based on: its last save, or what it loaded. */
  const editorRevision = useRef<number | null>(null);

  const select = useCallback((id: string) => navigate({ view: 'plan', planId, tab: 'sections', sectionId: id }), [planId]);

  // Open the first section when none is chosen.
  useEffect(() => {
    if (!sectionId && sections[0]) navigate({ view: 'plan', planId, tab: 'sections', sectionId: sections[0].id });
  }, [sectionId, sections, planId]);

  useEffect(() => {
    if (!sectionId) return;
    let cancelled = false;
    (async () => {
      // Let the previous section finish saving so we load what was saved.
      await autosave.current?.flush();
      try {
        const loaded = await call('getSection', { sectionId });
        if (!cancelled) {
          editorRevision.current = loaded.revision;
          setSection(loaded);
          open.liveWords.set(loaded.wordCount);
          open.saveStatus.set({ state: 'saved' });
        }
      } catch (e) {
        if (!cancelled) setError(messageOf(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [sectionId, setError, open]);

  // Another process saved this section while nothing was waiting to be saved here: show its text.
  // With unsaved text the editor keeps it, and the next save meets the revision conflict it already handles.
  useJfpEvent('plansChanged', () => {
    if (!section) return;
    const id = section.id;
    void (async () => {
      if (open.saveStatus.get().state !== 'saved') return;
      const latest = await call('getSection', { sectionId: id }).catch(() => null);
      if (!latest || latest.revision === editorRevision.current || open.saveStatus.get().state !== 'saved') return;
      editorRevision.current = latest.revision;
      setSection((current) => (current?.id === latest.id ? latest : current));
      open.liveWords.set(latest.wordCount);
    })();
  });

  const onSaved = useCallback(
    (saved: SavedSection) => {
      editorRevision.current = saved.revision;
      open.sectionSaved(saved);
    },
    [open],
  );

  const actions: OutlineActions = {
    select,
    move: async (id: string, target: MoveTarget) => {
      const list = await run(() => call('moveSection', { sectionId: id, ...target }));
      if (list) open.sections.set(list);
    },
    add: async (parentId, afterId) => {
      const added = await run(() => call('addSection', { planId, parentId, title: 'New section', afterSectionId: afterId }));
      if (added) {
        await run(() => open.reloadSections());
        select(added.id);
      }
    },
    rename: async (id, title) => {
      const renamed = await run(() => call('renameSection', { sectionId: id, title }));
      if (!renamed) return false;
      open.patchSection(id, { title: renamed.title });
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
      const remaining = open.sections.get().filter((s) => !result.deletedIds.includes(s.id));
      open.sections.set(remaining);
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
      open.sections.set(list);
      select(undo.sectionId);
    }
    setUndo(null);
  };

  const onMeta = async (change: { status?: SectionStatus; owner?: string }) => {
    if (!section) return;
    const updated = await run(() => call('updateSectionMeta', { sectionId: section.id, ...change }));
    if (updated) {
      open.patchSection(updated.id, { status: updated.status, owner: updated.owner });
      setSection((s) => (s && s.id === updated.id ? { ...s, status: updated.status, owner: updated.owner } : s));
    }
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

  const activateThread = useCallback(
    (thread: CommentThread) => {
      setActiveThreadId(thread.id);
      if (thread.sectionId && thread.sectionId !== sectionId) {
        pendingReveal.current = thread.id;
        select(thread.sectionId);
      } else commentMarks.current?.reveal(thread.id);
    },
    [sectionId, select],
  );
  const draftDone = useCallback(() => setDraft(null), []);
  const markCreated = useCallback((threadId: string, anchored: boolean) => {
    if (anchored) commentMarks.current?.applyMark(threadId);
  }, []);

  // After opening another section for a thread, show its text.
  useEffect(() => {
    if (!section || !pendingReveal.current) return;
    const threadId = pendingReveal.current;
    pendingReveal.current = null;
    requestAnimationFrame(() => commentMarks.current?.reveal(threadId));
  }, [section]);

  const keepMine = async () => {
    if (!section) return;
    const latest = await run(() => call('getSection', { sectionId: section.id }));
    if (latest) {
      editorRevision.current = latest.revision;
      autosave.current?.rebase(latest.revision);
    }
  };

  return (
    <>
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
      <div className="panes">
        <CommitRegion id="outline">
          <OutlinePane selectedId={sectionId ?? null} actions={actions} readOnly={readOnly} />
        </CommitRegion>
        <CommitRegion id={EDITOR_REGION}>
          <main className="editor-pane" aria-label="Section editor">
            <SaveFailedNotice onKeepMine={keepMine} onRetry={() => void autosave.current?.flush()} />
            {section ? (
              <>
                <h2 className="section-title">{section.title}</h2>
                <SectionEditor
                  key={`${section.id}:${section.revision}`}
                  section={section}
                  onSaved={onSaved}
                  onWordCount={open.liveWords.set}
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
                  Comments (<OpenCount sectionId={section.id} /> open)
                </button>
              </div>
              {sidePanel === 'details' ? (
                <SectionDetails section={section} onMeta={onMeta} readOnly={readOnly} />
              ) : (
                <CommentsPanel
                  sectionId={section.id}
                  draft={draft}
                  onDraftDone={draftDone}
                  onCreated={markCreated}
                  activeThreadId={activeThreadId}
                  onActivate={activateThread}
                />
              )}
            </aside>
          </CommitRegion>
        )}
      </div>
    </>
  );
}

/** The outline with each section's open comment count. */
function OutlinePane({ selectedId, actions, readOnly }: { selectedId: string | null; actions: OutlineActions; readOnly: boolean }) {
  const sections = useSections();
  const { threads } = useReviewState();
  const withCounts = useMemo(() => {
    if (threads.length === 0) return sections;
    const counts = openCountsOf(threads);
    return sections.map((s) => ({ ...s, openCommentCount: counts.get(s.id) ?? 0 }));
  }, [sections, threads]);
  return <Outline sections={withCounts} selectedId={selectedId} actions={actions} readOnly={readOnly} />;
}

function OpenCount({ sectionId }: { sectionId: string }) {
  const { threads } = useReviewState();
  return <>{openCountsOf(threads).get(sectionId) ?? 0}</>;
}

/** The loud "Not saved" banner above the editor; it reads the save status itself. */
function SaveFailedNotice({ onKeepMine, onRetry }: { onKeepMine: () => void; onRetry: () => void }) {
  const status = useSaveStatus();
  if (status.state !== 'failed') return null;
  return (
    <div className="notice notice-error save-failed" role="alert">
      <strong>Not saved.</strong> <span>{status.message}</span>
      {status.conflict ? (
        <>
          <button type="button" className="button-secondary button-small" onClick={onKeepMine}>
            Keep my version
          </button>
          <button type="button" className="button-quiet button-small" onClick={() => window.location.reload()}>
            Load the saved version
          </button>
        </>
      ) : (
        <button type="button" className="button-secondary button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
