import { AlwaysOpen } from './always-open.js';
import { IntervalTable } from './table.js';
import type { BusinessCalendar, CalendarSpec } from './types.js';

/** The id of the always-open calendar that exists in every config. */
export const ALWAYS_OPEN_ID = '24x7';

/**
 * Compiles a validated calendar into business-time arithmetic. A calendar open around the
 * clock with no exceptions skips the interval table: its business time is real time.
 */
export function compileCalendar(spec: CalendarSpec): BusinessCalendar {
  const aroundTheClock = spec.week.every(
    (day) => day.length === 1 && day[0]?.open === 0 && day[0]?.close === 1440,
  );
  if (aroundTheClock && spec.holidays.size === 0 && !spec.publicHolidays) {
    return new AlwaysOpen(spec.id, spec.timezone);
  }
  return new IntervalTable(spec);
}

/** Compiles every calendar of a config, adding the built-in `24x7` unless the config redefines it. */
export function compileCalendars(
  specs: readonly CalendarSpec[],
): ReadonlyMap<string, BusinessCalendar> {
  const calendars = new Map<string, BusinessCalendar>([[ALWAYS_OPEN_ID, new AlwaysOpen()]]);
  for (const spec of specs) calendars.set(spec.id, compileCalendar(spec));
  return calendars;
}
