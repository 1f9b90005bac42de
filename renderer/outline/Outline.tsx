// The plan's section outline: a keyboard-operable tree (arrows to move focus,
// Alt+arrows to reorder and indent, F2 to rename, Delete to delete) with drag
// and drop, each section's status, owner, words and open comments, and the
// plan's progress at a glance.
// Every change can be undone (Ctrl+Z while the outline has focus, Ctrl+Y or
// Ctrl+Shift+Z to redo); a drag shows and announces where the section would go,
// and a refused drop or indent says why. When the focused item goes, focus moves
// to the nearest item, never to the page.
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { SECTION_STATUSES, SECTION_STATUS_LABELS, type SectionSummary } from '../../shared/domain';
import { announce } from '../app/announce';
import { addSectionButton, focusOutlineItem } from './focus';
import { AddFromTemplate } from '../readiness/AddFromTemplate'; // #15
import { dropRefusal, dropTarget, focusAfterRemoval, indent, indentRefusal, moveDown, moveUp, outdent, type MoveTarget } from './tree-moves';

export interface OutlineActions {
  select(id: string): void;
  move(id: string, target: MoveTarget): Promise<void>;
  add(parentId: string | null, afterId: string | null): Promise<void>;
  rename(id: string, title: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Undoes the last outline change; resolves to the section to focus, or null when nothing was undone. */
  undo(): Promise<string | null>;
  redo(): Promise<string | null>;
}

const WHERE_WORDS: Record<DropWhere, string> = { before: 'before', after: 'after', inside: 'inside' };

type DropWhere = 'before' | 'after' | 'inside';

export function Outline({
  sections,
  selectedId,
  actions,
  readOnly = false,
  footer,
}: {
  sections: SectionSummary[];
  selectedId: string | null;
  actions: OutlineActions;
  /** A review copy: sections can be read but not added, moved, renamed or deleted. */
  readOnly?: boolean;
  /** Shown under the tree (the "Recently deleted" list). */
  footer?: ReactNode;
}) {
  const [focusId, setFocusId] = useState<string | null>(selectedId ?? sections[0]?.id ?? null);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ id: string; where: DropWhere } | null>(null);
  /** Why the last drop or indent was refused, shown until the next change. */
  const [refused, setRefused] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const restoreFocus = useRef(false);
  const formId = useId();

  const current = sections.find((s) => s.id === (selectedId ?? focusId)) ?? null;

  // Opening a section moves the outline's focus to it.
  const [followed, setFollowed] = useState(selectedId);
  if (selectedId !== followed) {
    setFollowed(selectedId);
    if (selectedId) setFocusId(selectedId);
  }

  useEffect(() => {
    if (!restoreFocus.current || !focusId) return;
    const element = treeRef.current?.querySelector<HTMLElement>(`[data-section-id="${CSS.escape(focusId)}"]`);
    if (!element) return;
    restoreFocus.current = false;
    element.focus();
  }, [sections, focusId]);

  const focusItem = (id: string) => {
    setFocusId(id);
    restoreFocus.current = true;
  };

  const runMove = async (id: string, target: MoveTarget | null) => {
    if (!target) return;
    setRefused(null);
    restoreFocus.current = true;
    setFocusId(id);
    await actions.move(id, target);
  };

  const refuse = (message: string) => {
    setRefused(message);
    announce(message);
  };

  const tryIndent = (id: string) => {
    const why = indentRefusal(sections, id);
    if (why) refuse(why);
    else void runMove(id, indent(sections, id));
  };

  /** Deletes, then focuses the nearest item: the next sibling, the one before, the parent, or "Add section" when none is left. */
  const removeSection = async (id: string) => {
    const next = focusAfterRemoval(sections, id);
    setRefused(null);
    await actions.remove(id);
    focusOutlineItem(next ?? sections.find((s) => !isInside(sections, s.id, id))?.id ?? null, addSectionButton);
  };

  const undoOrRedo = async (which: 'undo' | 'redo') => {
    setRefused(null);
    const id = await actions[which]();
    if (id) focusOutlineItem(id, addSectionButton);
  };

  // Ctrl+Z / Ctrl+Y anywhere in the outline but the rename field (which has its own undo).
  const onOutlineKeyDown = (event: KeyboardEvent) => {
    if (readOnly || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    if (event.target instanceof HTMLInputElement) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) void undoOrRedo('undo');
    else if ((key === 'z' && event.shiftKey) || key === 'y') void undoOrRedo('redo');
    else return;
    event.preventDefault();
  };

  const onKeyDown = (event: KeyboardEvent, section: SectionSummary) => {
    const index = sections.findIndex((s) => s.id === section.id);
    const key = event.key;
    let handled = true;
    const editing = !readOnly;
    if (!editing && (event.altKey || key === 'F2' || key === 'Delete')) handled = false;
    else if (event.altKey && key === 'ArrowUp') void runMove(section.id, moveUp(sections, section.id));
    else if (event.altKey && key === 'ArrowDown') void runMove(section.id, moveDown(sections, section.id));
    else if (event.altKey && key === 'ArrowRight') tryIndent(section.id);
    else if (event.altKey && key === 'ArrowLeft') void runMove(section.id, outdent(sections, section.id));
    else if (key === 'ArrowUp' && index > 0) focusItem(sections[index - 1]!.id);
    else if (key === 'ArrowDown' && index < sections.length - 1) focusItem(sections[index + 1]!.id);
    else if (key === 'Home' && sections[0]) focusItem(sections[0].id);
    else if (key === 'End' && sections.length) focusItem(sections[sections.length - 1]!.id);
    else if (key === 'Enter' || key === ' ') actions.select(section.id);
    else if (key === 'F2') setRenaming({ id: section.id, title: section.title });
    else if (key === 'Delete') void removeSection(section.id);
    else handled = false;
    if (handled) event.preventDefault();
  };

  // The rename field goes: focus returns to the section, not to the page.
  const cancelRename = () => {
    if (renaming) focusOutlineItem(renaming.id, addSectionButton);
    setRenaming(null);
  };

  const submitRename = async (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    const ok = await actions.rename(renaming.id, renaming.title);
    if (ok) {
      setFocusId(renaming.id);
      setRenaming(null);
      focusOutlineItem(renaming.id, addSectionButton);
    }
  };

  const onDragOver = (event: DragEvent<HTMLLIElement>, section: SectionSummary) => {
    if (!dragId) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const y = (event.clientY - rect.top) / rect.height;
    const where: DropWhere = y < 0.3 ? 'before' : y > 0.7 ? 'after' : 'inside';
    if (!dropTarget(sections, dragId, section.id, where)) {
      setDrop(null);
      const why = dropRefusal(sections, dragId, section.id, where);
      if (why && why !== refused) refuse(why);
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (drop?.id !== section.id || drop.where !== where) {
      setDrop({ id: section.id, where });
      setRefused(null);
      announce(`Drop ${WHERE_WORDS[where]} “${section.title}”.`);
    }
  };

  const onDrop = (event: DragEvent<HTMLLIElement>) => {
    event.preventDefault();
    if (dragId && drop) void runMove(dragId, dropTarget(sections, dragId, drop.id, drop.where));
    setDragId(null);
    setDrop(null);
  };

  const byStatus = Object.fromEntries(SECTION_STATUSES.map((s) => [s, sections.filter((x) => x.status === s).length]));
  const words = sections.reduce((sum, s) => sum + s.wordCount, 0);
  const disabled = !current;
  // One item is the tree's Tab stop, even when the one that had focus has gone.
  const tabStop = sections.find((s) => s.id === focusId)?.id ?? sections.find((s) => s.id === selectedId)?.id ?? sections[0]?.id;

  return (
    <nav className="outline" id="outline" tabIndex={-1} aria-labelledby={`${formId}-heading`} onKeyDown={onOutlineKeyDown}>
      <div className="pane-heading">
        <h2 id={`${formId}-heading`}>Outline</h2>
      </div>
      <dl className="progress" aria-label="Plan progress">
        {SECTION_STATUSES.map((s) => (
          <div key={s} className={`progress-item status-${s}`}>
            <dt>{SECTION_STATUS_LABELS[s]}</dt>
            <dd>{byStatus[s]}</dd>
          </div>
        ))}
        <div className="progress-item">
          <dt>Words</dt>
          <dd>{words.toLocaleString('en-GB')}</dd>
        </div>
      </dl>
      {!readOnly && (
        <div className="outline-tools" role="toolbar" aria-label="Outline">
          <button type="button" className="button-small button-secondary" onClick={() => void actions.add(current?.parentId ?? null, current?.id ?? null)}>
            Add section
          </button>
          <button type="button" className="button-small button-secondary" disabled={disabled} onClick={() => current && void actions.add(current.id, null)}>
            Add subsection
          </button>
          {/* #15 the template's optional sections */}
          <AddFromTemplate />
          <button
            type="button"
            className="tool"
            disabled={disabled || !moveUp(sections, current!.id)}
            onClick={() => current && void runMove(current.id, moveUp(sections, current.id))}
            aria-label="Move up"
            aria-keyshortcuts="Alt+ArrowUp"
            title="Move up (Alt+↑)"
          >
            ↑
          </button>
          <button
            type="button"
            className="tool"
            disabled={disabled || !moveDown(sections, current!.id)}
            onClick={() => current && void runMove(current.id, moveDown(sections, current.id))}
            aria-label="Move down"
            aria-keyshortcuts="Alt+ArrowDown"
            title="Move down (Alt+↓)"
          >
            ↓
          </button>
          <button
            type="button"
            className="tool"
            disabled={disabled}
            onClick={() => current && tryIndent(current.id)}
            aria-label="Indent"
            aria-keyshortcuts="Alt+ArrowRight"
            title="Indent (Alt+→)"
          >
            →
          </button>
          <button
            type="button"
            className="tool"
            disabled={disabled || !outdent(sections, current!.id)}
            onClick={() => current && void runMove(current.id, outdent(sections, current.id))}
            aria-label="Outdent"
            aria-keyshortcuts="Alt+ArrowLeft"
            title="Outdent (Alt+←)"
          >
            ←
          </button>
          <button
            type="button"
            className="tool"
            disabled={disabled}
            onClick={() => current && setRenaming({ id: current.id, title: current.title })}
            aria-keyshortcuts="F2"
            title="Rename (F2)"
          >
            Rename
          </button>
          <button
            type="button"
            className="tool tool-danger"
            disabled={disabled}
            onClick={() => current && void removeSection(current.id)}
            aria-keyshortcuts="Delete"
            title="Delete (Delete)"
          >
            Delete
          </button>
        </div>
      )}
      {renaming && (
        <form className="rename-form" onSubmit={submitRename} onKeyDown={(e) => e.key === 'Escape' && cancelRename()}>
          <label htmlFor={`${formId}-rename`}>Section title</label>
          <input id={`${formId}-rename`} value={renaming.title} onChange={(e) => setRenaming({ ...renaming, title: e.target.value })} autoFocus />
          <div className="rename-actions">
            <button type="submit" className="button-primary button-small">
              Save title
            </button>
            <button type="button" className="button-quiet button-small" onClick={cancelRename}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {sections.length === 0 ? (
        <p className="muted outline-empty">This plan has no sections yet. Use "Add section" to start.</p>
      ) : (
        <ul className="tree" role="tree" aria-label="Sections" ref={treeRef}>
          {sections.map((section) => {
            const selected = section.id === selectedId;
            const dropClass = drop?.id === section.id ? ` drop-${drop.where}` : '';
            return (
              <li
                key={section.id}
                role="treeitem"
                aria-level={section.depth}
                aria-selected={selected}
                tabIndex={section.id === tabStop ? 0 : -1}
                data-section-id={section.id}
                className={`tree-item depth-${section.depth}${selected ? ' selected' : ''}${dropClass}`}
                onClick={() => {
                  setFocusId(section.id);
                  actions.select(section.id);
                }}
                onFocus={() => setFocusId(section.id)}
                onKeyDown={(e) => onKeyDown(e, section)}
                draggable={!readOnly}
                onDragStart={(e) => {
                  setDragId(section.id);
                  setRefused(null);
                  announce(`Dragging “${section.title}”.`);
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', section.title);
                }}
                onDragEnd={() => (setDragId(null), setDrop(null))}
                onDragOver={(e) => onDragOver(e, section)}
                onDrop={onDrop}
              >
                <span className="tree-title">{section.title}</span>
                <span className="tree-meta">
                  <span className={`status-badge status-${section.status}`}>{SECTION_STATUS_LABELS[section.status]}</span>
                  <span>{section.wordCount.toLocaleString('en-GB')} words</span>
                  {section.openCommentCount > 0 && (
                    <span>
                      {section.openCommentCount} open {section.openCommentCount === 1 ? 'comment' : 'comments'}
                    </span>
                  )}
                  {section.owner && <span>{section.owner}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {/* Below the tree, so it appearing or going never moves an item from under the pointer. */}
      {refused && (
        <p className="outline-refused" data-testid="outline-refused">
          {refused}
        </p>
      )}
      {footer}
    </nav>
  );
}

/** Whether `id` is `ancestorId` or inside it. */
function isInside(sections: SectionSummary[], id: string, ancestorId: string): boolean {
  for (let cursor = sections.find((s) => s.id === id); cursor; cursor = sections.find((s) => s.id === cursor!.parentId)) {
    if (cursor.id === ancestorId) return true;
  }
  return false;
}
