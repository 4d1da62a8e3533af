import {
  type GroupKey,
  type PeriodUnit,
  periodOf,
  type ReportOptions,
  type ReportRow,
} from '@breachless/core';
import type { CycleFilter } from './cycle-filter.js';

const UNITS: readonly GroupKey[] = ['day', 'week', 'month'];

/** A report that stored periods can answer: whole days, weeks or months, grouped by that unit. */
export interface PeriodPlan {
  readonly unit: PeriodUnit;
  readonly zone: string;
  /** The other group keys (sorted, metric aside) and the filter: what a stored period is of. */
  readonly shape: string;
  readonly periods: readonly { start: number; end: number }[];
}

/**
 * The periods a report splits into, or `undefined` when stored periods cannot answer it: no
 * time unit (or two) among its keys, or a period not made of whole units in its zone.
 */
export function planPeriods(options: ReportOptions, filter: CycleFilter): PeriodPlan | undefined {
  const units = [...new Set(options.by)].filter((k) => UNITS.includes(k));
  const [unit] = units as PeriodUnit[];
  if (units.length !== 1 || unit === undefined) return undefined;
  const zone = options.timezone ?? 'UTC';
  if (options.to <= options.from) return undefined;
  if (periodOf(unit, options.from, zone).start !== options.from) return undefined;
  if (periodOf(unit, options.to, zone).start !== options.to) return undefined;
  const periods: { start: number; end: number }[] = [];
  for (let at = options.from; at < options.to; ) {
    const { start, end } = periodOf(unit, at, zone);
    periods.push({ start, end });
    at = end;
  }
  return { unit, zone, shape: shapeOf(options.by, unit, filter), periods };
}

/** `[["team"],{"priority":"urgent"}]`: the same for every order the keys are given in. */
function shapeOf(by: readonly GroupKey[], unit: PeriodUnit, filter: CycleFilter): string {
  const keys = [...new Set(by)].filter((k) => k !== unit && k !== 'metric').sort();
  const kept = (['agent', 'priority', 'team'] as const).flatMap((k) =>
    filter[k] === undefined ? [] : [[k, filter[k]]],
  );
  return JSON.stringify([keys, Object.fromEntries(kept)]);
}

/** What a shape stands for, to compute its periods again. */
export function parseShape(shape: string): { keys: GroupKey[]; filter: CycleFilter } {
  const [keys, filter] = JSON.parse(shape) as [GroupKey[], CycleFilter];
  return { keys, filter };
}

/** A stored row with its group keys in the order the report asks for them (`by` order). */
export function inByOrder(row: ReportRow, by: readonly GroupKey[]): ReportRow {
  const keys = [...new Set(by)].filter((k) => k !== 'metric');
  return { ...row, group: Object.fromEntries(keys.map((k) => [k, row.group[k] ?? null])) };
}
