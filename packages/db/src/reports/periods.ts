import { type ReportOptions, type ReportRow, sortReportRows } from '@breachless/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { reportPeriods, reportShapes } from '../schema/index.js';
import type { Database } from '../storage/index.js';
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
        // Once an hour is enough to know a shape is still asked for: no write per report.
        setWhere: sql`${reportShapes.usedAt} < ${new Date(now - 3_600_000).toISOString()}::timestamptz`,
      }),
  );
  const closed = plan.periods.filter((p) => p.end <= now);
  const stored = await storedPeriods(db, tenant, plan, closed);
  // The missing periods are one statement and a write: not begun when nobody waits any more.
  signal?.throwIfAborted();
  const missing = closed.filter((p) => !stored.has(p.start));
  const filled = await fillPeriods(db, tenant, plan, missing, options, filter);
  const rows = closed.flatMap((p) => stored.get(p.start) ?? filled.get(p.start) ?? []);
  signal?.throwIfAborted();
  const open = plan.periods.find((p) => p.end > now);
  if (open) rows.push(...(await raw(db, { ...options, from: open.start, to: options.to }, filter)));
  return sortReportRows(rows, options.by).map((r) => inByOrder(r, options.by));
}
