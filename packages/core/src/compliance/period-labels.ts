import { groupValue, type PeriodUnit, periodOf } from './buckets.js';
import type { GroupKey, ReportCycle } from './types.js';

interface Known {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/**
 * `groupValue` for the many cycles of one report: each day, week or month found is kept, so
 * the zone arithmetic (luxon, microseconds a call) runs once per period instead of once per
 * cycle. A year by day is 365 periods for however many million cycles.
 */
export function groupValues(zone: string): (cycle: ReportCycle, key: GroupKey) => string | null {
  const known: Record<PeriodUnit, Known[]> = { day: [], week: [], month: [] };
  return (cycle, key) => {
    if ((key !== 'day' && key !== 'week' && key !== 'month') || cycle.outcomeAt === null)
      return groupValue(cycle, key, zone);
    const at = cycle.outcomeAt;
    const periods = known[key];
    // Binary search of the sorted, disjoint periods found so far.
    let lo = 0;
    let hi = periods.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = periods[mid] as Known;
      if (at < p.start) hi = mid;
      else if (at >= p.end) lo = mid + 1;
      else return p.label;
    }
    const found = periodOf(key, at, zone);
    periods.splice(lo, 0, found);
    return found.label;
  };
}
