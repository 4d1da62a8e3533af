/** A table cell: `null`, `undefined` and the empty string show as a dash. */
type Cell = string | number | null | undefined;

/** How to lay out a table beyond its cells. */
interface TableOptions {
  /** Headers of text columns to right-align as well (like `compliance`, `50.00%`). */
  readonly right?: readonly string[];
}

/**
 * Renders rows as an aligned text table with a header and a rule. Number columns are
 * right-aligned so their digits line up; text columns are left-aligned.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const cells = rows.map((row) =>
    header.map((_, i) => {
      const c = row[i];
      return c === null || c === undefined || c === '' ? '-' : String(c);
    }),
  );
  const right = header.map(
    (h, i) =>
      options.right?.includes(h) ||
      (rows.length > 0 &&
        rows.every((row) => row[i] === null || row[i] === undefined || typeof row[i] === 'number')),
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
