import {
  compliancePct,
  complianceReport,
  type ElapsedStats,
  type GroupKey,
  type Metric,
  type PeriodUnit,
  periodOf,
  type ReportOptions,
  type ReportRow,
  roundedRatio,
  sortReportRows,
} from '@breachless/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/** The fields a cycle row kept from its outcome; '' reads as missing, as in the core. */
const FIELD_COLUMNS: Partial<Record<GroupKey, SQL>> = {
  team: sql`nullif(team, '')`,
  agent: sql`nullif(agent, '')`,
  priority: sql`nullif(priority, '')`,
  channel: sql`nullif(channel, '')`,
  organization: sql`nullif(organization, '')`,
  policy: sql`policy`,
  contract: sql`contract`,
};
const UNITS: readonly GroupKey[] = ['day', 'week', 'month'];

interface Figures {
  metric: string;
  status: string;
  n: number;
  sum: number | string;
  min: number;
  max: number;
  p50: number;
  p90: number;
  /** The group's fingerprint (PRINT), when asked for. */
  h?: string;
  [key: `k${number}`]: string | number | null;
}

/**
 * What a period's counted cycles are, as rows: their count and the sum of a hash of each row
 * version's creating transaction (`xmin`). Any write to a cycle makes a new row version, so a
 * cycle written, added or removed changes its period's print, whatever it wrote; and hashing
 * one column is a fraction of hashing the row's fields. Equal prints: the same cycles.
 */
export const PRINT = sql`count(*)::int as n, coalesce(sum(hashtext(xmin::text)::int8), 0)::text as h`;

/** A period's print: `count:hash sum` (PRINT's columns). */
export type Prints = Map<number, string>;

/** The periods of `unit` that `[from, to)` touches, each with the label the core gives it. */
function periodsOf(unit: PeriodUnit, from: number, to: number, zone: string) {
  const periods: { start: number; label: string }[] = [];
  for (let at = periodOf(unit, from, zone).start; at < to; ) {
    const p = periodOf(unit, at, zone);
    periods.push({ start: p.start, label: p.label });
    at = p.end;
  }
  return periods;
}

/**
 * The compliance report of the tenant's cycles with an outcome in `[from, to)`, computed by
 * PostgreSQL in one statement: counts, sums, minimum, maximum and `percentile_cont` per
 * group, metric and status. The rows are those `complianceReport` gives over the same cycles,
 * to the byte: days, weeks and months are the core's own periods (bounds and labels from
 * `periodOf`, so the zone rules are luxon's, not the server's), and the figures take the
 * core's float steps (`percentile_cont` is the core's formula) and rounding.
 * Given `prints`, the same statement also fills in each period's print (PRINT) by the start
 * of its period, in the report's first time unit: what its rows were computed from.
 * @throws RangeError for options the core refuses (unknown group key or zone, reversed period)
 */
export async function sqlComplianceRows(
  db: Database,
  options: ReportOptions,
  where: SQL,
  prints?: Prints,
): Promise<ReportRow[]> {
  complianceReport([], options); // the core's checks of keys, zone and period
  const zone = options.timezone ?? 'UTC';
  const keys = [...new Set(options.by)].filter((k) => k !== 'metric');
  const periodsBy = new Map<GroupKey, { start: number; label: string }[]>();
  const columns = keys.map((k, i) => {
    const field = FIELD_COLUMNS[k];
    if (field) return sql`${field} as ${sql.raw(`k${i}`)}`;
    const periods = periodsOf(k as PeriodUnit, options.from, options.to, zone);
    periodsBy.set(k, periods);
    return sql`${periodIndex(periods.map((p) => p.start))} as ${sql.raw(`k${i}`)}`;
  });
  const groupBy = sql.raw(['metric', 'status', ...keys.map((_, i) => `k${i}`)].join(', '));
  const counts = prints ? PRINT : sql`count(*)::int as n`;
  const figures = rowsOf<Figures>(
    await db.execute(sql`
      select metric, status, ${sql.join([...columns, counts], sql`, `)},
        sum(elapsed_seconds)::float8 as sum, min(elapsed_seconds) as min, max(elapsed_seconds) as max,
        percentile_cont(0.5) within group (order by elapsed_seconds::float8) as p50,
        percentile_cont(0.9) within group (order by elapsed_seconds::float8) as p90
      from cycles where ${where}
      group by ${groupBy}`),
  );
  const rows = new Map<string, ReportRow>();
  const unit = keys.findIndex((k) => UNITS.includes(k));
  const sums = new Map<number, { n: number; h: bigint }>();
  for (const f of figures) {
    // width_bucket counts from 1 at the first start; every outcome is at or after it.
    const periodOfRow = (i: number) => periodsBy.get(keys[i] as GroupKey)?.[Number(f[`k${i}`]) - 1];
    const group = Object.fromEntries(
      keys.map((k, i) => [
        k,
        UNITS.includes(k) ? (periodOfRow(i)?.label ?? null) : (f[`k${i}`] ?? null),
      ]),
    );
    const start = periodOfRow(unit)?.start;
    if (prints && start !== undefined) {
      const sum = sums.get(start) ?? { n: 0, h: 0n };
      sums.set(start, { n: sum.n + f.n, h: sum.h + BigInt(f.h ?? 0) });
    }
    const id = JSON.stringify([...keys.map((k) => group[k]), f.metric]);
    const row = rows.get(id) ?? {
      group,
      metric: f.metric as Metric,
      achieved: 0,
      breached: 0,
      compliancePct: null,
      achievedSeconds: NONE,
      breachedSeconds: NONE,
    };
    const stats = statsOf(f);
    rows.set(
      id,
      f.status === 'achieved'
        ? { ...row, achieved: f.n, achievedSeconds: stats }
        : { ...row, breached: f.n, breachedSeconds: stats },
    );
  }
  for (const [start, { n, h }] of sums) prints?.set(start, `${n}:${h}`);
  const done = [...rows.values()].map((r) => ({
    ...r,
    compliancePct: compliancePct(r.achieved, r.breached),
  }));
  return sortReportRows(done, options.by);
}

/**
 * The 1-based index of a cycle's period among sorted period starts (epoch milliseconds), as
 * one JSON parameter (the drivers agree on JSON where they differ on arrays). Compared as
 * timestamps: cheaper per row than converting each outcome to epoch milliseconds.
 */
export function periodIndex(starts: readonly number[]): SQL {
  const json = JSON.stringify(starts.map((s) => new Date(s).toISOString()));
  return sql`width_bucket(outcome_at, array(select jsonb_array_elements_text(${json}::jsonb)::timestamptz))`;
}

const NONE: ElapsedStats = { count: 0, avg: null, min: null, max: null, p50: null, p90: null };

/** One status's figures as the core rounds them (elapsedStats): two decimals, halves up. */
function statsOf(f: Figures): ElapsedStats {
  return {
    count: f.n,
    avg: roundedRatio(Number(f.sum), f.n),
    min: Number(f.min),
    max: Number(f.max),
    p50: roundedRatio(Number(f.p50), 1),
    p90: roundedRatio(Number(f.p90), 1),
  };
}
