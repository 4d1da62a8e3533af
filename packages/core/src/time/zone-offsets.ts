import type { IANAZone } from 'luxon';
import type { Instant } from './instant.js';

const DAY_MS = 86_400_000;
/** Days remembered per zone before starting over: 137 years, more than any table spans. */
const DAYS_KEPT = 50_000;

/**
 * A zone's offsets, asked of the zone once per UTC day instead of once per instant.
 *
 * Luxon reads an offset by formatting the instant through `Intl` (tens of microseconds each):
 * building a calendar's table for three years asked it some 3,000 times, most of one
 * `breachless calendar due`'s run. Here the offset at each UTC midnight touched is asked
 * once; a day whose two ends agree has that offset throughout, and a day whose ends differ
 * has its transition found once, by bisection to the millisecond. This relies on what
 * `localToInstant` already relies on, more weakly: no zone changes its offset twice within
 * one day (it assumes two).
 */
class ZoneOffsets {
  readonly #zone: IANAZone;
  /** Offset in ms at the start of each UTC day touched, by day number. */
  readonly #atMidnight = new Map<number, number>();
  /** The first instant of the later offset, for each day whose two ends differ. */
  readonly #transition = new Map<number, Instant>();

  constructor(zone: IANAZone) {
    this.#zone = zone;
  }

  /** The offset from UTC at `at`, in milliseconds (local = utc + offset). */
  offsetMs(at: Instant): number {
    const day = Math.floor(at / DAY_MS);
    const start = this.#midnight(day);
    const end = this.#midnight(day + 1);
    if (start === end) return start;
    let change = this.#transition.get(day);
    if (change === undefined) {
      change = this.#findChange(day * DAY_MS, (day + 1) * DAY_MS, start);
      this.#transition.set(day, change);
    }
    return at < change ? start : end;
  }

  #midnight(day: number): number {
    let offset = this.#atMidnight.get(day);
    if (offset === undefined) {
      if (this.#atMidnight.size >= DAYS_KEPT) {
        this.#atMidnight.clear();
        this.#transition.clear();
      }
      offset = this.#ask(day * DAY_MS);
      this.#atMidnight.set(day, offset);
    }
    return offset;
  }

  /** The first instant in `(low, high]` whose offset is no longer `before`. */
  #findChange(low: Instant, high: Instant, before: number): Instant {
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (this.#ask(mid) === before) low = mid;
      else high = mid;
    }
    return high;
  }

  #ask(at: Instant): number {
    return this.#zone.offset(at) * 60_000;
  }
}

// One cache per zone name: a zone's offsets are facts, shared by every calendar in it. The
// map is bounded by the zones that exist (only names that passed `isTimeZone` get here).
const byName = new Map<string, ZoneOffsets>();

/** The offset cache of `zone` (see `ZoneOffsets`). */
export function zoneOffsets(zone: IANAZone): ZoneOffsets {
  let offsets = byName.get(zone.name);
  if (!offsets) {
    offsets = new ZoneOffsets(zone);
    byName.set(zone.name, offsets);
  }
  return offsets;
}
