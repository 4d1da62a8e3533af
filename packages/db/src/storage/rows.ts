/**
 * The rows of a raw `db.execute()` result: postgres.js returns an array, PGlite an object
 * with `rows`. Raw int8 values come back as strings from postgres.js and numbers from PGlite,
 * so raw queries cast counts to `int` in SQL.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * An instant as epoch milliseconds for a JSON document of rows (SQL reads it back with
 * `to_timestamp(x / 1000)`): JSON.stringify of a Date costs several times as much.
 */
export const epochMs = (d: Date | null | undefined): number | null =>
  d == null ? null : d.getTime();
