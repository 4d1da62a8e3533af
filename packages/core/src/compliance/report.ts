import { METRICS, type Metric } from '../config/types.js';
import { isTimeZone } from '../time/zone.js';
import { isGroupKey } from './group-keys.js';
import { groupValues } from './period-labels.js';
import { compliancePct, elapsedStats } from './stats.js';
import {
  GROUP_KEYS,
  type GroupKey,
  type ReportCycle,
  type ReportOptions,
  type ReportRow,
} from './types.js';

interface Bucket {
  group: Partial<Record<GroupKey, string | null>>;
  metric: Metric;
  achieved: number[];
  breached: number[];
}

/**
 * Compliance over the cycles of some tickets (the engine's `TicketResult`s, or any groups of
 * `ReportCycle`s such as stored cycle rows; semantics.md section 7): every achieved or
 * breached cycle counts once, at its outcome instant (`stoppedAt` if achieved, `breachedAt`
 * if breached), when that is in `[from, to)`; running, paused and cancelled cycles do not
 * count. One row per group of `options.by` and metric; `row.group` holds the `by` keys other
 * than `metric`, in `by` order. Rows are sorted by the `by` keys in order (values in ordinal
 * order, `null` last; metrics in `METRICS` order), then by metric if `by` does not name it.
 * @throws RangeError for an unknown group key or zone, or a period that ends before it starts
 */
export function complianceReport(
  tickets: Iterable<{ readonly cycles: readonly ReportCycle[] }>,
  options: ReportOptions,
): ReportRow[] {
  checkOptions(options);
  const zone = options.timezone ?? 'UTC';
  const keys = [...new Set(options.by)].filter((k) => k !== 'metric');
  const buckets = new Map<string, Bucket>();
  const groupOf = groupValues(zone);
  for (const ticket of tickets) {
    for (const cycle of ticket.cycles) {
      if (!counts(cycle, options)) continue;
      const group = Object.fromEntries(keys.map((k) => [k, groupOf(cycle, k)]));
      const id = JSON.stringify([...keys.map((k) => group[k]), cycle.metric]);
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = { group, metric: cycle.metric, achieved: [], breached: [] };
        buckets.set(id, bucket);
      }
      (cycle.status === 'achieved' ? bucket.achieved : bucket.breached).push(cycle.elapsedSeconds);
    }
  }
  const order = sortOrder(options.by);
  return [...buckets.values()].sort((a, b) => compareBuckets(a, b, order)).map(toRow);
}

/**
 * Sorts rows as `complianceReport` sorts them for `by`: for rows computed apart (each closed
 * period of a stored report) and put together.
 */
export function sortReportRows(rows: readonly ReportRow[], by: readonly GroupKey[]): ReportRow[] {
  const order = sortOrder(by);
  return [...rows].sort((a, b) => compareBuckets(a, b, order));
}

/** Metric sorts where `by` puts it (`--by metric,team` lists a metric's teams together). */
function sortOrder(by: readonly GroupKey[]): GroupKey[] {
  const keys = [...new Set(by)];
  return keys.includes('metric') ? keys : [...keys, 'metric'];
}

function checkOptions({ from, to, by, timezone }: ReportOptions): void {
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new RangeError(`report period must be two instants, not ${from} and ${to}`);
  if (to < from) throw new RangeError('report period ends before it starts');
  const unknown = by.filter((k) => !isGroupKey(k));
  if (unknown.length > 0)
    throw new RangeError(`cannot group by ${unknown.join(', ')} (use ${GROUP_KEYS.join(', ')})`);
  // Checked up front so a bad zone fails even when no cycle needs a day.
  if (timezone !== undefined && !isTimeZone(timezone))
    throw new RangeError(`"${timezone}" is not an IANA time zone`);
}

function counts(cycle: ReportCycle, { from, to }: ReportOptions): boolean {
  if (cycle.status !== 'achieved' && cycle.status !== 'breached') return false;
  return cycle.outcomeAt !== null && cycle.outcomeAt >= from && cycle.outcomeAt < to;
}

type Sortable = Pick<Bucket, 'group' | 'metric'>;

function compareBuckets(a: Sortable, b: Sortable, order: readonly GroupKey[]): number {
  for (const key of order) {
    if (key === 'metric') {
      const byMetric = METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric);
      if (byMetric !== 0) return byMetric;
      continue;
    }
    const x = a.group[key] ?? null;
    const y = b.group[key] ?? null;
    if (x === y) continue;
    // Missing values go last: "no team" reads as a remainder, not as the first team.
    if (x === null) return 1;
    if (y === null) return -1;
    // Ordinal, not locale, order: the same on every machine, and dates sort by time.
    return x < y ? -1 : 1;
  }
  return 0;
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
