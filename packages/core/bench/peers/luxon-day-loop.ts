import { DateTime } from 'luxon';
import { HOLIDAYS, ZONE } from '../office.js';

const holidays = new Set(HOLIDAYS);

/** The day's business hours with luxon, or none on weekends and holidays. */
function hoursOf(day: DateTime): [number, number] | null {
  if (day.weekday > 5 || holidays.has(day.toISODate() ?? '')) return null;
  return [day.set({ hour: 9, minute: 0 }).toMillis(), day.set({ hour: 17, minute: 0 }).toMillis()];
}

/** The straightforward way: walk day by day with luxon, clipping each day's hours. */
export function luxonAdd(from: number, seconds: number): number {
  let left = seconds * 1000;
  let day = DateTime.fromMillis(from, { zone: ZONE }).startOf('day');
  for (;;) {
    const hours = hoursOf(day);
    if (hours) {
      const start = Math.max(hours[0], from);
      if (start < hours[1]) {
        if (start + left <= hours[1]) return start + left;
        left -= hours[1] - start;
      }
    }
    day = day.plus({ days: 1 });
  }
}

/** Business seconds between two instants, day by day. */
export function luxonBetween(from: number, to: number): number {
  let total = 0;
  for (
    let day = DateTime.fromMillis(from, { zone: ZONE }).startOf('day');
    day.toMillis() < to;
    day = day.plus({ days: 1 })
  ) {
    const hours = hoursOf(day);
    if (hours) total += Math.max(0, Math.min(hours[1], to) - Math.max(hours[0], from));
  }
  return total / 1000;
}
