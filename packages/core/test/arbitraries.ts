import fc from 'fast-check';
import type { CalendarSpec, LocalInterval } from '../src/calendar/types.js';

export const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'America/Santiago',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'UTC',
  'Australia/Lord_Howe',
];

/** Local dates around the 2026 transitions of those zones, and ordinary ones. */
export const DAYS = [
  '2026-03-06',
  '2026-03-27',
  '2026-04-03',
  '2026-04-03',
  '2026-09-04',
  '2026-10-02',
  '2026-10-23',
  '2026-10-30',
  '2026-06-10',
  '2026-11-20',
].map((d) => Date.parse(`${d}T00:00:00Z`));

/** Minutes of the day, often inside the hours where clocks change (00:00-03:30). */
const minute = fc.oneof(
  fc.integer({ min: 0, max: 287 }).map((five) => five * 5),
  fc.integer({ min: 0, max: 42 }).map((five) => five * 5),
);

/** Zones paired with a date two days before one of their 2026 clock changes, and plain days. */
export const ZONE_DAYS: [string, number][] = (
  [
    ['America/New_York', '2026-03-06'],
    ['America/New_York', '2026-10-30'],
    ['Europe/Berlin', '2026-03-27'],
    ['Europe/Berlin', '2026-10-23'],
    ['Australia/Sydney', '2026-04-03'],
    ['Australia/Sydney', '2026-10-02'],
    ['America/Santiago', '2026-04-03'],
    ['America/Santiago', '2026-09-04'],
    ['Australia/Lord_Howe', '2026-04-03'],
    ['Australia/Lord_Howe', '2026-10-02'],
    ['Asia/Kathmandu', '2026-11-20'],
    ['UTC', '2026-06-10'],
  ] as const
).map(([zone, day]) => [zone, Date.parse(`${day}T00:00:00Z`)]);

/** An interval: ordinary, running to 24:00, or overnight (closing before it opens). */
export const interval: fc.Arbitrary<LocalInterval> = fc
  .tuple(minute, minute, fc.constantFrom('plain', 'midnight', 'overnight'))
  .filter(([a, b]) => a !== b)
  .map(([a, b, kind]) => {
    if (kind === 'midnight') return { open: Math.min(a, b), close: 1440 };
    if (kind === 'overnight') return { open: Math.max(a, b), close: Math.min(a, b) };
    return { open: Math.min(a, b), close: Math.max(a, b) };
  });

/** A random calendar: split, overlapping, overnight intervals and holidays, in a DST zone. */
export const calendarSpec = (
  start: number,
  zones: readonly string[] = ZONES,
): fc.Arbitrary<CalendarSpec> =>
  fc
    .record({
      timezone: fc.constantFrom(...zones),
      week: fc.array(fc.array(interval, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      holidays: fc.array(
        fc.tuple(fc.integer({ min: 0, max: 9 }), fc.array(interval, { maxLength: 1 })),
        { maxLength: 3 },
      ),
    })
    .filter((c) => c.week.some((d) => d.length > 0))
    .map((c) => ({
      id: 'random',
      timezone: c.timezone,
      week: c.week,
      holidays: new Map(
        c.holidays.map(([offset, hours]) => [
          new Date(start + offset * 86_400_000).toISOString().slice(0, 10),
          hours,
        ]),
      ),
    }));
