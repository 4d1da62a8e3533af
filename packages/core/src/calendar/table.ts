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
const LAST_MONTH = LAST_YEAR * 12 + 11;

/**
 * A calendar as a table of merged business intervals in UTC with cumulative totals, so that
 * `between` is two binary searches and `add` one, whatever the distance. The table covers
 * whole local months and grows on demand when an instant falls outside it: one answer
 * builds the three months around its instant (building three years took most of a
 * `breachless calendar due`), and each growth at least doubles the span, so a batch of
 * instants spread over years builds about twice what it ends with.
 */
export class IntervalTable implements BusinessCalendar {
  readonly id: string;
  readonly timezone: string;
  readonly #days: DayIntervals;
  /** Months as `year * 12 + monthIndex`, local to the calendar's zone. */
  #firstMonth = 0;
  #lastMonth = -1;
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

  /**
   * Extends the table forward towards `target`: by roughly as many months as it needs, and
   * at least by its current span.
   */
  #grow(target: number): void {
    if (this.#lastMonth >= LAST_MONTH)
      throw new RangeError(`calendar ${this.id}: no business time left before ${LAST_YEAR + 1}`);
    const span = this.#lastMonth - this.#firstMonth + 1;
    const perMonth = this.#total() / span;
    const more = perMonth > 0 ? Math.ceil((target - this.#total()) / perMonth) : span;
    this.#rebuild(this.#firstMonth, Math.min(LAST_MONTH, this.#lastMonth + Math.max(more, span)));
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

  /** Builds the table to cover `at`: the month either side of its own, whatever the zone. */
  #cover(at: number): void {
    if (at >= this.#coverStart && at < this.#coverEnd) return;
    const date = new Date(at);
    const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (this.#lastMonth < this.#firstMonth) {
      this.#rebuild(month - 1, month + 1);
      return;
    }
    const span = this.#lastMonth - this.#firstMonth + 1;
    let [first, last] = [this.#firstMonth, this.#lastMonth];
    if (month - 1 < first) first = Math.min(month - 1, first - span);
    if (month + 1 > last) last = Math.max(month + 1, Math.min(last + span, LAST_MONTH));
    this.#rebuild(first, last);
  }

  #rebuild(firstMonth: number, lastMonth: number): void {
    const flat = this.#days.build(firstMonth, lastMonth);
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
    this.#firstMonth = firstMonth;
    this.#lastMonth = lastMonth;
    this.#coverStart = this.#days.monthStart(firstMonth);
    this.#coverEnd = this.#days.monthStart(lastMonth + 1);
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
