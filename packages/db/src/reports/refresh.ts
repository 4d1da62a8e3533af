import { complianceReport, type GroupKey, type PeriodUnit, periodOf } from '@breachless/core';
import { gt } from 'drizzle-orm';
import { isTransient } from '../ingest/index.js';
import { reportShapes } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { type ErrorSummary, errorSummary } from '../storage/index.js';
import type { CycleFilter } from './cycle-filter.js';
import { fillPeriods } from './period-fill.js';
import { parseShape } from './period-plan.js';
import { storedPeriods } from './periods.js';

/** How far back the worker keeps periods computed: what dashboards and digests look at. */
const KEEP = new Map<string, number>([
  ['day', 35],
  ['week', 14],
  ['month', 13],
]);
/** What a shape's filter may hold (CycleFilter): another key would be ignored, not applied. */
const FILTER_KEYS = ['team', 'priority', 'agent'];
/** A shape nobody asked for in this long is no longer kept up. */
const UNUSED_MS = 30 * 86_400_000;

type Shape = typeof reportShapes.$inferSelect;

/** A stored report shape whose periods could not be computed (no shape text: it holds filters). */
export interface ShapeFailure {
  readonly tenant: string;
  readonly unit: string;
  readonly zone: string;
  readonly error: ErrorSummary;
}

export interface ReportRefresh {
  /** Periods computed and stored. */
  readonly computed: number;
  /** The shapes that failed; the others were computed all the same. */
  readonly failed: readonly ShapeFailure[];
}

/**
 * Computes the closed periods missing for the report shapes asked for lately: each day,
 * week or month as it closes, and again after a late event dropped one. The most recent
 * first, and no more than `budget` allows (so many periods, started within so many
 * milliseconds of work) so that a worker tick stays short: a month of a large tenant is
 * seconds of reading.
 * Each shape is on its own: a shape that fails (a row an earlier version wrote that this one
 * cannot read, a period whose figures cannot be stored) is reported with its error summary
 * and the others go on. Every period is computed and stored in transactions of its own
 * (fillPeriods), so a failure rolls back only its period; `db` must not be a transaction.
 * @throws only errors that are not the shape's fault (the database away: isTransient)
 */
export async function refreshReportPeriods(
  db: Database,
  now: number,
  budget: { readonly periods: number; readonly ms?: number },
): Promise<ReportRefresh> {
  const began = performance.now();
  const shapes = await db
    .select()
    .from(reportShapes)
    .where(gt(reportShapes.usedAt, new Date(now - UNUSED_MS)))
    // The same order at every tick, whatever order the rows were last written in.
    .orderBy(reportShapes.tenantId, reportShapes.zone, reportShapes.unit, reportShapes.shape);
  const work = {
    done: 0,
    spent: () => work.done >= budget.periods || performance.now() - began > (budget.ms ?? Infinity),
  };
  const failed: ShapeFailure[] = [];
  for (const s of shapes) {
    if (work.spent()) break;
    try {
      await refreshShape(db, s, now, work);
    } catch (error) {
      if (isTransient(error)) throw error;
      failed.push({ tenant: s.tenantId, unit: s.unit, zone: s.zone, error: errorSummary(error) });
    }
  }
  return { computed: work.done, failed };
}

/** Computes one shape's missing periods, counting each in `work.done`, until `work` is spent. */
async function refreshShape(
  db: Database,
  s: Shape,
  now: number,
  work: { done: number; spent: () => boolean },
): Promise<void> {
  const { unit, keys, filter } = readShape(s);
  const wanted: { start: number; end: number }[] = [];
  for (let end = periodOf(unit, now, s.zone).start; wanted.length < (KEEP.get(unit) ?? 0); ) {
    const period = periodOf(unit, end - 1, s.zone);
    wanted.push({ start: period.start, end: period.end });
    end = period.start;
  }
  const have = await storedPeriods(db, s.tenantId, { ...s, unit }, wanted);
  const plan = { unit, zone: s.zone, shape: s.shape };
  const by: GroupKey[] = [unit, ...keys];
  // One period a statement: the time budget is looked at between periods.
  for (const period of wanted.filter((p) => !have.has(p.start))) {
    if (work.spent()) return;
    const options = { from: period.start, to: period.end, by, timezone: s.zone };
    await fillPeriods(db, s.tenantId, plan, [period], options, filter);
    work.done += 1;
  }
}

/**
 * A stored shape as this version reads it.
 * @throws Error naming what is wrong, without the shape's text (its filter names teams and
 *   agents): JSON.parse's own message quotes the input
 */
function readShape(s: Shape): { unit: PeriodUnit; keys: GroupKey[]; filter: CycleFilter } {
  if (!KEEP.has(s.unit)) throw new Error('stored report shape has an unknown period unit');
  const unit = s.unit as PeriodUnit;
  let parsed: ReturnType<typeof parseShape>;
  try {
    parsed = parseShape(s.shape);
  } catch {
    throw new Error('stored report shape is not one this version reads');
  }
  const { keys, filter } = parsed;
  const strings = (v: unknown) => typeof v === 'string';
  const fine =
    Array.isArray(keys) &&
    keys.every(strings) &&
    typeof filter === 'object' &&
    filter !== null &&
    Object.entries(filter).every(([k, v]) => FILTER_KEYS.includes(k) && strings(v));
  if (!fine) throw new Error('stored report shape is not one this version reads');
  // The core's checks of group keys and zone, before any period is read.
  complianceReport([], { from: 0, to: 1, by: [unit, ...keys], timezone: s.zone });
  return { unit, keys, filter };
}
