import { IANAZone } from 'luxon';
import { localToInstant } from '../time/zone.js';
import { PublicHolidays } from './holidays.js';
import type { CalendarSpec, LocalInterval } from './types.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Produces the merged business intervals (UTC milliseconds) of a calendar for whole local
 * months. Each local day contributes its weekly hours, or its holiday hours; an interval
 * that runs past midnight belongs to the day it opens on.
 */
export class DayIntervals {
  readonly #spec: CalendarSpec;
  readonly #zone: IANAZone;
  readonly #publicHolidays: PublicHolidays | undefined;

  constructor(spec: CalendarSpec) {
    this.#spec = spec;
    this.#zone = IANAZone.create(spec.timezone);
    this.#publicHolidays = spec.publicHolidays
      ? new PublicHolidays(spec.publicHolidays)
      : undefined;
  }

  /** The instant of local midnight starting month `month` (`year * 12 + monthIndex`). */
  monthStart(month: number): number {
    return localToInstant(this.#zone, monthDay(month));
  }

  /**
   * Merged intervals covering every business instant from `monthStart(first)` up to
   * `monthStart(last + 1)`, as flat `[start0, end0, start1, end1, ...]`.
   */
  build(first: number, last: number): number[] {
    // Start one day early: the previous evening's overnight shift reaches into the first day.
    const from = monthDay(first) - DAY_MS;
    const to = monthDay(last + 1);
    const closedDates = this.#publicHolidayDates(
      new Date(from).getUTCFullYear(),
      new Date(to - DAY_MS).getUTCFullYear(),
    );
    const raw: number[] = [];
    for (let day = from; day < to; day += DAY_MS) {
      for (const interval of this.#hoursOf(day, closedDates)) {
        const closeMinutes =
          interval.close > interval.open ? interval.close : interval.close + 1440;
        const start = localToInstant(this.#zone, day + interval.open * MINUTE_MS);
        const end = localToInstant(this.#zone, day + closeMinutes * MINUTE_MS);
        if (end > start) raw.push(start, end);
      }
    }
    return mergeIntervals(raw);
  }

  #hoursOf(day: number, closedDates: ReadonlySet<string>): readonly LocalInterval[] {
    const { holidays, week } = this.#spec;
    if (holidays.size > 0 || closedDates.size > 0) {
      const date = new Date(day).toISOString().slice(0, 10);
      const explicit = holidays.get(date);
      if (explicit) return explicit;
      if (closedDates.has(date)) return [];
    }
    // getUTCDay: 0 = Sunday; the week table starts on Monday.
    return week[(new Date(day).getUTCDay() + 6) % 7] ?? [];
  }

  #publicHolidayDates(first: number, last: number): ReadonlySet<string> {
    const dates = new Set<string>();
    if (!this.#publicHolidays) return dates;
    for (let year = first; year <= last; year++) {
      for (const date of this.#publicHolidays.datesOf(year)) dates.add(date);
    }
    return dates;
  }
}

/** The first day of month `year * 12 + monthIndex`, as a wall time written as UTC. */
function monthDay(month: number): number {
  return Date.UTC(Math.floor(month / 12), ((month % 12) + 12) % 12, 1);
}

/** Sorts flat `[start, end, ...]` pairs and merges those that touch or overlap. */
function mergeIntervals(flat: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
  pairs.sort((x, y) => x[0] - y[0]);
  const merged: number[] = [];
  for (const [start, end] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && start <= (merged[last] as number)) {
      merged[last] = Math.max(merged[last] as number, end);
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}
