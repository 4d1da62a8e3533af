/** Label name -> priority, e.g. `{"P1": "urgent", "bug": "high"}`. */
export type LabelPriorities = Readonly<Record<string, string>>;

// When an issue carries several mapped labels, the strongest priority wins; priorities we
// cannot rank (custom names) come after these, in the mapping's own order.
const RANK = ['urgent', 'high', 'normal', 'low'];

/**
 * The priority an issue's labels give it, through the mapping; label names compare
 * without case, as GitHub treats them. `null` when no label is mapped (unsets the priority).
 */
export function priorityFromLabels(
  labels: readonly string[],
  mapping: LabelPriorities | undefined,
): string | null {
  if (mapping === undefined) return null;
  const carried = new Set(labels.map((l) => l.toLowerCase()));
  let best: { priority: string; rank: number } | null = null;
  for (const [index, [label, priority]] of Object.entries(mapping).entries()) {
    if (!carried.has(label.toLowerCase())) continue;
    const known = RANK.indexOf(priority.toLowerCase());
    const rank = known >= 0 ? known : RANK.length + index;
    if (best === null || rank < best.rank) best = { priority, rank };
  }
  return best?.priority ?? null;
}
