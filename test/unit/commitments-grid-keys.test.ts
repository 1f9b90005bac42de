// The delivery grid's sort, filter and search values (renderer/commitments/row-keys.ts):
// worked out once per change of a row, so a sort compares ready values.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ColumnContext } from '../../renderer/commitments/columns';
import { COLUMNS } from '../../renderer/commitments/columns';
import { RowSaver, type RowSaverPorts } from '../../renderer/commitments/row-saver';
import { prepareRowKeys, rowKeys, searchMatches } from '../../renderer/commitments/row-keys';

const ctx: ColumnContext = {
  period: { startYear: 2026, endYear: 2030 },
  sections: [],
  sectionPaths: new Map(),
  priorities: [],
  partners: [],
  places: [],
};
const ports: RowSaverPorts = {
  add: () => new Promise(() => {}),
  update: () => new Promise(() => {}),
  get: async () => null,
  codeOf: () => null,
  messageOf: String,
};
const col = (id: string) => COLUMNS.findIndex((c) => c.id === id);

/** A draft row with typed values (the save is held back by fake timers). */
function draft(fields: Parameters<RowSaver['edit']>[0]): RowSaver {
  const row = new RowSaver(`draft-${Math.random()}`, null, ports, () => {});
  void row.edit(fields, 60_000);
  return row;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the grid’s row keys', () => {
  it('holds each column’s sort and filter value, computed once until the row changes', () => {
    const row = draft({ commitment: 'Faster Diagnosis', leadOrg: 'Cancer alliance', targetYear: 2028 });
    const keys = rowKeys(row, ctx);
    expect(keys.sort[col('commitment')]).toBe('faster diagnosis');
    expect(keys.sort[col('targetYear')]).toBe(2028);
    expect(keys.sort[col('metric')]).toBeUndefined();
    expect(keys.filter[col('leadOrg')]).toBe('Cancer alliance');
    expect(keys.filter[col('targetYear')]).toBe('2028/29');
    // The same object while nothing changed: nothing is worked out again.
    expect(rowKeys(row, ctx)).toBe(keys);
    void row.edit({ leadOrg: 'North cancer alliance' }, 60_000);
    expect(row.version).toBeGreaterThan(0);
    const after = rowKeys(row, ctx);
    expect(after).not.toBe(keys);
    expect(after.filter[col('leadOrg')]).toBe('North cancer alliance');
    // A new context (the plan's sections or places changed) works them out again too.
    expect(rowKeys(row, { ...ctx })).not.toBe(after);
  });

  it('prepares every row ahead of the first sort', () => {
    const rows = [draft({ commitment: 'B' }), draft({ commitment: 'A' })];
    prepareRowKeys(rows, ctx);
    const ready = rows.map((r) => rowKeys(r, ctx));
    expect(ready.map((k) => k.sort[col('commitment')])).toEqual(['b', 'a']);
    expect(rowKeys(rows[0]!, ctx)).toBe(ready[0]);
  });

  it('finds text within one column’s value, any case, never across two columns', () => {
    const keys = rowKeys(draft({ commitment: 'Virtual wards', metric: 'Beds per 100,000' }), ctx);
    expect(searchMatches(keys, 'virtual')).toBe(true);
    expect(searchMatches(keys, 'per 100')).toBe(true);
    expect(searchMatches(keys, 'wardsbeds')).toBe(false);
    expect(searchMatches(keys, 'wards\u0000beds')).toBe(false);
    expect(searchMatches(keys, 'theatres')).toBe(false);
  });
});
