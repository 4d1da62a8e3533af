import { periodOf, type ReportOptions, type ReportRow } from '@breachless/core';
import { type SQL, sql } from 'drizzle-orm';
import { reportPeriods } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import { PRINT, type Prints, periodIndex, sqlComplianceRows } from './compliance-sql.js';
import { countedWhere, spansOf } from './counted.js';
import type { CycleFilter } from './cycle-filter.js';
import type { PeriodPlan } from './period-plan.js';

/**
 * Computes report rows over the counted cycles `where` selects, filling in each period's
 * print (sqlComplianceRows; tests put a write between computing and storing).
 */
export type PeriodCompute = (
  db: Database,
  options: ReportOptions,
  where: SQL,
  prints: Prints,
) => Promise<ReportRow[]>;

/**
 * Runs a write that only saves work for later (a stored period, a shape in use). On a read
 * replica, where PostgreSQL refuses writes (SQLSTATE 25006), the report is computed anyway.
 */
export async function unlessReadOnly(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) !== '25006') throw error;
  }
}

/**
 * Computes closed periods of a plan from their cycles, all in one statement, and stores
 * those whose cycles did not change meanwhile. The statement gives each period's rows and its
 * print (the cycles they come from, from the statement's own snapshot); then, under the
 * tenant's exclusive report lock (writers of outcomes hold it shared until they commit), one
 * grouped statement takes every period's print again, and the periods whose print is the
 * same are stored in one insert. A writer after that deletes a stored period through the
 * trigger on `cycles`; a period that changed is left for the next call or the worker.
 * @returns every period's rows by its start, stored or not
 */
export async function fillPeriods(
  db: Database,
  tenant: string,
  plan: Pick<PeriodPlan, 'zone' | 'unit' | 'shape'>,
  periods: readonly { start: number; end: number }[],
  options: ReportOptions,
  filter: CycleFilter,
  compute: PeriodCompute = sqlComplianceRows,
): Promise<Map<number, ReportRow[]>> {
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return new Map();
  const where = countedWhere(tenant, spansOf(sorted), filter);
  const seen: Prints = new Map();
  const rows = await compute(db, { ...options, from: first.start, to: last.end }, where, seen);
  const startOf = new Map(sorted.map((p) => [periodOf(plan.unit, p.start, plan.zone).label, p]));
  const byStart = new Map(sorted.map((p) => [p.start, [] as ReportRow[]]));
  for (const row of rows) {
    const start = startOf.get(String(row.group[plan.unit]))?.start;
    if (start !== undefined) byStart.get(start)?.push(row);
  }
  await unlessReadOnly(() =>
    db.transaction(async (tx) => {
      const starts = sorted.map((p) => p.start);
      // Sent together; PostgreSQL takes the lock before it reads the prints again.
      const [, again] = await Promise.all([
        tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`breachless.report:${tenant}`}, 0))`,
        ),
        tx.execute(sql`select ${periodIndex(starts)} as k, ${PRINT}
          from cycles where ${where} group by k`),
      ]);
      const now = rowsOf<{ k: number; n: number; h: string }>(again);
      const printed = new Map(now.map((r) => [starts[Number(r.k) - 1], `${r.n}:${r.h}`]));
      const same = sorted.filter((p) => printed.get(p.start) === seen.get(p.start));
      if (same.length === 0) return;
      await tx
        .insert(reportPeriods)
        .values(
          same.map((p) => ({
            tenantId: tenant,
            zone: plan.zone,
            unit: plan.unit,
            shape: plan.shape,
            periodStart: new Date(p.start),
            periodEnd: new Date(p.end),
            rows: byStart.get(p.start) ?? [],
          })),
        )
        .onConflictDoUpdate({
          target: [
            reportPeriods.tenantId,
            reportPeriods.zone,
            reportPeriods.unit,
            reportPeriods.shape,
            reportPeriods.periodStart,
          ],
          set: { rows: sql`excluded.rows`, computedAt: sql`now()` },
        });
    }),
  );
  return byStart;
}
