import { METRICS, type Metric } from '../config/types.js';
import type { CycleResult, TicketResult } from '../engine/types.js';
import { groupValue } from './buckets.js';
import { compliancePct, elapsedStats } from './stats.js';
import type { GroupKey, ReportOptions, ReportRow } from './types.js';

interface Bucket {
  group: Partial<Record<GroupKey, string | null>>;
  metric: Metric;
  achieved: number[];
  breached: number[];
}

/**
 * Compliance over the cycles of some tickets (semantics.md section 7): every achieved or
 * breached cycle counts once, at its outcome instant, when that is in `[from, to)`.
 * One row per group and metric, sorted by the group values (empty groups last), then metric.
 */
export function complianceReport(
  tickets: Iterable<TicketResult>,
  options: ReportOptions,
): ReportRow[] {
  const zone = options.timezone ?? 'UTC';
  const keys = options.by.filter((k) => k !== 'metric');
  const buckets = new Map<string, Bucket>();
  for (const ticket of tickets) {
    for (const cycle of ticket.cycles) {
      if (!counts(cycle, options)) continue;
      const group = Object.fromEntries(keys.map((k) => [k, groupValue(cycle, k, zone)]));
      const id = JSON.stringify([...keys.map((k) => group[k]), cycle.metric]);
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = { group, metric: cycle.metric, achieved: [], breached: [] };
        buckets.set(id, bucket);
      }
      (cycle.status === 'achieved' ? bucket.achieved : bucket.breached).push(cycle.elapsedSeconds);
    }
  }
  return [...buckets.values()].sort((a, b) => compareBuckets(a, b, keys)).map(toRow);
}

function counts(cycle: CycleResult, { from, to }: ReportOptions): boolean {
  if (cycle.status !== 'achieved' && cycle.status !== 'breached') return false;
  return cycle.outcomeAt !== null && cycle.outcomeAt >= from && cycle.outcomeAt < to;
}

function compareBuckets(a: Bucket, b: Bucket, keys: readonly GroupKey[]): number {
  for (const key of keys) {
    const x = a.group[key] ?? null;
    const y = b.group[key] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric);
}

function toRow(bucket: Bucket): ReportRow {
  return {
    group: bucket.group,
    metric: bucket.metric,
    achieved: bucket.achieved.length,
    breached: bucket.breached.length,
    compliancePct: compliancePct(bucket.achieved.length, bucket.breached.length),
    achievedSeconds: elapsedStats(bucket.achieved),
    breachedSeconds: elapsedStats(bucket.breached),
  };
}
