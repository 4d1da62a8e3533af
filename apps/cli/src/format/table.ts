/**
 * Renders rows as an aligned text table with a header and a rule, numbers right-aligned.
 * Cells are plain strings; `null` and `undefined` show as a dash.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const cells = rows.map((row) =>
    row.map((c) => (c === null || c === undefined || c === '' ? '-' : String(c))),
  );
  const numeric = header.map(
    (_, i) =>
      rows.length > 0 &&
      rows.every((row) => row[i] === null || row[i] === undefined || typeof row[i] === 'number'),
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
