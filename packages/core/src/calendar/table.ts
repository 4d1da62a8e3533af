import { DayIntervals } from './day-intervals.js';
import type { BusinessCalendar, CalendarSpec } from './types.js';

/**
 * The last local year the table grows to. Validation keeps every due instant well before it:
 * instants before 2060, targets within 10 years of weekly hours, at most 5,000 holidays
 * (about 110 years even if every holiday closes the only open day, some more with public
 * holidays). Beyond it `add` throws soon: growing to year 9999 took minutes of CPU for a
 * duration no calendar could reach.
 */
const LAST_YEAR = 2300;

/**
 * A calendar as a table of merged business intervals in UTC with cumulative totals, so that
 * `between` is two binary searches and `add` one, whatever the distance. The table covers
 * whole local years and grows on demand when an instant falls outside it.
 */
export class IntervalTable implements BusinessCalendar {
  readonly id: string;
  readonly timezone: string;
  readonly #days: DayIntervals;
  #firstYear = 0;
  #lastYear = -1;
  #coverStart = 0;
  #coverEnd = 0;
  #starts = new Float64Array(0);
  #ends = new Float64Array(0);
  /** Business milliseconds before each interval starts, counted from the table's start. */
  #before = new Float64Array(0);
  /** Business milliseconds at each interval's end. */
  #after = new Float64Array(0);

  constructor(spec: CalendarSpec) {
    this.id = spec.id;
    this.timezone = spec.timezone;
    this.#days = new DayIntervals(spec);
  }

  between(from: number, to: number): number {
    if (to <= from) return 0;
    this.#cover(from);
    this.#cover(to);
    return Math.floor((this.#businessAt(to) - this.#businessAt(from)) / 1000);
  }

  add(from: number, seconds: number): number {
    if (seconds <= 0) return from;
    this.#cover(from);
    const target = this.#businessAt(from) + seconds * 1000;
    while (this.#total() < target) this.#grow(target);
    const i = lowerBound(this.#after, target);
    return (this.#ends[i] as number) - ((this.#after[i] as number) - target);
  }

  #total(): number {
    return this.#after[this.#after.length - 1] ?? 0;
  }

  /** Extends the table forward towards `target`, by roughly as many years as it needs. */
  #grow(target: number): void {
    if (this.#lastYear >= LAST_YEAR)
      throw new RangeError(`calendar ${this.id}: no business time left before ${LAST_YEAR + 1}`);
    const perYear = this.#total() / Math.max(1, this.#lastYear - this.#firstYear + 1);
    const more = perYear > 0 ? Math.ceil((target - this.#total()) / perYear) : 1;
    this.#rebuild(this.#firstYear, Math.min(LAST_YEAR, this.#lastYear + more));
  }

  /** Business milliseconds from the table's start up to `at`. */
  #businessAt(at: number): number {
    const i = upperBound(this.#starts, at) - 1;
    if (i < 0) return 0;
    return (
      (this.#before[i] as number) +
      Math.min(at, this.#ends[i] as number) -
      (this.#starts[i] as number)
    );
  }

  #cover(at: number): void {
    if (at >= this.#coverStart && at < this.#coverEnd) return;
    const year = new Date(at).getUTCFullYear();
    if (this.#lastYear < this.#firstYear) {
      this.#rebuild(year - 1, year + 1);
    } else {
      this.#rebuild(Math.min(this.#firstYear, year - 1), Math.max(this.#lastYear, year + 1));
    }
  }

  #rebuild(firstYear: number, lastYear: number): void {
    const flat = this.#days.build(firstYear, lastYear);
    const n = flat.length / 2;
    this.#starts = new Float64Array(n);
    this.#ends = new Float64Array(n);
    this.#before = new Float64Array(n);
    this.#after = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const start = flat[2 * i] as number;
      const end = flat[2 * i + 1] as number;
      this.#starts[i] = start;
      this.#ends[i] = end;
      this.#before[i] = sum;
      sum += end - start;
      this.#after[i] = sum;
    }
    this.#firstYear = firstYear;
    this.#lastYear = lastYear;
    this.#coverStart = this.#days.yearStart(firstYear);
    this.#coverEnd = this.#days.yearStart(lastYear + 1);
  }
}

/** Index of the first element greater than `value`. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element greater than or equal to `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
