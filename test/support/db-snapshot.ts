// Every row in a plan database, to show that a refused call, a refused import
// or an import of what is already there changed nothing: take one before,
// one after, and compare.
import Database from 'better-sqlite3';

export type DatabaseRows = Record<string, unknown[]>;

/**
 * The rows of every table (or of the tables named), each table's rows in a
 * fixed order whatever the table's key. From a database file, opened read-only
 * for the moment, or from an open connection. The full-text indexes are left
 * out: they mirror rows that are compared anyway.
 */
export function databaseRows(source: string | Database.Database, tables?: readonly string[]): DatabaseRows {
  const db = typeof source === 'string' ? new Database(source, { readonly: true, fileMustExist: true }) : source;
  try {
    const all = db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
      .all();
    const indexes = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    const isIndex = (name: string) => indexes.some((index) => name === index || name.startsWith(`${index}_`));
    const names = tables ?? all.map((t) => t.name).filter((name) => !isIndex(name));
    for (const name of names) if (!all.some((t) => t.name === name)) throw new Error(`The database has no table "${name}".`);
    return Object.fromEntries(
      names.map((name) => {
        const rows = db.prepare(`SELECT * FROM "${name}"`).all();
        const keyed = rows.map((row) => [JSON.stringify(row), row] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return [name, keyed.map(([, row]) => row)];
      }),
    );
  } finally {
    if (typeof source === 'string') db.close();
  }
}
