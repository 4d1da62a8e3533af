/** A business interval of one local day, in minutes after local midnight. */
export interface LocalInterval {
  /** Opening, 0-1439. */
  readonly open: number;
  /** Closing, 1-1440; earlier than `open` when the interval runs past midnight. */
  readonly close: number;
}

/** Public holidays of a country or region, as the holiday library names them. */
export interface PublicHolidaysSpec {
  readonly country: string;
  readonly state?: string | undefined;
  readonly region?: string | undefined;
}

/** A validated calendar: a zone, weekly hours and exceptions (semantics.md section 2). */
export interface CalendarSpec {
  readonly id: string;
  readonly timezone: string;
  /** Weekly hours, index 0 = Monday .. 6 = Sunday. */
  readonly week: readonly (readonly LocalInterval[])[];
  /** Explicit holidays by local date `YYYY-MM-DD`: an empty list closes the whole day. */
  readonly holidays: ReadonlyMap<string, readonly LocalInterval[]>;
  readonly publicHolidays?: PublicHolidaysSpec | undefined;
  /**
   * The customer's hours: the ticket field (`custom.<key>`) holding the zone the hours are
   * read in, `timezone` serving when it is missing or not a zone (docs/semantics.md).
   */
  readonly timezoneFrom?: string | undefined;
}

/** Business-time arithmetic on one calendar. Instants are UTC milliseconds. */
export interface BusinessCalendar {
  readonly id: string;
  readonly timezone: string;
  /** Business seconds inside `[from, to)`; 0 when `to <= from`. */
  between(from: number, to: number): number;
  /** The earliest instant `t >= from` with `between(from, t) === seconds`. */
  add(from: number, seconds: number): number;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
