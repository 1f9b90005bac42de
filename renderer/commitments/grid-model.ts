// The grid's rows: one RowSaver per row, in the order loaded (drafts last), and
// a version number React subscribes to. The save indicator's state is derived
// from every row's queue and the cell being typed in, so "All changes saved"
// shows only when nothing is pending or in flight.
import type { CommitmentListItem } from '../../shared/commitment-list';
import type { SaveStatus } from '../editor/save-status';
import { RowSaver, type FieldName, type RowSaverPorts } from './row-saver';

let draftCount = 0;

export class GridModel {
  private savers: RowSaver[] = [];
  private byId = new Map<string, RowSaver>();
  private listeners = new Set<() => void>();
  private version = 0;
  private snapshot: readonly RowSaver[] = [];
  /**
   * The row whose cell is being edited, and that cell's field. A reload shows the
   * row's other fields as saved elsewhere; if the edited field itself changed
   * elsewhere the row keeps its base, so saving the typed text meets the conflict.
   */
  editingKey: string | null = null;
  editingField: FieldName | null = null;
  /** Keys of rows added in this session: shown whatever the filters and sort say, at the end. */
  readonly fresh = new Set<string>();
  /** The cell being typed in has text not yet handed to its row's queue. */
  private editorDirty = false;
  /** Hands the typed text of the open cell editor to its row (the window closing or the page going away). */
  private takeEditorText: (() => void) | null = null;

  constructor(
    private readonly ports: RowSaverPorts,
    private readonly reportStatus: (status: SaveStatus) => void,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = () => this.version;
  /** The rows, a new array after any change (for React and the table). */
  getSnapshot = () => this.snapshot;

  rows(): readonly RowSaver[] {
    return this.savers;
  }

  row(key: string): RowSaver | undefined {
    return this.savers.find((s) => s.key === key);
  }

  /** The saved rows from the database; typed values and drafts stay. */
  load(list: readonly CommitmentListItem[]): void {
    const next: RowSaver[] = [];
    const seen = new Set<string>();
    for (const row of list) {
      seen.add(row.id);
      const existing = this.byId.get(row.id);
      if (existing) {
        if (!this.editedElsewhere(existing, row)) existing.refresh(row);
        next.push(existing);
      } else {
        const saver = this.makeSaver(row.id, row);
        next.push(saver);
      }
    }
    // Rows deleted elsewhere go, unless something typed here is waiting in them; drafts stay.
    for (const s of this.savers) {
      const id = s.saved?.id;
      if (id && seen.has(id)) continue;
      if (!id || s.state !== 'saved') next.push(s);
      else this.byId.delete(id);
    }
    this.savers = next;
    this.bump();
  }

  addDraft(): RowSaver {
    const saver = this.makeSaver(`draft-${++draftCount}`, null);
    this.savers = [...this.savers, saver];
    this.fresh.add(saver.key);
    this.bump();
    return saver;
  }

  remove(key: string): void {
    const saver = this.row(key);
    if (!saver) return;
    if (saver.saved) this.byId.delete(saver.saved.id);
    this.savers = this.savers.filter((s) => s !== saver);
    this.fresh.delete(key);
    this.bump();
  }

  setEditorTake(take: (() => void) | null): void {
    this.takeEditorText = take;
  }

  setEditingKey(key: string | null, field: FieldName | null = null): void {
    this.editingKey = key;
    this.editingField = key === null ? null : field;
  }

  /** The cell being edited is in this row and its field was changed elsewhere. */
  private editedElsewhere(saver: RowSaver, latest: CommitmentListItem): boolean {
    if (saver.key !== this.editingKey) return false;
    if (!this.editingField || !saver.saved) return true;
    return JSON.stringify(latest[this.editingField] ?? null) !== JSON.stringify(saver.saved[this.editingField] ?? null);
  }

  setEditorDirty(dirty: boolean): void {
    if (this.editorDirty === dirty) return;
    this.editorDirty = dirty;
    this.report();
  }

  /** Saves everything now: the open cell's text, then every row's queue. */
  async flushAll(): Promise<void> {
    this.takeEditorText?.();
    await Promise.allSettled(this.savers.map((s) => s.flush()));
  }

  status(): SaveStatus {
    const states = this.savers.map((s) => s.state);
    const problem = this.savers.find((s) => s.state === 'failed' || s.state === 'conflict');
    if (problem)
      return {
        state: 'failed',
        conflict: problem.state === 'conflict',
        message: problem.error ?? 'A commitment was changed elsewhere: choose which values to keep.',
      };
    if (states.includes('saving')) return { state: 'saving' };
    if (this.editorDirty || states.includes('unsaved')) return { state: 'unsaved' };
    return { state: 'saved' };
  }

  private makeSaver(key: string, saved: CommitmentListItem | null): RowSaver {
    const saver = new RowSaver(key, saved, this.ports, () => {
      if (saver.saved) this.byId.set(saver.saved.id, saver);
      this.bump();
    });
    if (saved) this.byId.set(saved.id, saver);
    return saver;
  }

  private bump(): void {
    this.version += 1;
    this.snapshot = [...this.savers];
    this.report();
    for (const l of this.listeners) l();
  }

  private report(): void {
    this.reportStatus(this.status());
  }
}
