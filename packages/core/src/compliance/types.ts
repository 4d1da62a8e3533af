import type { Metric } from '../config/types.js';
import type { CycleResult } from '../engine/types.js';
import type { Instant } from '../time/instant.js';

/** What a compliance report can be grouped by (semantics.md section 7). */
export const GROUP_KEYS = [
  'day',
  'week',
  'month',
  'team',
  'agent',
  'priority',
  'policy',
  'metric',
  'channel',
  'organization',
  'contract',
] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/**
 * The parts of a cycle a compliance report reads. The engine's `CycleResult` is one; so is a
 * stored cycle row, which lets a database report without rebuilding whole ticket results.
 */
export type ReportCycle = Pick<
  CycleResult,
  'metric' | 'status' | 'elapsedSeconds' | 'outcomeAt' | 'policy' | 'fields'
> & {
  /** The contract that measured the cycle (`CycleResult.contract`); absent reads as none. */
  readonly contract?: string | null | undefined;
};

export interface ReportOptions {
  /** Cycles count when their outcome instant is in `[from, to)`. */
  readonly from: Instant;
  readonly to: Instant;
  /** Grouping, in order; every row is also split by metric. */
  readonly by: readonly GroupKey[];
  /** IANA zone in which day, week (starting Monday) and month are read; default `UTC`. */
  readonly timezone?: string;
}

/** Count, average, minimum, maximum, median and 90th percentile of elapsed business seconds. */
export interface ElapsedStats {
  readonly count: number;
  readonly avg: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
}

/** One row per group and metric, as `report --format json` prints it (formats.md). */
export interface ReportRow {
  /** The group's values: `day: '2026-11-02'`, `team: 'billing'`; `null` where the ticket had none. */
  readonly group: Readonly<Partial<Record<GroupKey, string | null>>>;
  readonly metric: Metric;
  readonly achieved: number;
  readonly breached: number;
  /** achieved / (achieved + breached) x 100, two decimals; `null` when nothing counted. */
  readonly compliancePct: number | null;
  readonly achievedSeconds: ElapsedStats;
  readonly breachedSeconds: ElapsedStats;
}
