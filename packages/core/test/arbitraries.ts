import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { CalendarSpec, LocalInterval } from '../src/calendar/types.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/**
 * The zones under test, with the instants (UTC) their clocks change in 2026. Lord Howe
 * moves by 30 minutes, Santiago at midnight, Kathmandu sits at +05:45, Tokyo and UTC never
 * change. `calendar-properties.test.ts` checks that these really are transitions.
 */
export const ZONES: Readonly<Record<string, readonly string[]>> = {
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'Australia/Sydney': ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'],
  'America/Santiago': ['2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
  'Asia/Kathmandu': [],
  'Asia/Tokyo': [],
  UTC: [],
};

/** Minutes after local midnight, often in the small hours where most zones change clocks. */
const anyMinute = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1439 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 210 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1380, max: 1439 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 60, 90, 120, 150, 180, 540, 1020) },
);

/**
 * The wall-clock minutes a zone's clock changes skip or repeat, as `[from, to)` minutes after
 * local midnight: `[120, 180)` for New York in March (02:00-03:00 never happens) and
 * `[60, 120)` in November (01:00-02:00 happens twice).
 */
export function changedMinutes(zone: string): [number, number][] {
  const minuteOf = (at: number) => {
    const wall = DateTime.fromMillis(at, { zone });
    return wall.hour * 60 + wall.minute + (wall.second > 0 || wall.millisecond > 0 ? 1 : 0);
  };
  return (ZONES[zone] ?? []).map((iso) => {
    const at = Date.parse(iso);
    const before = minuteOf(at - 1); // the wall clock just before the change: 02:00, or 24:00
    const after = minuteOf(at);
    const forward =
      DateTime.fromMillis(at, { zone }).offset > DateTime.fromMillis(at - 1, { zone }).offset;
    return forward ? [before % 1440, after] : [after, before];
  });
}

/** Minutes after local midnight in, at the edges of, or just around the hours a zone's clock changes skip or repeat. */
function minuteNearChange(zone: string): fc.Arbitrary<number> | undefined {
  const changed = changedMinutes(zone);
  if (changed.length === 0) return undefined;
  return fc
    .constantFrom(...changed)
    .chain(([from, to]) =>
      fc
        .oneof(
          fc.integer({ min: from, max: to - 1 }),
          fc.constantFrom(from, to - 1, to, from - 1),
          fc.integer({ min: from - 20, max: to + 20 }),
        )
        .map((m) => (m + 1440) % 1440),
    );
}

/** Minutes after local midnight, in a zone: often near its clock changes. */
function minuteIn(zone: string): fc.Arbitrary<number> {
  const near = minuteNearChange(zone);
  return near ? fc.oneof(anyMinute, near) : anyMinute;
}

/** One interval: ordinary, closing at 24:00, overnight (closing before it opens), or all day. */
export function interval(minute: fc.Arbitrary<number> = anyMinute): fc.Arbitrary<LocalInterval> {
  return fc
    .tuple(minute, minute, fc.constantFrom('plain', 'plain', 'midnight', 'overnight', 'day'))
    .filter(([a, b, kind]) => a !== b || kind === 'midnight' || kind === 'day')
    .map(([a, b, kind]): LocalInterval => {
      if (kind === 'midnight') return { open: Math.min(a, b), close: 1440 };
      if (kind === 'overnight') return { open: Math.max(a, b), close: Math.min(a, b) };
      if (kind === 'day') return { open: 0, close: 1440 };
      return { open: Math.min(a, b), close: Math.max(a, b) };
    });
}

/** The date `YYYY-MM-DD` of the UTC day that starts at `at`. */
export const dateOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * A random calendar in a zone: split, overlapping, overnight and 24:00 intervals, with
 * whole-day and partial holidays on some of the given dates. On the `changeDates` (local
 * dates of a clock change) it often has hours that open or close in the skipped or
 * repeated hour, the cases RFC 5545 decides.
 */
export function calendarSpec(
  zone: string,
  holidayDates: readonly string[],
  changeDates: readonly string[] = [],
): fc.Arbitrary<CalendarSpec> {
  const hours = interval(minuteIn(zone));
  const near = minuteNearChange(zone);
  const changeDayHours = near
    ? fc.array(
        fc
          .tuple(near, near)
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => ({ open: Math.min(a, b), close: Math.max(a, b) })),
        { minLength: 1, maxLength: 2 },
      )
    : fc.constant([]);
  const dayHours = fc.oneof(
    { weight: 4, arbitrary: fc.array(hours, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant([{ open: 540, close: 1020 }]) },
  );
  return fc
    .record({
      week: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
      holidays: fc.uniqueArray(
        fc.tuple(
          fc.constantFrom(...holidayDates),
          fc.oneof(fc.constant([]), fc.array(hours, { minLength: 1, maxLength: 2 })),
        ),
        { selector: ([date]) => date, maxLength: 4 },
      ),
      changeDays: fc.tuple(
        ...changeDates.map((date) => fc.option(changeDayHours.map((h) => [date, h] as const))),
      ),
    })
    .filter(({ week }) => week.some((day) => day.length > 0))
    .map(({ week, holidays, changeDays }) => ({
      id: 'random',
      timezone: zone,
      week,
      holidays: new Map([...holidays, ...changeDays.filter((d) => d !== null)]),
    }));
}

/**
 * A calendar to test, with the UTC midnight `start` of the window its instants are drawn
 * from: one to five days before one of its zone's clock changes, or any day of 2026.
 */
export interface CalendarCase {
  readonly spec: CalendarSpec;
  readonly start: number;
  readonly nearChange: boolean;
}

export const calendarCase: fc.Arbitrary<CalendarCase> = fc
  .constantFrom(...Object.keys(ZONES))
  .chain((zone) => {
    const instants = (ZONES[zone] ?? []).map((iso) => Date.parse(iso));
    const changes = instants.map((at) => Math.floor(at / DAY) * DAY);
    // The local dates on either side of each change.
    const changeDates = instants.flatMap((at) =>
      [at - 1, at].map((t) => DateTime.fromMillis(t, { zone }).toISODate() ?? ''),
    );
    const anyDay = fc
      .integer({ min: 0, max: 364 })
      .map((d) => ({ start: Date.UTC(2026, 0, 1) + d * DAY, nearChange: false }));
    if (changes.length === 0) return anyDay.chain(withSpec);
    const beforeChange = fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: 1, max: 5 }))
      .map(([change, back]) => ({ start: change - back * DAY, nearChange: true }));
    return fc.oneof(beforeChange, beforeChange, anyDay).chain(withSpec);

    function withSpec({ start, nearChange }: { start: number; nearChange: boolean }) {
      const window = Array.from({ length: 16 }, (_, i) => dateOf(start + (i - 2) * DAY));
      const nearby = [...new Set(changeDates.filter((date) => window.includes(date)))];
      return calendarSpec(zone, window, nearby).map((spec) => ({ spec, start, nearChange }));
    }
  });
