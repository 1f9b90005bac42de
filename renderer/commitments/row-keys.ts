// Each row's sort values, filter values and search text, worked out once per
// change of the row (its version) and of the columns' context, not on every
// sort or filter: a sort then compares ready values, and the first click costs
// no more than the next. The grid fills the cache when the rows arrive.
import { COLUMNS, type ColumnContext } from './columns';
import type { RowSaver } from './row-saver';

export interface RowKeys {
  /** Per column of COLUMNS: the value the column sorts by (undefined sorts last). */
  sort: Array<string | number | undefined>;
  /** Per column of COLUMNS: the value its filter matches ('' for a column without a filter). */
  filter: string[];
  /** Every shown value, lower-cased, joined by a character nobody types: "Find in table" looks in it. */
  search: string;
}

const SEPARATOR = '\u0000';

interface Entry {
  version: number;
  ctx: ColumnContext;
  keys: RowKeys;
}

const cache = new WeakMap<RowSaver, Entry>();

export function rowKeys(row: RowSaver, ctx: ColumnContext): RowKeys {
  const entry = cache.get(row);
  if (entry && entry.version === row.version && entry.ctx === ctx) return entry.keys;
  const keys: RowKeys = {
    sort: COLUMNS.map((c) => c.sortValue(row, ctx)),
    filter: COLUMNS.map((c) => c.filterValue?.(row, ctx) ?? ''),
    search: COLUMNS.map((c) => c.display(row, ctx).toLocaleLowerCase('en-GB')).join(SEPARATOR),
  };
  cache.set(row, { version: row.version, ctx, keys });
  return keys;
}

/** Works out the keys of every row not yet known (rows that arrived or changed). */
export function prepareRowKeys(rows: readonly RowSaver[], ctx: ColumnContext): void {
  for (const row of rows) rowKeys(row, ctx);
}

/** Whether a row's shown text holds `needle` (already trimmed and lower-cased), within one column's value. */
export function searchMatches(keys: RowKeys, needle: string): boolean {
  return !needle.includes(SEPARATOR) && keys.search.includes(needle);
}
