import type { BusinessCalendar } from './types.js';

/** The `24x7` calendar: every second counts, so the table is not needed. */
export class AlwaysOpen implements BusinessCalendar {
  readonly id: string;
  readonly timezone: string;

  constructor(id = '24x7', timezone = 'UTC') {
    this.id = id;
    this.timezone = timezone;
  }

  between(from: number, to: number): number {
    return to <= from ? 0 : Math.floor((to - from) / 1000);
  }

  add(from: number, seconds: number): number {
    return seconds <= 0 ? from : from + seconds * 1000;
  }
}
