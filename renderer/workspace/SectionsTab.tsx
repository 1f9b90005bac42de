// The Sections tab: the outline on the left, the open section's editor in the
// middle, its details or comments on the right. The outline and the side panel
// read the open plan's stores themselves, so typing in the editor re-renders
// neither of them.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CommentThread, SavedSection, Section, SectionStatus, SectionSummary } from '../../shared/domain';
import { announce } from '../app/announce';
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
import { addSectionButton, focusOutlineItem } from '../outline/focus';
import { Outline, type OutlineActions } from '../outline/Outline';
import { RecentlyDeleted } from '../outline/RecentlyDeleted';
import { focusAfterRemoval, placeOf, type MoveTarget } from '../outline/tree-moves';
import { openCountsOf, useOpenPlan, useReviewState, useSaveStatus, useSections } from './open-plan';
import { onRegionKey } from './regions';
import type { RunAction } from './run-action';

/** One outline change, with what is needed to undo and redo it. */
type OutlineChange =
  | { kind: 'move'; id: string; title: string; from: MoveTarget; to: MoveTarget }
  | { kind: 'rename'; id: string; from: string; to: string }
  | { kind: 'delete'; id: string; title: string; label: string };

/**
 * The offer to undo the last outline change. It goes when the user moves on (another
 * section, another action); the change stays undoable with Ctrl+Z in the outline, and a
 * deletion from "Recently deleted", even after a restart.
 */
interface UndoOffer {
  label: string;
  button: string;
  /** The section open when the offer was made: opening another one withdraws it. */
  at: string | undefined;
}

const OFFER_BUTTONS: Record<OutlineChange['kind'], string> = { move: 'Undo move', rename: 'Undo rename', delete: 'Undo delete' };

function offerLabel(change: OutlineChange): string {
  if (change.kind === 'move') return `Moved “${change.title}”.`;
  if (change.kind === 'rename') return `Renamed “${change.from}” to “${change.to}”.`;
  return change.label;
}

/** Where a section now is, in words: "level 2, position 1 of 3". */
function placeWords(list: SectionSummary[], id: string): string {
  const section = list.find((s) => s.id === id);
  if (!section) return '';
  const siblings = list.filter((s) => s.parentId === section.parentId);
  return `level ${section.depth}, position ${siblings.indexOf(section) + 1} of ${siblings.length}`;
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
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  /** Bumped when sections are deleted or restored, so "Recently deleted" reads the store again. */
  const [deletedVersion, setDeletedVersion] = useState(0);
  const history = useRef<{ undo: OutlineChange[]; redo: OutlineChange[] }>({ undo: [], redo: [] });
  const [sidePanel, setSidePanel] = useState<'details' | 'comments'>('details');
  /** On a narrow window (under 1200 px) the side panel is a toggle, closed until asked for. */
  const [sideOpen, setSideOpen] = useState(false);
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const reveal = useValue(open.reveal);
  const autosave = useRef<AutosaveHandle | null>(null);
  const commentMarks = useRef<CommentMarksHandle | null>(null);
  const pendingReveal = useRef<string | null>(null);
  /** The revision the editor's text is based on: its last save, or what it loaded. */
  const editorRevision = useRef<number | null>(null);

  const select = useCallback((id: string) => navigate({ view: 'plan', planId, tab: 'sections', sectionId: id }), [planId]);

  // Moving on to another section withdraws the undo offer (the change stays undoable). The offer
  // names the section the change itself opened, so a deletion that opens the next section keeps it.
  const [shownSection, setShownSection] = useState(sectionId);
  if (sectionId !== shownSection) {
    setShownSection(sectionId);
    if (offer && offer.at !== sectionId) setOffer(null);
  }

  // F6 / Shift+F6 move between the outline, the editor and the side panel.
  useEffect(() => {
    window.addEventListener('keydown', onRegionKey);
    return () => window.removeEventListener('keydown', onRegionKey);
  }, []);

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

  const record = (change: OutlineChange, at: string | undefined) => {
    history.current.undo.push(change);
    history.current.redo = [];
    setOffer({ label: offerLabel(change), button: OFFER_BUTTONS[change.kind], at });
  };

  const moveTo = async (id: string, target: MoveTarget) => {
    const list = await run(() => call('moveSection', { sectionId: id, ...target }));
    if (list) open.sections.set(list);
    return list;
  };

  const renameTo = async (id: string, title: string) => {
    const renamed = await run(() => call('renameSection', { sectionId: id, title }));
    if (!renamed) return false;
    open.patchSection(id, { title: renamed.title });
    setSection((s) => (s && s.id === id ? { ...s, title: renamed.title } : s));
    return true;
  };

  /** Deletes a section and its subsections; the section to open next (when the open one went), or null. */
  const deleteOne = async (id: string): Promise<{ deletedIds: string[]; opened: string | undefined } | null> => {
    if (id === sectionId) await autosave.current?.flush();
    const result = await run(() => call('deleteSection', { sectionId: id }));
    if (!result) return null;
    const before = open.sections.get();
    const remaining = before.filter((s) => !result.deletedIds.includes(s.id));
    open.sections.set(remaining);
    setDeletedVersion((v) => v + 1);
    let opened = sectionId;
    if (sectionId && result.deletedIds.includes(sectionId)) {
      const nearest = focusAfterRemoval(before, id);
      opened = (nearest && remaining.some((s) => s.id === nearest) ? nearest : remaining[0]?.id) ?? undefined;
      if (opened) select(opened);
      else navigate({ view: 'plan', planId, tab: 'sections' });
    }
    return { deletedIds: result.deletedIds, opened };
  };

  const restoreOne = async (id: string) => {
    const list = await run(() => call('restoreSection', { sectionId: id }));
    if (!list) return false;
    open.sections.set(list);
    setDeletedVersion((v) => v + 1);
    select(id);
    return true;
  };

  /** Applies a change backwards (undo) or forwards again (redo); the section to focus, or null when it failed. */
  const apply = async (change: OutlineChange, direction: 'undo' | 'redo'): Promise<string | null> => {
    const undoing = direction === 'undo';
    const verb = undoing ? 'Undone' : 'Redone';
    if (change.kind === 'move') {
      const list = await moveTo(change.id, undoing ? change.from : change.to);
      if (!list) return null;
      announce(`${verb}: “${change.title}” is back at ${placeWords(list, change.id)}.`);
      return change.id;
    }
    if (change.kind === 'rename') {
      if (!(await renameTo(change.id, undoing ? change.from : change.to))) return null;
      announce(`${verb}: the section is called “${undoing ? change.from : change.to}”.`);
      return change.id;
    }
    if (undoing) {
      if (!(await restoreOne(change.id))) return null;
      announce(`${verb}: restored “${change.title}”.`);
      return change.id;
    }
    const before = open.sections.get();
    const next = focusAfterRemoval(before, change.id);
    const result = await deleteOne(change.id);
    if (!result) return null;
    announce(`${verb}: ${change.label}`);
    return next ?? open.sections.get()[0]?.id ?? null;
  };

  const step = async (direction: 'undo' | 'redo'): Promise<string | null> => {
    const from = direction === 'undo' ? history.current.undo : history.current.redo;
    const to = direction === 'undo' ? history.current.redo : history.current.undo;
    const change = from.pop();
    setOffer(null);
    if (!change) {
      announce(direction === 'undo' ? 'There is nothing to undo in the outline.' : 'There is nothing to redo in the outline.');
      return null;
    }
    const focus = await apply(change, direction);
    // A change that could not be applied stays where it was, to be tried again.
    (focus ? to : from).push(change);
    return focus;
  };

  const actions: OutlineActions = {
    select,
    move: async (id: string, target: MoveTarget) => {
      const before = open.sections.get();
      const from = placeOf(before, id);
      const title = before.find((s) => s.id === id)?.title ?? '';
      const list = await moveTo(id, target);
      if (!list || !from) return;
      record({ kind: 'move', id, title, from, to: target }, sectionId);
      announce(`Moved “${title}” to ${placeWords(list, id)}. Press Ctrl+Z to undo.`);
    },
    add: async (parentId, afterId) => {
      setOffer(null);
      const added = await run(() => call('addSection', { planId, parentId, title: 'New section', afterSectionId: afterId }));
      if (added) {
        await run(() => open.reloadSections());
        select(added.id);
      }
    },
    rename: async (id, title) => {
      const from = open.sections.get().find((s) => s.id === id)?.title;
      if (!(await renameTo(id, title))) return false;
      if (from !== undefined && from !== title) {
        record({ kind: 'rename', id, from, to: title }, sectionId);
        announce(`Renamed “${from}” to “${title}”. Press Ctrl+Z to undo.`);
      }
      return true;
    },
    remove: async (id) => {
      const target = open.sections.get().find((s) => s.id === id);
      const result = await deleteOne(id);
      if (!result || !target) return;
      const others = result.deletedIds.length - 1;
      const label = `Deleted “${target.title}”${others > 0 ? ` and ${others} subsection${others > 1 ? 's' : ''}` : ''}.`;
      record({ kind: 'delete', id, title: target.title, label }, result.opened);
      announce(`${label} Press Ctrl+Z to undo, or restore it later from Recently deleted.`);
    },
    undo: () => step('undo'),
    redo: () => step('redo'),
  };

  const undoFromOffer = async () => {
    const focus = await step('undo');
    focusOutlineItem(focus, addSectionButton);
  };

  const restoreFromList = async (id: string, title: string) => {
    setOffer(null);
    if (!(await restoreOne(id))) return;
    announce(`Restored “${title}”.`);
    focusOutlineItem(id, addSectionButton);
  };

  const onMeta = async (change: { status?: SectionStatus; owner?: string }) => {
    if (!section) return;
    setOffer(null);
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
      setSideOpen(true);
    },
    onOpenThread: (threadId: string) => {
      setSidePanel('comments');
      setSideOpen(true);
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
      {offer && (
        <div className="notice notice-info undo-offer">
          <span>{offer.label}</span>
          <button type="button" className="button-secondary button-small" onClick={undoFromOffer} aria-keyshortcuts="Control+Z">
            {offer.button}
          </button>
          <button
            type="button"
            className="button-quiet button-small"
            onClick={() => {
              setOffer(null);
              focusOutlineItem(sectionId ?? null, addSectionButton);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
      <div className="panes">
        <CommitRegion id="outline">
          <OutlinePane
            selectedId={sectionId ?? null}
            actions={actions}
            readOnly={readOnly}
            footer={readOnly ? null : <RecentlyDeleted planId={planId} version={deletedVersion} onRestore={restoreFromList} />}
          />
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
          <button
            type="button"
            className="side-toggle button-secondary button-small"
            aria-expanded={sideOpen}
            aria-controls="side-panel"
            onClick={() => setSideOpen((o) => !o)}
          >
            Section details and comments
          </button>
        )}
        {section && (
          <CommitRegion id="side-panel">
            <aside id="side-panel" className={`side${sideOpen ? ' side-open' : ''}`} aria-label="Section details and comments">
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
function OutlinePane({ selectedId, actions, readOnly, footer }: { selectedId: string | null; actions: OutlineActions; readOnly: boolean; footer: ReactNode }) {
  const sections = useSections();
  const { threads } = useReviewState();
  const withCounts = useMemo(() => {
    if (threads.length === 0) return sections;
    const counts = openCountsOf(threads);
    return sections.map((s) => ({ ...s, openCommentCount: counts.get(s.id) ?? 0 }));
  }, [sections, threads]);
  return <Outline sections={withCounts} selectedId={selectedId} actions={actions} readOnly={readOnly} footer={footer} />;
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
