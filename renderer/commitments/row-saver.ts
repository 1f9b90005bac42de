// The delivery grid's saving, kept out of React so it can be trusted and tested
// on its own. One queue per row: a row's saves run one after another and each
// uses the revision the previous one returned, so the app never conflicts with
// itself. A new row is a draft until something is typed: its first save adds it.
// A save refused because the row changed elsewhere (the jfp command line, an
// import) keeps the typed values and waits for the author's per-field choice.
import { listItemOf, type CommitmentListItem } from '../../shared/commitment-list';
import type { CommitmentFieldsInput } from '../../shared/contract';
import type { Commitment } from '../../shared/domain';

/** What an update may set (the contract's fields: `priority` as a title, `rag` as the override's old name). */
export type Fields = Partial<CommitmentFieldsInput>;
export type FieldName = keyof CommitmentFieldsInput & keyof CommitmentListItem;

export interface RowSaverPorts {
  add(fields: Fields): Promise<Commitment>;
  update(commitmentId: string, revision: number, fields: Fields): Promise<Commitment>;
  get(commitmentId: string): Promise<Commitment | null>;
  /** The code of a refused call ('conflict' for a stale revision), null for anything else. */
  codeOf(error: unknown): string | null;
  messageOf(error: unknown): string;
}

export interface RowConflict {
  /** The row as saved elsewhere. */
  theirs: CommitmentListItem;
  /** Fields typed here whose saved value is now different. */
  fields: FieldName[];
}

export type RowState = 'saved' | 'saving' | 'unsaved' | 'failed' | 'conflict';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class RowSaver {
  /** The row as last saved (null: a draft never saved), as the grid shows it: the count and latest of its actuals, not all. */
  saved: CommitmentListItem | null;
  /** Typed values not yet sent. */
  pending: Fields = {};
  conflict: RowConflict | null = null;
  error: string | null = null;
  private inFlight = 0;
  private chain: Promise<void> = Promise.resolve();
  /** Steps queued or running: with none, a save starts at once (before a page unloads, too). */
  private steps = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Counts this row's changes: the grid's memoised row re-renders only when it moves on, not when other rows change or the order does. */
  version = 0;

  constructor(
    readonly key: string,
    saved: CommitmentListItem | null,
    private readonly ports: RowSaverPorts,
    private readonly onChange: () => void,
  ) {
    this.saved = saved;
  }

  private changed(): void {
    this.version += 1;
    this.onChange();
  }

  get state(): RowState {
    if (this.conflict) return 'conflict';
    if (this.error) return 'failed';
    if (this.inFlight > 0) return 'saving';
    if (Object.keys(this.pending).length > 0) return 'unsaved';
    return 'saved';
  }

  /** The value shown: what was typed and not yet saved, else the saved one. */
  value<F extends FieldName>(field: F): CommitmentListItem[F] | undefined {
    return field in this.pending ? (this.pending[field] as CommitmentListItem[F]) : this.saved?.[field];
  }

  /** Records typed values; saves them after `delayMs` (debounced) or at once. */
  edit(fields: Fields, delayMs = 0): Promise<void> {
    for (const [name, value] of Object.entries(fields) as Array<[FieldName, unknown]>) {
      // Typing back the saved value drops the pending change instead of saving it again.
      if (this.saved && same(this.saved[name], value) && this.inFlight === 0) delete this.pending[name];
      else (this.pending as Record<string, unknown>)[name] = value;
    }
    this.error = null;
    this.changed();
    if (delayMs > 0) {
      this.clearTimer();
      this.timer = setTimeout(() => void this.flush(), delayMs);
      return Promise.resolve();
    }
    return this.flush();
  }

  /** Sends whatever is pending, after any save of this row already under way. */
  flush(): Promise<void> {
    this.clearTimer();
    return this.enqueue(() => this.sendOnce());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const idle = this.steps === 0;
    this.steps += 1;
    const run = () => step().finally(() => (this.steps -= 1));
    this.chain = idle ? run() : this.chain.then(run);
    return this.chain;
  }

  /**
   * Runs another change of this row (an actual added or deleted) in the row's
   * queue, after any pending typed values are saved, and takes its result as saved.
   */
  run(change: (saved: CommitmentListItem) => Promise<Commitment>): Promise<void> {
    void this.flush();
    return this.enqueue(async () => {
      if (!this.saved) return;
      this.inFlight += 1;
      this.changed();
      try {
        this.saved = listItemOf(await change(this.saved));
        this.error = null;
      } catch (error) {
        this.error = this.ports.messageOf(error);
      } finally {
        this.inFlight -= 1;
        this.changed();
      }
    });
  }

  /** The author's answer to a conflict: per field, keep the typed value or take the saved one. */
  resolve(choices: Partial<Record<FieldName, 'mine' | 'theirs'>>): Promise<void> {
    const conflict = this.conflict;
    if (!conflict) return Promise.resolve();
    this.saved = conflict.theirs;
    for (const field of conflict.fields) if (choices[field] === 'theirs') delete this.pending[field];
    this.conflict = null;
    this.changed();
    return this.flush();
  }

  /** A newer saved row (a reload): taken as the base when nothing typed here waits for it. */
  refresh(latest: CommitmentListItem): void {
    if (this.inFlight > 0 || this.conflict) return;
    if (Object.keys(this.pending).length === 0) {
      if (!this.saved || latest.revision !== this.saved.revision) {
        this.saved = latest;
        this.changed();
      }
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sendOnce(): Promise<void> {
    if (this.conflict || Object.keys(this.pending).length === 0) return;
    const fields = this.pending;
    this.pending = {};
    this.inFlight += 1;
    this.changed();
    try {
      this.saved = listItemOf(this.saved ? await this.ports.update(this.saved.id, this.saved.revision, fields) : await this.ports.add(fields));
      this.error = null;
    } catch (error) {
      // Nothing typed is lost: what failed goes back under anything typed since.
      this.pending = { ...fields, ...this.pending };
      if (this.saved && this.ports.codeOf(error) === 'conflict') await this.meetConflict(this.saved.id);
      else this.error = this.ports.messageOf(error);
    } finally {
      this.inFlight -= 1;
      this.changed();
    }
  }

  private async meetConflict(commitmentId: string): Promise<void> {
    const whole = await this.ports.get(commitmentId).catch(() => null);
    if (!whole) {
      this.error = 'This commitment was deleted elsewhere. Copy what you typed before closing it.';
      return;
    }
    const theirs = listItemOf(whole);
    const base = this.saved;
    // A field conflicts when it was changed elsewhere too, to something other than what was typed here.
    const fields = (Object.keys(this.pending) as FieldName[]).filter((f) => !same(theirs[f], base?.[f]) && !same(theirs[f], this.pending[f]));
    if (fields.length === 0) {
      // Changed elsewhere, but not in a field typed here: build on their row and save again.
      this.saved = theirs;
      void this.enqueue(() => this.sendOnce());
      return;
    }
    this.conflict = { theirs, fields };
  }
}
