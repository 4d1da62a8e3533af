import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AlwaysOpen } from '../src/calendar/always-open.js';
import { compileCalendar } from '../src/calendar/compile.js';
import { IntervalTable } from '../src/calendar/table.js';
import type { BusinessCalendar, CalendarSpec, LocalInterval } from '../src/calendar/types.js';
import { type CalendarCase, calendarCase, DAY, MINUTE, ZONES } from './arbitraries.js';
import { NaiveCalendar } from './oracle.js';

/**
 * Random calendars are drawn once, with a fixed seed, into a pool: compiling one builds three
 * years of intervals (tens of milliseconds), so the properties draw a calendar from the pool
 * and everything else (instants, spans, durations) fresh for every run.
 */
const POOL: readonly CalendarCase[] = fc.sample(calendarCase, { seed: 20260308, numRuns: 36 });
const WINDOW_DAYS = 16;

const compiled = new Map<number, BusinessCalendar>();
const oracles = new Map<number, NaiveCalendar>();
const caseOf = (i: number) => POOL[i] as CalendarCase;
/** The production calendar of case `i`, compiled once. */
function production(i: number): BusinessCalendar {
  const calendar = compiled.get(i) ?? compileCalendar(caseOf(i).spec);
  compiled.set(i, calendar);
  return calendar;
}
/** The oracle of case `i`, over its whole window, built once. */
function oracle(i: number): NaiveCalendar {
  const { spec, start } = caseOf(i);
  const naive = oracles.get(i) ?? new NaiveCalendar(spec, start - DAY, start + WINDOW_DAYS * DAY);
  oracles.set(i, naive);
  return naive;
}

const iso = (at: number) => new Date(at).toISOString();
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const hours = (list: readonly LocalInterval[]) => list.map((i) => [hhmm(i.open), hhmm(i.close)]);
/** The calendar as a config would write it, to read a counterexample. */
function describeCase(i: number, ...instants: number[]): string {
  const { spec } = caseOf(i);
  return JSON.stringify({
    case: i,
    timezone: spec.timezone,
    week: spec.week.map(hours),
    holidays: [...spec.holidays].map(([date, h]) => ({ date, hours: hours(h) })),
    instants: instants.map(iso),
  });
}

const pick = fc.nat({ max: POOL.length - 1 });
/** An offset into the first three days of a case's window: whole minutes, or any second. */
const offset = fc.oneof(
  fc.integer({ min: 0, max: 3 * 1440 - 1 }).map((m) => m * MINUTE),
  fc.integer({ min: 0, max: 3 * 86_400 - 1 }).map((s) => s * 1000),
);
/** A span of up to ten days: whole minutes, or any second. */
const span = fc.oneof(
  fc.integer({ min: 0, max: 10 * 1440 }).map((m) => m * MINUTE),
  fc.integer({ min: 0, max: 10 * 86_400 }).map((s) => s * 1000),
);
/** A share (in thousandths) of what is left of a window, to draw durations that fit in it. */
const share = fc.oneof(fc.constantFrom(0, 1000), fc.integer({ min: 0, max: 1000 }));

describe('the calendar pool', () => {
  it('uses real 2026 clock changes', () => {
    for (const [zone, changes] of Object.entries(ZONES)) {
      for (const change of changes) {
        const at = Date.parse(change);
        const before = DateTime.fromMillis(at - 1, { zone }).offset;
        const after = DateTime.fromMillis(at, { zone }).offset;
        expect(before, `${zone} ${change}`).not.toBe(after);
      }
    }
  });

  it('reaches every zone, both kinds of windows and every kind of hours', () => {
    const intervals = POOL.flatMap(({ spec }) => [
      ...spec.week.flat(),
      ...[...spec.holidays.values()].flat(),
    ]);
    const holidays = POOL.flatMap(({ spec }) => [...spec.holidays.values()]);
    expect(new Set(POOL.map((c) => c.spec.timezone))).toEqual(new Set(Object.keys(ZONES)));
    expect(POOL.filter((c) => c.nearChange).length).toBeGreaterThan(10);
    expect(POOL.filter((c) => !c.nearChange).length).toBeGreaterThan(5);
    expect(intervals.filter((i) => i.close < i.open).length).toBeGreaterThan(10);
    expect(intervals.filter((i) => i.close === 1440).length).toBeGreaterThan(10);
    expect(holidays.filter((h) => h.length === 0).length).toBeGreaterThan(5);
    expect(holidays.filter((h) => h.length > 0).length).toBeGreaterThan(5);
    // Bounds inside skipped and repeated hours, the RFC 5545 cases, do occur.
    const readings = POOL.map((_, i) => oracle(i).readings);
    expect(readings.reduce((n, r) => n + r.skipped, 0)).toBeGreaterThan(3);
    expect(readings.reduce((n, r) => n + r.repeated, 0)).toBeGreaterThan(3);
  });
});

describe('calendar arithmetic against the minute-counting oracle', () => {
  it('between agrees with counting business minutes', () => {
    fc.assert(
      fc.property(pick, offset, span, (i, off, length) => {
        const a = caseOf(i).start + off;
        const b = a + length;
        expect(production(i).between(a, b), describeCase(i, a, b)).toBe(oracle(i).between(a, b));
      }),
      { seed: 101, numRuns: 400 },
    );
  });

  it('add agrees with stepping minute by minute until the duration is used up', () => {
    fc.assert(
      fc.property(pick, offset, share, fc.boolean(), (i, off, thousandths, wholeMinutes) => {
        const naive = oracle(i);
        const a = caseOf(i).start + off;
        const left = naive.between(a, naive.to);
        let d = Math.floor((left * thousandths) / 1000);
        if (wholeMinutes) d -= d % 60;
        const due = production(i).add(a, d);
        expect(iso(due), `${describeCase(i, a)} + ${d}s`).toBe(iso(naive.add(a, d)));
      }),
      { seed: 102, numRuns: 400 },
    );
  });
});

describe('calendar arithmetic laws', () => {
  /** An instant with seconds: inside a case's window (near a clock change), or anywhere in 2026. */
  const instant = (i: number) =>
    fc.oneof(
      fc.integer({ min: 0, max: 14 * 86_400 }).map((s) => caseOf(i).start + s * 1000),
      fc
        .integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2026, 11, 31) / 1000 })
        .map((s) => s * 1000),
    );
  /** A duration of up to about two weeks' worth of the calendar's business time. */
  const duration = (i: number) => {
    const naive = oracle(i);
    return fc.integer({ min: 0, max: naive.between(naive.from, naive.to) });
  };
  const withCalendar = <T>(f: (i: number) => fc.Arbitrary<T>) =>
    pick.chain((i) => f(i).map((rest) => [i, rest] as const));

  it('between(a, add(a, d)) = d; add never goes back; add(a, 0) = a; add is the earliest', () => {
    fc.assert(
      fc.property(
        withCalendar((i) => fc.tuple(instant(i), duration(i))),
        ([i, [a, d]]) => {
          const calendar = production(i);
          const due = calendar.add(a, d);
          const where = `${describeCase(i, a, due)} d=${d}`;
          expect(due, where).toBeGreaterThanOrEqual(a);
          expect(calendar.between(a, due), where).toBe(d);
          expect(calendar.add(a, 0), where).toBe(a);
          if (d > 0) expect(calendar.between(a, due - 1000), where).toBe(d - 1);
        },
      ),
      { seed: 201, numRuns: 300 },
    );
  });

  it('add is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(
        withCalendar((i) => fc.tuple(instant(i), instant(i), duration(i), duration(i))),
        ([i, [x, y, d1, d2]]) => {
          const calendar = production(i);
          const [a, b] = x <= y ? [x, y] : [y, x];
          const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const where = `${describeCase(i, a, b)} d=${short},${long}`;
          expect(calendar.add(a, long), where).toBeLessThanOrEqual(calendar.add(b, long));
          expect(calendar.add(a, short), where).toBeLessThanOrEqual(calendar.add(a, long));
        },
      ),
      { seed: 202, numRuns: 300 },
    );
  });

  it('between adds up over a <= b <= c, and is 0 when the end is not after the start', () => {
    fc.assert(
      fc.property(
        withCalendar((i) => fc.tuple(instant(i), instant(i), instant(i))),
        ([i, three]) => {
          const calendar = production(i);
          const [a, b, c] = [...three].sort((x, y) => x - y) as [number, number, number];
          const where = describeCase(i, a, b, c);
          expect(calendar.between(a, b) + calendar.between(b, c), where).toBe(
            calendar.between(a, c),
          );
          expect(calendar.between(c, a), where).toBe(0);
          expect(calendar.between(b, b), where).toBe(0);
        },
      ),
      { seed: 203, numRuns: 300 },
    );
  });

  it('adding in two steps lands where adding at once does', () => {
    fc.assert(
      fc.property(
        withCalendar((i) => fc.tuple(instant(i), duration(i), duration(i))),
        ([i, [a, d1, d2]]) => {
          const calendar = production(i);
          expect(calendar.add(calendar.add(a, d1), d2), `${describeCase(i, a)} ${d1}+${d2}`).toBe(
            calendar.add(a, d1 + d2),
          );
        },
      ),
      { seed: 204, numRuns: 300 },
    );
  });
});

describe('calendar rules by example', () => {
  const week = (days: Partial<Record<number, LocalInterval[]>>) =>
    Array.from({ length: 7 }, (_, d) => days[d] ?? []);
  const spec = (
    timezone: string,
    w: LocalInterval[][],
    holidays: [string, LocalInterval[]][] = [],
  ) => ({ id: 'example', timezone, week: w, holidays: new Map(holidays) }) satisfies CalendarSpec;
  const at = (text: string) => Date.parse(text);

  it('merges overlapping intervals: business time never counts twice', () => {
    const calendar = compileCalendar(
      spec(
        'UTC',
        week({
          0: [
            { open: 540, close: 720 },
            { open: 660, close: 780 },
          ],
        }),
      ),
    );
    const monday = at('2026-11-23T00:00:00Z');
    expect(calendar.between(monday, monday + DAY)).toBe(4 * 3600);
    expect(iso(calendar.add(monday, 4 * 3600))).toBe('2026-11-23T13:00:00.000Z');
  });

  it('merges touching intervals, also across midnight', () => {
    const calendar = compileCalendar(
      spec('Asia/Tokyo', week({ 0: [{ open: 1200, close: 1440 }], 1: [{ open: 0, close: 120 }] })),
    );
    const mondayNight = at('2026-11-23T20:00:00+09:00');
    expect(calendar.between(mondayNight, mondayNight + DAY)).toBe(6 * 3600);
    expect(iso(calendar.add(mondayNight, 6 * 3600))).toBe('2026-11-23T17:00:00.000Z');
  });

  it('an overnight interval belongs to the day it opens on, holidays included', () => {
    const night = week({ 0: [{ open: 1320, close: 360 }], 1: [{ open: 1320, close: 360 }] });
    const from = at('2026-11-23T00:00:00+09:00');
    const to = at('2026-11-26T00:00:00+09:00');
    // Monday 22:00 - Tuesday 06:00 and Tuesday 22:00 - Wednesday 06:00: 16 hours.
    expect(compileCalendar(spec('Asia/Tokyo', night)).between(from, to)).toBe(16 * 3600);
    // A holiday on Monday removes all of Monday night, Tuesday morning included.
    expect(compileCalendar(spec('Asia/Tokyo', night, [['2026-11-23', []]])).between(from, to)).toBe(
      8 * 3600,
    );
    // A holiday on Tuesday removes Tuesday night only, not Monday night's end on Tuesday.
    expect(compileCalendar(spec('Asia/Tokyo', night, [['2026-11-24', []]])).between(from, to)).toBe(
      8 * 3600,
    );
    // A holiday with hours replaces the day's hours: here a short morning on Tuesday.
    expect(
      compileCalendar(
        spec('Asia/Tokyo', night, [['2026-11-24', [{ open: 600, close: 660 }]]]),
      ).between(from, to),
    ).toBe(9 * 3600);
  });

  it('public holidays close the day, and an explicit entry for the date wins', () => {
    const weekdays = week({
      0: [{ open: 540, close: 1020 }],
      1: [{ open: 540, close: 1020 }],
      2: [{ open: 540, close: 1020 }],
      3: [{ open: 540, close: 1020 }],
      4: [{ open: 540, close: 1020 }],
    });
    const bavaria = { country: 'DE', state: 'BY' };
    // Tuesday 2026-01-06 is Epiphany, a public holiday in Bavaria.
    const from = at('2026-01-06T00:00:00+01:00');
    const to = at('2026-01-07T00:00:00+01:00');
    const plain = compileCalendar({ ...spec('Europe/Berlin', weekdays), publicHolidays: bavaria });
    expect(plain.between(from, to)).toBe(0);
    const explicit = compileCalendar({
      ...spec('Europe/Berlin', weekdays, [['2026-01-06', [{ open: 600, close: 720 }]]]),
      publicHolidays: bavaria,
    });
    expect(explicit.between(from, to)).toBe(2 * 3600);
  });

  it('a table open around the clock counts real time across every clock change', () => {
    const allDay = Array.from({ length: 7 }, () => [{ open: 0, close: 1440 }]);
    for (const [zone, changes] of Object.entries(ZONES)) {
      // A holiday with all-day hours keeps the table (not the always-open shortcut).
      const table = new IntervalTable(
        spec(zone, allDay, [['2026-01-01', [{ open: 0, close: 1440 }]]]),
      );
      const real = new AlwaysOpen();
      for (const change of changes) {
        const around = Date.parse(change);
        const [a, b] = [around - DAY - 17_000, around + DAY + 29_000];
        expect(table.between(a, b), `${zone} ${change}`).toBe(real.between(a, b));
        expect(table.add(a, 50 * 3600 + 7), `${zone} ${change}`).toBe(real.add(a, 50 * 3600 + 7));
      }
    }
  });
});
