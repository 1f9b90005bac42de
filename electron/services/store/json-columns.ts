// The columns that hold JSON (a plan's places and trusts, a section's checklist,
// the export settings). The app always writes them as JSON, but the file is
// anyone's to edit: a script or the sqlite3 shell may leave text there that is
// not JSON, or JSON of another shape. Reading such a row gives the column's
// empty value, so the plan still opens and exports, rather than failing every
// read of it; saving from the app writes the column whole again.

/** The column's value when it is JSON that `fits`; otherwise `empty`. */
export function jsonColumn<T>(text: string | null | undefined, empty: T, fits: (value: unknown) => value is T): T {
  if (text === null || text === undefined) return empty;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return empty;
  }
  return fits(value) ? value : empty;
}

export const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON column holding a list of strings, such as a plan's places. */
export const stringList = (text: string | null | undefined): string[] => jsonColumn<string[]>(text, [], isStringList);
