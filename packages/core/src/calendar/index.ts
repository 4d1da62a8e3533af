export { AlwaysOpen } from './always-open.js';
export { ALWAYS_OPEN_ID, compileCalendar, compileCalendars } from './compile.js';
export { isKnownRegion } from './holidays.js';
export { IntervalTable } from './table.js';
export type {
  BusinessCalendar,
  CalendarSpec,
  LocalInterval,
  PublicHolidaysSpec,
} from './types.js';
export { WEEKDAYS } from './types.js';
