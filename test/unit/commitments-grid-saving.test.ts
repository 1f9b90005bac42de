// The delivery grid's save queue (renderer/commitments/row-saver.ts) against a
// fake service that keeps revisions as the store does: a stale revision is
// refused with `conflict`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listItemOf } from '../../shared/commitment-list';
import type { Commitment } from '../../shared/domain';
import { GridModel } from '../../renderer/commitments/grid-model';
import { RowSaver, type Fields, type RowSaverPorts } from '../../renderer/commitments/row-saver';

class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fakeService() {
  const rows = new Map<string, Commitment>();
  const calls: Array<{ method: string; revision?: number; fields: Fields }> = [];
  let next = 1;
  /** Resolves the next update only when released, to hold a save in flight. */
  let gate: Promise<void> | null = null;
  let failNext: string | null = null;
  const base = (id: string): Commitment =>
    ({
      id,
      planId: 'p',
      sectionId: null,
      position: 0,
      priority: '',
      commitment: '',
      metric: '',
      baseline: '',
      target: '',
      targetYear: null,
      guidanceYear: '',
      leadOrg: '',
      rag: 'not_set',
      revision: 1,
      updatedAt: '',
      actuals: [],
      ragComputed: { status: 'not_set', rule: '', reason: 'No actual yet.' },
    }) as unknown as Commitment;
  const ports: RowSaverPorts = {
    async add(fields) {
      calls.push({ method: 'add', fields });
      const row = { ...base(`c${next++}`), ...fields } as Commitment;
      rows.set(row.id, row);
      return row;
    },
    async update(id, revision, fields) {
      calls.push({ method: 'update', revision, fields });
      if (gate) await gate;
      if (failNext) {
        const message = failNext;
        failNext = null;
        throw new Refused('io_error', message);
      }
      const row = rows.get(id)!;
      if (row.revision !== revision) throw new Refused('conflict', 'changed elsewhere');
      const saved = { ...row, ...fields, revision: row.revision + 1 } as Commitment;
      rows.set(id, saved);
      return saved;
    },
    async get(id) {
      return rows.get(id) ?? null;
    },
    codeOf: (e) => (e instanceof Refused ? e.code : null),
    messageOf: (e) => (e instanceof Error ? e.message : 'failed'),
  };
  return {
    rows,
    calls,
    ports,
    seed(fields: Partial<Commitment>) {
      const row = { ...base(`c${next++}`), ...fields } as Commitment;
      rows.set(row.id, row);
      return row;
    },
    /** Another process (the CLI) changes a row. */
    elsewhere(id: string, fields: Partial<Commitment>) {
      const row = rows.get(id)!;
      rows.set(id, { ...row, ...fields, revision: row.revision + 1 });
    },
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    failOnce(message: string) {
      failNext = message;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('one save queue per row', () => {
  it('serialises saves of a row, each with the revision the previous one returned, so the app never conflicts with itself', async () => {
    const service = fakeService();
    const row = service.seed({ commitment: 'Faster diagnosis' });
    const saver = new RowSaver('k', listItemOf(row), service.ports, () => undefined);
    const release = service.hold();
    const first = saver.edit({ leadOrg: 'Cancer alliance' });
    const second = saver.edit({ rag: 'green' });
    expect(saver.state).toBe('saving');
    release();
    await Promise.all([first, second]);
    expect(service.calls.map((c) => c.revision)).toEqual([1, 2]);
    expect(saver.state).toBe('saved');
    expect(service.rows.get(row.id)).toMatchObject({ leadOrg: 'Cancer alliance', rag: 'green', revision: 3 });
  });

  it('keeps a draft unsaved until something is typed, then adds it once and updates it after', async () => {
    const service = fakeService();
    const draft = new RowSaver('d', null, service.ports, () => undefined);
    await draft.flush();
    expect(service.calls).toEqual([]);
    const a = draft.edit({ priority: 'Start well' });
    const b = draft.edit({ commitment: 'Healthy weight' });
    await Promise.all([a, b]);
    expect(service.calls.map((c) => c.method)).toEqual(['add', 'update']);
    expect(service.rows.get(draft.saved!.id)).toMatchObject({ priority: 'Start well', commitment: 'Healthy weight' });
  });

  it('saves typing after the delay, not per keystroke', async () => {
    vi.useFakeTimers();
    const service = fakeService();
    const saver = new RowSaver('k', listItemOf(service.seed({})), service.ports, () => undefined);
    void saver.edit({ metric: 'B' }, 700);
    void saver.edit({ metric: 'Beds' }, 700);
    expect(saver.state).toBe('unsaved');
    expect(service.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(700);
    expect(service.calls).toEqual([{ method: 'update', revision: 1, fields: { metric: 'Beds' } }]);
    expect(saver.state).toBe('saved');
  });

  it('keeps typed values when a save fails, and saves them on the next try', async () => {
    const service = fakeService();
    const row = service.seed({});
    const saver = new RowSaver('k', listItemOf(row), service.ports, () => undefined);
    service.failOnce('The disk is full.');
    await saver.edit({ target: '78%' });
    expect(saver.state).toBe('failed');
    expect(saver.error).toBe('The disk is full.');
    expect(saver.value('target')).toBe('78%');
    await saver.flush();
    expect(saver.state).toBe('saved');
    expect(service.rows.get(row.id)?.target).toBe('78%');
  });
});

describe('a row changed elsewhere', () => {
  it('builds on the other change without asking when it touched other fields', async () => {
    const service = fakeService();
    const row = service.seed({ metric: 'Old', target: '70%' });
    const saver = new RowSaver('k', listItemOf(row), service.ports, () => undefined);
    service.elsewhere(row.id, { metric: 'From the CLI' });
    await saver.edit({ target: '75%' });
    await saver.flush();
    expect(saver.conflict).toBeNull();
    expect(service.rows.get(row.id)).toMatchObject({ metric: 'From the CLI', target: '75%' });
  });

  it('offers a per-field choice when the same field changed, keeping the typed value until chosen', async () => {
    const service = fakeService();
    const row = service.seed({ target: '70%' });
    const saver = new RowSaver('k', listItemOf(row), service.ports, () => undefined);
    service.elsewhere(row.id, { target: '79%' });
    await saver.edit({ target: '80%', metric: 'Four hours' });
    expect(saver.state).toBe('conflict');
    expect(saver.conflict?.fields).toEqual(['target']);
    expect(saver.conflict?.theirs.target).toBe('79%');
    expect(saver.value('target')).toBe('80%');
    expect(service.rows.get(row.id)?.target).toBe('79%');

    await saver.resolve({ target: 'mine' });
    expect(saver.state).toBe('saved');
    expect(service.rows.get(row.id)).toMatchObject({ target: '80%', metric: 'Four hours' });
  });

  it('takes theirs when chosen', async () => {
    const service = fakeService();
    const row = service.seed({ target: '70%' });
    const saver = new RowSaver('k', listItemOf(row), service.ports, () => undefined);
    service.elsewhere(row.id, { target: '79%' });
    await saver.edit({ target: '80%' });
    await saver.resolve({ target: 'theirs' });
    expect(saver.state).toBe('saved');
    expect(service.rows.get(row.id)?.target).toBe('79%');
    expect(saver.value('target')).toBe('79%');
  });
});

describe('the grid model', () => {
  it('says "saved" only when no row has anything pending or in flight, and not while a cell has unsent text', async () => {
    const service = fakeService();
    const statuses: string[] = [];
    const model = new GridModel(service.ports, (s) => statuses.push(s.state));
    model.load([service.seed({ commitment: 'A' }), service.seed({ commitment: 'B' })].map(listItemOf));
    expect(model.status().state).toBe('saved');
    model.setEditorDirty(true);
    expect(model.status().state).toBe('unsaved');
    model.setEditorDirty(false);
    const release = service.hold();
    const saving = model.rows()[0]!.edit({ metric: 'x' });
    expect(model.status().state).toBe('saving');
    release();
    await saving;
    expect(model.status().state).toBe('saved');
    expect(statuses).toContain('saving');
  });

  it('keeps typed values and drafts through a reload, and drops rows deleted elsewhere', async () => {
    const service = fakeService();
    const model = new GridModel(service.ports, () => undefined);
    const a = service.seed({ commitment: 'A' });
    const b = service.seed({ commitment: 'B' });
    model.load([a, b].map(listItemOf));
    const draft = model.addDraft();
    service.failOnce('offline');
    await model.rows()[0]!.edit({ metric: 'typed' });
    model.load([{ ...a, revision: 5, commitment: 'A2' }].map(listItemOf));
    expect(model.rows().map((r) => r.key)).toEqual([a.id, b.id, draft.key].filter((k) => k !== b.id));
    expect(model.rows()[0]!.value('metric')).toBe('typed');
    expect(model.rows()[0]!.saved?.revision).toBe(1);
  });

  it('shows the other fields of the row being edited as changed elsewhere, and keeps its base when the edited field itself changed', async () => {
    const service = fakeService();
    const model = new GridModel(service.ports, () => undefined);
    const a = service.seed({ commitment: 'A' });
    model.load([a].map(listItemOf));
    const row = model.rows()[0]!;
    model.setEditingKey(row.key, 'commitment');
    await row.edit({ commitment: 'A, typed' });
    service.elsewhere(a.id, { metric: 'new metric' });
    model.load([service.rows.get(a.id)!].map(listItemOf));
    expect(row.value('metric')).toBe('new metric');
    expect(row.value('commitment')).toBe('A, typed');

    service.elsewhere(a.id, { commitment: 'Rewritten', baseline: 'set' });
    model.load([service.rows.get(a.id)!].map(listItemOf));
    expect(row.value('baseline')).toBe('');
    await row.edit({ commitment: 'A, typed more' });
    expect(row.conflict?.fields).toEqual(['commitment']);
    model.setEditingKey(null);
  });

  it('flushAll hands over the open cell text first', async () => {
    const service = fakeService();
    const model = new GridModel(service.ports, () => undefined);
    const a = service.seed({});
    model.load([a].map(listItemOf));
    model.setEditorTake(() => void model.rows()[0]!.edit({ baseline: '71%' }, 700));
    await model.flushAll();
    expect(service.rows.get(a.id)?.baseline).toBe('71%');
  });
});
