import { type GroupKey, type PeriodUnit, periodOf } from '@breachless/core';
import { gt } from 'drizzle-orm';
import { cycleComplianceRows } from './compliance-rows.js';
import type { Database } from './database.js';
import { fillPeriod, storedPeriods } from './report-periods.js';
import { parseShape } from './report-plan.js';
import { reportShapes } from './schema/index.js';

/** How far back the worker keeps periods computed: what dashboards and digests look at. */
const KEEP: Record<PeriodUnit, number> = { day: 35, week: 14, month: 13 };
/** A shape nobody asked for in this long is no longer kept up. */
const UNUSED_MS = 30 * 86_400_000;

/**
 * Computes the closed periods missing for the report shapes asked for lately: each day,
 * week or month as it closes, and again after a late event dropped one. The most recent
 * first, and no more than `budget` allows (so many periods, started within so many
 * milliseconds of work) so that a worker tick stays short: a month of a large tenant is
 * seconds of reading.
 * @returns how many periods were computed
 */
export async function refreshReportPeriods(
  db: Database,
  now: number,
  budget: { readonly periods: number; readonly ms?: number },
): Promise<number> {
  const began = performance.now();
  const shapes = await db
    .select()
    .from(reportShapes)
    .where(gt(reportShapes.usedAt, new Date(now - UNUSED_MS)));
  let done = 0;
  for (const s of shapes) {
    const unit = s.unit as PeriodUnit;
    const wanted: { start: number; end: number }[] = [];
    for (let end = periodOf(unit, now, s.zone).start; wanted.length < KEEP[unit]; ) {
      const period = periodOf(unit, end - 1, s.zone);
      wanted.push({ start: period.start, end: period.end });
      end = period.start;
    }
    const have = await storedPeriods(db, s.tenantId, { ...s, unit }, wanted);
    const { keys, filter } = parseShape(s.shape);
    const plan = { unit, zone: s.zone, shape: s.shape, periods: wanted };
    for (const period of wanted.filter((p) => !have.has(p.start))) {
      if (done >= budget.periods || performance.now() - began > (budget.ms ?? Infinity))
        return done;
      const by: GroupKey[] = [unit, ...keys];
      await fillPeriod(
        db,
        s.tenantId,
        plan,
        period,
        { from: period.start, to: period.end, by, timezone: s.zone },
        filter,
        (d, o, f) => cycleComplianceRows(d, s.tenantId, o, f),
      );
      done += 1;
    }
  }
  return done;
}
