/**
 * The rows of a raw `db.execute()` result: postgres.js returns an array, PGlite an object
 * with `rows`. Raw int8 values come back as strings from postgres.js and numbers from PGlite,
 * so raw queries cast counts to `int` in SQL.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
