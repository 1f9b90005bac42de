// The plan's section outline: a keyboard-operable tree (arrows to move focus,
// Alt+arrows to reorder and indent, F2 to rename, Delete to delete) with drag
// and drop, each section's status, owner, words and open comments, and the
// plan's progress at a glance.
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { SECTION_STATUSES, SECTION_STATUS_LABELS, type SectionSummary } from '../../shared/domain';
import { dropTarget, indent, moveDown, moveUp, outdent, type MoveTarget } from './tree-moves';

export interface OutlineActions {
  select(id: string): void;
  move(id: string, target: MoveTarget): Promise<void>;
  add(parentId: string | null, afterId: string | null): Promise<void>;
  rename(id: string, title: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}

type DropWhere = 'before' | 'after' | 'inside';

export function Outline({
  sections,
  selectedId,
  actions,
  readOnly = false,
}: {
  sections: SectionSummary[];
  selectedId: string | null;
  actions: OutlineActions;
  /** A review copy: sections can be read but not added, moved, renamed or deleted. */
  readOnly?: boolean;
}) {
  const [focusId, setFocusId] = useState<string | null>(selectedId ?? sections[0]?.id ?? null);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ id: string; where: DropWhere } | null>(null);
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
    restoreFocus.current = false;
    treeRef.current?.querySelector<HTMLElement>(`[data-section-id="${CSS.escape(focusId)}"]`)?.focus();
  }, [sections, focusId]);

  const focusItem = (id: string) => {
    setFocusId(id);
    restoreFocus.current = true;
  };

  const runMove = async (id: string, target: MoveTarget | null) => {
    if (!target) return;
    restoreFocus.current = true;
    setFocusId(id);
    await actions.move(id, target);
  };

  const onKeyDown = (event: KeyboardEvent, section: SectionSummary) => {
    const index = sections.findIndex((s) => s.id === section.id);
    const key = event.key;
    let handled = true;
    const editing = !readOnly;
    if (!editing && (event.altKey || key === 'F2' || key === 'Delete')) handled = false;
    else if (event.altKey && key === 'ArrowUp') void runMove(section.id, moveUp(sections, section.id));
    else if (event.altKey && key === 'ArrowDown') void runMove(section.id, moveDown(sections, section.id));
    else if (event.altKey && key === 'ArrowRight') void runMove(section.id, indent(sections, section.id));
    else if (event.altKey && key === 'ArrowLeft') void runMove(section.id, outdent(sections, section.id));
    else if (key === 'ArrowUp' && index > 0) focusItem(sections[index - 1]!.id);
    else if (key === 'ArrowDown' && index < sections.length - 1) focusItem(sections[index + 1]!.id);
    else if (key === 'Home' && sections[0]) focusItem(sections[0].id);
    else if (key === 'End' && sections.length) focusItem(sections[sections.length - 1]!.id);
    else if (key === 'Enter' || key === ' ') actions.select(section.id);
    else if (key === 'F2') setRenaming({ id: section.id, title: section.title });
    else if (key === 'Delete') void actions.remove(section.id);
    else handled = false;
    if (handled) event.preventDefault();
  };

  const submitRename = async (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    const ok = await actions.rename(renaming.id, renaming.title);
    if (ok) {
      focusItem(renaming.id);
      setRenaming(null);
    }
  };

  const onDragOver = (event: DragEvent<HTMLLIElement>, section: SectionSummary) => {
    if (!dragId) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const y = (event.clientY - rect.top) / rect.height;
    const where: DropWhere = y < 0.3 ? 'before' : y > 0.7 ? 'after' : 'inside';
    if (!dropTarget(sections, dragId, section.id, where)) {
      setDrop(null);
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (drop?.id !== section.id || drop.where !== where) setDrop({ id: section.id, where });
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

  return (
    <nav className="outline" aria-labelledby={`${formId}-heading`}>
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
            disabled={disabled || !indent(sections, current!.id)}
            onClick={() => current && void runMove(current.id, indent(sections, current.id))}
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
            onClick={() => current && void actions.remove(current.id)}
            aria-keyshortcuts="Delete"
            title="Delete (Delete)"
          >
            Delete
          </button>
        </div>
      )}
      {renaming && (
        <form className="rename-form" onSubmit={submitRename} onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}>
          <label htmlFor={`${formId}-rename`}>Section title</label>
          <input id={`${formId}-rename`} value={renaming.title} onChange={(e) => setRenaming({ ...renaming, title: e.target.value })} autoFocus />
          <div className="rename-actions">
            <button type="submit" className="button-primary button-small">
              Save title
            </button>
            <button type="button" className="button-quiet button-small" onClick={() => setRenaming(null)}>
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
                tabIndex={section.id === (focusId ?? sections[0]?.id) ? 0 : -1}
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
    </nav>
  );
}
