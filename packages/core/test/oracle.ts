import { DateTime } from 'luxon';
import type { CalendarSpec, LocalInterval } from '../src/calendar/types.js';

/**
 * A deliberately naive model of a business calendar, to check the production interval
 * table against. It shares no code with `src/`: it reads wall clocks through luxon's
 * `DateTime.fromMillis` (which is unambiguous), decides for every UTC minute of a window
 * whether it is open, and counts minutes. Slow and obviously right is the point.
 */

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** The wall-clock time an instant shows in a zone, written as if it were UTC. */
export function wallClock(at: number, zone: string): number {
  const d = DateTime.fromMillis(at, { zone });
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second);
}

/** How a wall-clock time was read: shown once, shown twice (a repeated hour), or never (a gap). */
export type Reading = 'once' | 'repeated' | 'skipped';

/**
 * The instant of a wall-clock time, as RFC 5545 reads local times. Every instant that shows
 * `wall` is `wall - offset` for one of the zone's offsets, so try them all and keep those that
 * really show it: the earliest is the first occurrence. If none does, the time is in a gap and
 * is read with the offset in force before the gap (the offset a day earlier), so it moves
 * forward by the gap's length.
 */
export function readWallClock(
  wall: number,
  zone: string,
  offsets: readonly number[],
): { at: number; reading: Reading } {
  const showing = offsets
    .map((offset) => wall - offset * MINUTE)
    .filter((at) => wallClock(at, zone) === wall);
  if (showing.length > 0)
    return { at: Math.min(...showing), reading: showing.length > 1 ? 'repeated' : 'once' };
  const offsetBefore = DateTime.fromMillis(wall - DAY, { zone }).offset;
  return { at: wall - offsetBefore * MINUTE, reading: 'skipped' };
}

/** Every offset (minutes) the zone uses in `[from, to]` (no offset lasts less than an hour). */
function offsetsBetween(zone: string, from: number, to: number): number[] {
  const seen = new Set<number>();
  for (let at = from; at <= to; at += 60 * MINUTE)
    seen.add(DateTime.fromMillis(at, { zone }).offset);
  return [...seen];
}

/** The hours of a local date: a holiday's (none for a whole-day holiday), else the weekday's. */
function hoursOf(spec: CalendarSpec, date: number): readonly LocalInterval[] {
  const holiday = spec.holidays.get(new Date(date).toISOString().slice(0, 10));
  if (holiday) return holiday;
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // 0 = Monday
  return spec.week[weekday] ?? [];
}

/** Business time of one calendar inside a window of whole UTC minutes `[from, to)`. */
export class NaiveCalendar {
  readonly from: number;
  readonly to: number;
  /** One flag per UTC minute of the window: is that minute business time? */
  readonly #open: Uint8Array;
  /** How often an interval bound fell in a repeated or a skipped hour (to show the tests reach them). */
  readonly readings: Record<Reading, number> = { once: 0, repeated: 0, skipped: 0 };

  constructor(spec: CalendarSpec, from: number, to: number) {
    this.from = from;
    this.to = to;
    this.#open = new Uint8Array((to - from) / MINUTE);
    const offsets = offsetsBetween(spec.timezone, from - 3 * DAY, to + 3 * DAY);
    const read = (wall: number) => {
      const { at, reading } = readWallClock(wall, spec.timezone, offsets);
      this.readings[reading]++;
      return at;
    };
    // Local dates from two days before the window to one after: an interval belongs to the
    // date it opens on, and may run into the next.
    const firstDate = Math.floor(from / DAY) * DAY - 2 * DAY;
    for (let date = firstDate; date < to + DAY; date += DAY) {
      for (const { open, close } of hoursOf(spec, date)) {
        const closeMinutes = close > open ? close : close + 1440; // overnight: into the next day
        const start = read(date + open * MINUTE);
        const end = read(date + closeMinutes * MINUTE);
        for (let m = start; m < end; m += MINUTE) {
          if (m >= from && m < to) this.#open[(m - from) / MINUTE] = 1;
        }
      }
    }
  }

  /** Whether the UTC minute starting at `minute` is business time. */
  isOpen(minute: number): boolean {
    if (minute < this.from || minute >= this.to) throw new RangeError('outside the oracle window');
    return this.#open[(minute - this.from) / MINUTE] === 1;
  }

  /** Business seconds in `[a, b)`: the open part of every minute, added up. */
  between(a: number, b: number): number {
    if (b <= a) return 0;
    let ms = 0;
    for (let minute = Math.floor(a / MINUTE) * MINUTE; minute < b; minute += MINUTE) {
      if (this.isOpen(minute)) ms += Math.min(b, minute + MINUTE) - Math.max(a, minute);
    }
    return ms / 1000;
  }

  /** The earliest instant `t >= a` with `seconds` of business time in `[a, t)`, stepping minutes. */
  add(a: number, seconds: number): number {
    let left = seconds * 1000;
    if (left === 0) return a;
    for (let minute = Math.floor(a / MINUTE) * MINUTE; ; minute += MINUTE) {
      if (!this.isOpen(minute)) continue;
      const from = Math.max(a, minute);
      const available = minute + MINUTE - from;
      if (left <= available) return from + left;
      left -= available;
    }
  }
}
