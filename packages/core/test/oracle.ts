import { DateTime } from 'luxon';
import type { CalendarSpec, LocalInterval } from '../src/calendar/types.js';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

/** Local wall time of an instant, written as if UTC (luxon's fromMillis is unambiguous). */
function wallOf(at: number, zone: string): number {
  const d = DateTime.fromMillis(at, { zone });
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second);
}

/**
 * The instant of a local wall time by brute force, as RFC 5545 reads it: the first instant
 * showing that wall time; in a skipped hour, the wall time read with the offset in force
 * just before the gap. Every zone used has offsets in whole quarter hours, so candidates
 * step by 15 minutes.
 */
export function naiveInstant(wall: number, zone: string): number {
  for (let at = wall - 15 * 3_600_000; at <= wall + 15 * 3_600_000; at += QUARTER) {
    if (wallOf(at, zone) === wall) return at;
  }
  // A gap: find the last instant before it (its wall time is still earlier than `wall`).
  let last = wall - 15 * 3_600_000;
  for (let at = last; at <= wall + 15 * 3_600_000; at += MINUTE) {
    if (wallOf(at, zone) < wall) last = at;
  }
  const offsetBefore = wallOf(last, zone) - last;
  return wall - offsetBefore;
}

/** Every business interval (instants) of the local days from `firstDay` to `lastDay`. */
export function naiveIntervals(
  spec: CalendarSpec,
  firstDay: number,
  lastDay: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let day = firstDay; day <= lastDay; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    const hours: readonly LocalInterval[] = spec.holidays.get(date) ?? spec.week[weekday] ?? [];
    for (const { open, close } of hours) {
      const end = close > open ? close : close + 1440;
      out.push([
        naiveInstant(day + open * MINUTE, spec.timezone),
        naiveInstant(day + end * MINUTE, spec.timezone),
      ]);
    }
  }
  return out;
}

/** Business seconds in `[from, to)` by stepping minute by minute (bounds are whole minutes). */
export function naiveBetween(intervals: [number, number][], from: number, to: number): number {
  let minutes = 0;
  for (let at = from; at < to; at += MINUTE)
    if (intervals.some(([s, e]) => at >= s && at < e)) minutes++;
  return minutes * 60;
}

/** The earliest instant with `minutes` of business time after `from`, stepping minute by minute. */
export function naiveAdd(intervals: [number, number][], from: number, minutes: number): number {
  if (minutes === 0) return from;
  let count = 0;
  for (let at = from; ; at += MINUTE) {
    if (intervals.some(([s, e]) => at >= s && at < e)) count++;
    if (count === minutes) return at + MINUTE;
  }
}
