/** One line of a diff: kept, added or removed. */
export interface DiffLine {
  readonly op: ' ' | '+' | '-';
  readonly text: string;
}

/**
 * The lines of `after` against `before` (a longest common subsequence, fine for config files
 * of a few hundred lines), with up to `context` unchanged lines around each change.
 */
export function lineDiff(before: string, after: string, context = 3): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const at = (i: number, j: number) => lcs[i]?.[j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] ?? [];
    for (let j = b.length - 1; j >= 0; j--)
      row[j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  }
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      all.push({ op: ' ', text: a[i] ?? '' });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || at(i + 1, j) >= at(i, j + 1))) {
      // Removed lines before the added ones that replace them, as unified diffs show them.
      all.push({ op: '-', text: a[i] ?? '' });
      i++;
    } else {
      all.push({ op: '+', text: b[j] ?? '' });
      j++;
    }
  }
  const near = (k: number) =>
    all.slice(Math.max(0, k - context), k + context + 1).some((l) => l.op !== ' ');
  return all.filter((line, k) => line.op !== ' ' || near(k));
}
