import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../src/calendar/compile.js';
import { IntervalTable } from '../src/calendar/table.js';
import { calendarSpec, DAYS, ZONE_DAYS } from './arbitraries.js';
import { naiveAdd, naiveBetween, naiveIntervals } from './oracle.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const settings = { seed: 20261125, numRuns: 120 };

/** A calendar, a window of days around a DST date, and two whole-minute instants inside it. */
const scenario = fc.constantFrom(...ZONE_DAYS).chain(([zone, start]) =>
  fc.record({
    start: fc.constant(start),
    spec: calendarSpec(start, [zone]),
    a: fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => start + DAY + m * MINUTE),
    span: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  }),
);

describe('calendar arithmetic against a minute-stepping oracle', () => {
  it('between agrees with counting business minutes', () => {
    fc.assert(
      fc.property(scenario, ({ start, spec, a, span }) => {
        const oracle = naiveIntervals(spec, start - DAY, start + 10 * DAY);
        expect(new IntervalTable(spec).between(a, a + span * MINUTE)).toBe(
          naiveBetween(oracle, a, a + span * MINUTE),
        );
      }),
      settings,
    );
  });

  it('add agrees with stepping until the duration is used up', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 600 }), ({ start, spec, a }, minutes) => {
        const oracle = naiveIntervals(spec, start - DAY, start + 40 * DAY);
        const expected = naiveAdd(oracle, a, minutes);
        fc.pre(expected < start + 39 * DAY);
        expect(new Date(new IntervalTable(spec).add(a, minutes * 60)).toISOString()).toBe(
          new Date(expected).toISOString(),
        );
      }),
      settings,
    );
  });
});

describe('calendar arithmetic laws', () => {
  const laws = { seed: 7, numRuns: 100 };
  const instant = fc
    .integer({
      min: Date.parse('2025-06-01T00:00:00Z') / 1000,
      max: Date.parse('2027-06-01T00:00:00Z') / 1000,
    })
    .map((s) => s * 1000);
  const seconds = fc.integer({ min: 0, max: 400 * 3600 });

  it('between(a, add(a, d)) = d, add never goes back, add(a, 0) = a', () => {
    fc.assert(
      fc.property(calendarSpec(DAYS[0] as number), instant, seconds, (spec, a, d) => {
        const calendar = compileCalendar(spec);
        const due = calendar.add(a, d);
        expect(due).toBeGreaterThanOrEqual(a);
        expect(calendar.between(a, due)).toBe(d);
        expect(calendar.add(a, 0)).toBe(a);
      }),
      laws,
    );
  });

  it('add is monotonic in the start and in the duration; between adds up', () => {
    fc.assert(
      fc.property(
        calendarSpec(DAYS[1] as number),
        instant,
        instant,
        seconds,
        seconds,
        (spec, x, y, d1, d2) => {
          const calendar = compileCalendar(spec);
          const [a, b] = x <= y ? [x, y] : [y, x];
          const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
          expect(calendar.add(a, long)).toBeLessThanOrEqual(calendar.add(b, long));
          expect(calendar.add(a, short)).toBeLessThanOrEqual(calendar.add(a, long));
          const mid = a + Math.floor((b - a) / 2000) * 1000;
          expect(calendar.between(a, mid) + calendar.between(mid, b)).toBe(calendar.between(a, b));
        },
      ),
      laws,
    );
  });

  it('merges overlapping intervals: business time never counts twice', () => {
    const spec = {
      id: 'overlap',
      timezone: 'UTC',
      week: [
        [
          { open: 540, close: 720 },
          { open: 660, close: 780 },
        ],
        [],
        [],
        [],
        [],
        [],
        [],
      ],
      holidays: new Map(),
    };
    const monday = Date.parse('2026-11-23T00:00:00Z');
    expect(compileCalendar(spec).between(monday, monday + DAY)).toBe(4 * 3600);
  });
});
