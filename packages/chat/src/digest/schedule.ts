import { DateTime } from 'luxon';
import type { DigestSchedule } from '../commands/types.js';

/** One posting of a digest: when, which period it covers, and its key (the local date). */
export interface DigestSlot {
  /** The instant the digest is due: `time` in `zone` on the slot's day. */
  readonly at: number;
  /** `YYYY-MM-DD` of the slot's local day: one digest per subscription and key. */
  readonly key: string;
  /** The period covered, `[from, to)`: from the previous slot's local day to this one's. */
  readonly from: number;
  readonly to: number;
}

const WEEKDAY = (d: DateTime) => d.weekday <= 5;
const MONDAY = (d: DateTime) => d.weekday === 1;

function isSlotDay(every: Exclude<DigestSchedule, 'monthly'>, day: DateTime): boolean {
  return every === 'daily' || (every === 'weekdays' ? WEEKDAY(day) : MONDAY(day));
}

/** The local day before `day` that is a slot day (at most 7 days back). */
function previousSlotDay(every: Exclude<DigestSchedule, 'monthly'>, day: DateTime): DateTime {
  let d = day.minus({ days: 1 });
  while (!isSlotDay(every, d)) d = d.minus({ days: 1 });
  return d;
}

/** The latest first of a month at `hour:minute` local time, covering the month before it. */
function monthlySlot(zone: string, hour: number, minute: number, now: number): DigestSlot {
  let first = DateTime.fromMillis(now, { zone }).startOf('month');
  if (first.set({ hour, minute }).toMillis() > now) first = first.minus({ months: 1 });
  return {
    at: first.set({ hour, minute }).toMillis(),
    key: first.toISODate() ?? '',
    from: first.minus({ months: 1 }).toMillis(),
    to: first.toMillis(),
  };
}

/**
 * The latest slot of a schedule at or before `now`, read in the subscription's zone: daily
 * every day, weekdays Monday to Friday, weekly on Mondays, at `HH:MM` local time (on a
 * daylight-saving day a time that does not exist runs at the first instant after it). The
 * period covered runs from the previous slot's day to this one's, so a Monday digest of a
 * weekdays schedule covers Friday to Sunday and a weekly one the week before. Monthly runs on
 * the first of each month and covers the month before (an account manager's statement).
 */
export function latestSlot(
  schedule: { every: DigestSchedule; time: string; zone: string },
  now: number,
): DigestSlot {
  const [hour = 0, minute = 0] = schedule.time.split(':').map(Number);
  if (schedule.every === 'monthly') return monthlySlot(schedule.zone, hour, minute, now);
  let day = DateTime.fromMillis(now, { zone: schedule.zone }).startOf('day');
  for (let i = 0; i < 8; i++, day = day.minus({ days: 1 })) {
    if (!isSlotDay(schedule.every, day)) continue;
    const at = day.set({ hour, minute }).toMillis();
    if (at > now) continue;
    return {
      at,
      key: day.toISODate() ?? '',
      from: previousSlotDay(schedule.every, day).toMillis(),
      to: day.toMillis(),
    };
  }
  throw new RangeError(
    `no ${schedule.every} slot in the week before ${new Date(now).toISOString()}`,
  );
}
