import type { ElapsedStats } from './types.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The `p`-th percentile (0-1) of sorted values by linear interpolation between the closest
 * ranks: the same as PostgreSQL's `percentile_cont`, so the database path can match exactly.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return round2(a + (b - a) * (rank - low));
}

/** Count, average, minimum, maximum, median and 90th percentile of elapsed seconds. */
export function elapsedStats(values: readonly number[]): ElapsedStats {
  if (values.length === 0)
    return { count: 0, avg: null, min: null, max: null, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    avg: round2(sum / sorted.length),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
  };
}

/** achieved / (achieved + breached) x 100 to two decimals; `null` when nothing counted. */
export function compliancePct(achieved: number, breached: number): number | null {
  const total = achieved + breached;
  return total === 0 ? null : round2((achieved / total) * 100);
}
