import { type ReportOptions, type ReportRow, sortReportRows } from '@breachless/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { reportPeriods, reportShapes } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import type { CycleFilter } from './cycle-filter.js';
import { fillPeriods, unlessReadOnly } from './period-fill.js';
import { inByOrder, type PeriodPlan, planPeriods } from './period-plan.js';

/** Computes report rows from the cycles themselves (compliance-rows.ts): the open period. */
export type RawRows = (
  db: Database,
  options: ReportOptions,
  filter: CycleFilter,
) => Promise<ReportRow[]>;

/** The stored rows of those `periods` of a plan's shape that are stored, by period start. */
export async function storedPeriods(
  db: Database,
  tenant: string,
  plan: Pick<PeriodPlan, 'zone' | 'unit' | 'shape'>,
  periods: readonly { start: number }[],
): Promise<Map<number, ReportRow[]>> {
  if (periods.length === 0) return new Map();
  const rows = await db
    .select({ start: reportPeriods.periodStart, rows: reportPeriods.rows })
    .from(reportPeriods)
    .where(
      and(
        eq(reportPeriods.tenantId, tenant),
        eq(reportPeriods.zone, plan.zone),
        eq(reportPeriods.unit, plan.unit),
        eq(reportPeriods.shape, plan.shape),
        inArray(
          reportPeriods.periodStart,
          periods.map((p) => new Date(p.start)),
        ),
      ),
    );
  return new Map(rows.map((r) => [r.start.getTime(), r.rows as ReportRow[]]));
}

/**
 * The stored rows of those `periods` of a plan's shape that are stored, and when the shape
 * was last marked used (`null`: never), in one statement that writes nothing.
 */
async function storedAndUsed(
  db: Database,
  tenant: string,
  plan: PeriodPlan,
  periods: readonly { start: number }[],
): Promise<{ stored: Map<number, ReportRow[]>; usedAt: number | null }> {
  const starts = JSON.stringify(periods.map((p) => new Date(p.start).toISOString()));
  const of = (table: string) => {
    const t = sql.raw(table);
    return sql`${t}.tenant_id = ${tenant} and ${t}.zone = ${plan.zone} and ${t}.unit = ${plan.unit}
      and ${t}.shape = ${plan.shape}`;
  };
  const found = rowsOf<{ used_at: number | null; start: number | null; rows: ReportRow[] | null }>(
    await db.execute(sql`
      select (select (extract(epoch from s.used_at) * 1000)::float8 from report_shapes s where ${of('s')}) as used_at,
        p.start, p.rows
      from (select 1) as one left join lateral (
        select (extract(epoch from p.period_start) * 1000)::float8 as start, p.rows from report_periods p
        where ${of('p')}
          and p.period_start = any(array(select jsonb_array_elements_text(${starts}::jsonb)::timestamptz))
      ) p on true`),
  );
  const stored = new Map<number, ReportRow[]>();
  for (const r of found) if (r.start !== null && r.rows) stored.set(Number(r.start), r.rows);
  const usedAt = found[0]?.used_at;
  return { stored, usedAt: usedAt === null || usedAt === undefined ? null : Number(usedAt) };
}

/** Records that a shape was asked for at `now`: the worker keeps its periods computed. */
async function markUsed(db: Database, tenant: string, plan: PeriodPlan, now: number) {
  await unlessReadOnly(() =>
    db
      .insert(reportShapes)
      .values({
        tenantId: tenant,
        zone: plan.zone,
        unit: plan.unit,
        shape: plan.shape,
        usedAt: new Date(now),
      })
      .onConflictDoUpdate({
        target: [reportShapes.tenantId, reportShapes.zone, reportShapes.unit, reportShapes.shape],
        set: { usedAt: new Date(now) },
      }),
  );
}

/**
 * A report grouped by day, week or month over whole periods: closed periods from
 * `report_periods` (those missing computed in one statement and stored: fillPeriods), the
 * open one from the cycles.
 * The rows are those `raw` gives over the whole period, in the same order: each row belongs
 * to one period, so periods computed apart put together are the report computed at once.
 * @throws `signal`'s reason once it is aborted, before the missing periods and the open one
 * @returns `undefined` when the report is not of that kind
 */
export async function periodComplianceRows(
  db: Database,
  tenant: string,
  options: ReportOptions,
  filter: CycleFilter,
  now: number,
  raw: RawRows,
  signal?: AbortSignal,
): Promise<ReportRow[] | undefined> {
  const plan = planPeriods(options, filter);
  if (!plan) return undefined;
  const closed = plan.periods.filter((p) => p.end <= now);
  const open = plan.periods.find((p) => p.end > now);
  // The open period's statement goes out with the read of the stored ones: neither waits.
  const openRows = open && raw(db, { ...options, from: open.start, to: options.to }, filter);
  // Awaited below; a failure before that is the one reported, not an unhandled rejection.
  openRows?.catch(() => undefined);
  const { stored, usedAt } = await storedAndUsed(db, tenant, plan, closed);
  // Once an hour is enough to know a shape is still asked for: no write per report (a
  // write would cost the report a commit flushed to disk).
  const marking = usedAt === null || usedAt < now - 3_600_000;
  const marked = marking ? markUsed(db, tenant, plan, now) : undefined;
  marked?.catch(() => undefined); // awaited below, beside the periods it does not hold up
  // The missing periods are one statement and a write: not begun when nobody waits any more.
  signal?.throwIfAborted();
  const missing = closed.filter((p) => !stored.has(p.start));
  const filled = await fillPeriods(db, tenant, plan, missing, options, filter);
  const rows = closed.flatMap((p) => stored.get(p.start) ?? filled.get(p.start) ?? []);
  signal?.throwIfAborted();
  if (openRows) rows.push(...(await openRows));
  await marked;
  return sortReportRows(rows, options.by).map((r) => inByOrder(r, options.by));
}
