import { type ReportOptions, type ReportRow, sortReportRows } from '@breachless/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { reportPeriods, reportShapes } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import type { CycleFilter } from './cycle-filter.js';
import { inByOrder, type PeriodPlan, planPeriods } from './period-plan.js';

/** Computes report rows from the cycles themselves (compliance-rows.ts). */
export type RawRows = (
  db: Database,
  options: ReportOptions,
  filter: CycleFilter,
) => Promise<ReportRow[]>;

/**
 * Runs a write that only saves work for later (a stored period, a shape in use). On a read
 * replica, where PostgreSQL refuses writes (SQLSTATE 25006), the report is computed anyway.
 */
async function unlessReadOnly(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) !== '25006') throw error;
  }
}

/** A fingerprint of the counted cycles of a period: equal fingerprints, equal figures. */
async function fingerprint(db: Database, tenant: string, start: number, end: number) {
  const [row] = rowsOf<{ n: number; h: string }>(
    await db.execute(sql`
      select count(*)::int as n, coalesce(sum(hashtextextended(concat_ws('|', ticket_id, metric, cycle,
        status, elapsed_seconds, extract(epoch from outcome_at), policy, team, agent, priority, channel), 0)::numeric), 0)::text as h
      from cycles where tenant_id = ${tenant} and status in ('achieved', 'breached')
        and outcome_at >= ${new Date(start).toISOString()}::timestamptz and outcome_at < ${new Date(end).toISOString()}::timestamptz`),
  );
  return `${row?.n}:${row?.h}`;
}

/**
 * Computes one closed period from its cycles and stores it, unless its cycles changed while
 * it was computed: the figures come from one snapshot, and are stored only if, under the
 * tenant's exclusive report lock (writers of outcomes hold it shared until they commit), the
 * period's cycles still have the same fingerprint. A writer after that deletes the stored
 * period through the trigger on `cycles`.
 * @returns the period's rows, stored or not
 */
export async function fillPeriod(
  db: Database,
  tenant: string,
  plan: PeriodPlan,
  period: { start: number; end: number },
  options: ReportOptions,
  filter: CycleFilter,
  raw: RawRows,
): Promise<ReportRow[]> {
  const { rows, seen } = await db.transaction(
    async (tx) => ({
      rows: await raw(tx, { ...options, from: period.start, to: period.end }, filter),
      seen: await fingerprint(tx, tenant, period.start, period.end),
    }),
    { isolationLevel: 'repeatable read' },
  );
  await unlessReadOnly(() =>
    db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`breachless.report:${tenant}`}, 0))`,
      );
      if ((await fingerprint(tx, tenant, period.start, period.end)) !== seen) return;
      const values = {
        tenantId: tenant,
        zone: plan.zone,
        unit: plan.unit,
        shape: plan.shape,
        periodStart: new Date(period.start),
        periodEnd: new Date(period.end),
        rows,
      };
      await tx
        .insert(reportPeriods)
        .values(values)
        .onConflictDoUpdate({
          target: [
            reportPeriods.tenantId,
            reportPeriods.zone,
            reportPeriods.unit,
            reportPeriods.shape,
            reportPeriods.periodStart,
          ],
          set: { rows, computedAt: sql`now()` },
        });
    }),
  );
  return rows;
}

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
 * `report_periods` (computed and stored the first time), the open one from the cycles.
 * The rows are those `raw` gives over the whole period, in the same order: each row belongs
 * to one period, so periods computed apart put together are the report computed at once.
 * @throws `signal`'s reason once it is aborted, before the next period
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
  const rows: ReportRow[] = [];
  for (const period of closed) {
    // Each missing period is queries and a write: stop when nobody waits for the answer.
    signal?.throwIfAborted();
    rows.push(
      ...(stored.get(period.start) ??
        (await fillPeriod(db, tenant, plan, period, options, filter, raw))),
    );
  }
  signal?.throwIfAborted();
  const open = plan.periods.find((p) => p.end > now);
  if (open) rows.push(...(await raw(db, { ...options, from: open.start, to: options.to }, filter)));
  return sortReportRows(rows, options.by).map((r) => inByOrder(r, options.by));
}
