import type { ElapsedStats } from './types.js';

/**
 * `numerator / denominator` rounded to two decimals, halves up, as PostgreSQL's
 * `round(numeric, 2)` does for these non-negative figures. Scaling the numerator before
 * dividing keeps the quotient exact enough to round right, where rounding
 * `(23 / 160) * 100` in floats turns 14.375% into 14.37 and a database says 14.38.
 */
export function roundedRatio(numerator: number, denominator: number): number {
  return Math.round((numerator * 100) / denominator) / 100;
}

/**
 * The `p`-th percentile (0-1) of ascending values by linear interpolation between the
 * closest ranks, the formula of PostgreSQL's `percentile_cont` (same float steps, so the
 * database path can match exactly), rounded to two decimals. For whole seconds and p 0.5 or
 * 0.9 the exact value has at most one decimal, so the rounding only removes float noise
 * (0.9 * 3 is 2.7000000000000002). `null` for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile: p must be within 0-1, not ${p}`);
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return Math.round((a + (b - a) * (rank - low)) * 100) / 100;
}

/**
 * Count, average (two decimals), minimum, maximum, median and 90th percentile of elapsed
 * seconds, in any order; every figure but the count is `null` for no values.
 */
export function elapsedStats(values: readonly number[]): ElapsedStats {
  if (values.length === 0)
    return { count: 0, avg: null, min: null, max: null, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    avg: roundedRatio(sum, sorted.length),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
  };
}

/** achieved / (achieved + breached) x 100 to two decimals; `null` when nothing counted. */
export function compliancePct(achieved: number, breached: number): number | null {
  const total = achieved + breached;
  return total === 0 ? null : roundedRatio(achieved * 100, total);
}
