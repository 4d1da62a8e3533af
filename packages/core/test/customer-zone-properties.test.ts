import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendars } from '../src/calendar/compile.js';
import type { CalendarSpec } from '../src/calendar/types.js';
import type { Config } from '../src/config/types.js';
import { CalendarChoice } from '../src/contracts/customer-hours.js';
import { Engine } from '../src/engine/engine.js';
import { explainJson } from '../src/engine/explain-json.js';
import type { TicketEvent } from '../src/events/types.js';
import { isTimeZone } from '../src/time/zone.js';
import { calendarSpec, DAY, MINUTE, ZONES } from './arbitraries.js';
import { NaiveCalendar } from './oracle.js';

/**
 * Calendars of the customer's hours (docs/semantics.md): a ticket's zone reads the weekly
 * hours as a calendar fixed in that zone would, and no zone (or a bad one) as the calendar's
 * own. Weekly hours are drawn once into a pool (compiling a table per zone costs
 * milliseconds); zones, instants and durations fresh for every run.
 */
const POOL: readonly CalendarSpec[] = fc
  .sample(calendarSpec('UTC', ['2026-07-14', '2026-12-25']), { seed: 20261207, numRuns: 6 })
  .map((spec) => ({ ...spec, id: 'customer', timezoneFrom: 'custom.tz' }));
const ZONE_NAMES = Object.keys(ZONES);
const YEAR_START = Date.UTC(2026, 0, 1);

const choices = new Map<number, CalendarChoice>();
function choiceOf(i: number): CalendarChoice {
  const spec = POOL[i] as CalendarSpec;
  const choice = choices.get(i) ?? new CalendarChoice([spec], compileCalendars([spec]));
  choices.set(i, choice);
  return choice;
}

const pick = fc.nat({ max: POOL.length - 1 });
const zone = fc.constantFrom(...ZONE_NAMES);
const start = fc.integer({ min: 0, max: 364 * 1440 }).map((m) => YEAR_START + m * MINUTE);
const share = fc.double({ min: 0, max: 1, noNaN: true });

describe('customer hours: due instants in the ticket zone', () => {
  it('are those of the same hours fixed in that zone (against the naive oracle)', () => {
    fc.assert(
      fc.property(pick, zone, start, share, (i, tz, from, part) => {
        const spec = POOL[i] as CalendarSpec;
        const oracle = new NaiveCalendar({ ...spec, timezone: tz }, from - DAY, from + 9 * DAY);
        // A share of the next week's business time: due within the oracle's window.
        const seconds = Math.floor(oracle.between(from, from + 7 * DAY) * part);
        const calendar = choiceOf(i).calendarFor('customer', { custom: { tz } });
        // The zone by its canonical name (Asia/Kathmandu is Asia/Katmandu to ICU): same offsets.
        expect(new Date(from).toLocaleString('en-US', { timeZone: calendar?.timezone })).toBe(
          new Date(from).toLocaleString('en-US', { timeZone: tz }),
        );
        expect(calendar?.add(from, seconds)).toBe(oracle.add(from, seconds));
      }),
    );
  });

  it("fall back to the calendar's own zone for a missing, empty, invalid or non-text zone", () => {
    const bad = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('', 'Mars/Olympus_Mons', 'GMT+25', 'Europe'),
      // Any text that names no zone (three letters can: EST, CET).
      fc.string({ maxLength: 12 }).filter((s) => !isTimeZone(s)),
      fc.integer(),
    );
    fc.assert(
      fc.property(pick, bad, start, (i, tz, from) => {
        const own = choiceOf(i).calendarFor('customer', {});
        const custom = tz === undefined ? {} : { tz };
        const calendar = choiceOf(i).calendarFor('customer', { custom });
        expect(calendar).toBe(own);
        expect(calendar?.timezone).toBe('UTC');
        expect(calendar?.add(from, 3600)).toBe(own?.add(from, 3600));
      }),
    );
  });

  it('give a ticket the cycles a fixed calendar in its zone gives it, through the engine', () => {
    const engines = new Map<string, Engine>();
    const engineFor = (i: number, fixedZone: string | null) => {
      const key = `${i}/${fixedZone}`;
      const spec = POOL[i] as CalendarSpec;
      const calendar: CalendarSpec =
        fixedZone === null ? spec : { ...spec, timezone: fixedZone, timezoneFrom: undefined };
      const config: Config = {
        calendars: [calendar],
        policies: [
          {
            id: 'p',
            when: { always: true },
            calendar: 'customer',
            targets: { first_response: { '*': 4 * 3600 }, resolution: { '*': 16 * 3600 } },
            warnings: [{ text: '50%', kind: 'percent', value: 50 }],
            pause: {
              first_response: [],
              next_response: [],
              periodic_update: [],
              resolution: ['pending'],
            },
            reopen: 'continue',
            retarget: 'keep',
          },
        ],
        contracts: [],
        connectors: {},
      };
      const engine = engines.get(key) ?? new Engine(config);
      engines.set(key, engine);
      return engine;
    };
    const gaps = fc.array(fc.integer({ min: 1, max: 3 * 1440 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(pick, zone, start, gaps, (i, tz, created, [reply, solve, now]) => {
        const r = created + (reply ?? 1) * MINUTE;
        const s = r + (solve ?? 1) * MINUTE;
        const events: TicketEvent[] = [
          {
            id: 'c',
            ticket: 'T',
            type: 'ticket.created',
            at: created,
            by: 'customer',
            fields: { custom: { tz } },
          },
          { id: 'r', ticket: 'T', type: 'message', at: r, author: 'agent', public: true },
          { id: 's', ticket: 'T', type: 'ticket.updated', at: s, fields: { status: 'solved' } },
        ];
        const at = s + (now ?? 1) * MINUTE - 2 * DAY;
        const customer = explainJson(engineFor(i, null).evaluate(events, at), at);
        const fixed = explainJson(engineFor(i, tz).evaluate(events, at), at);
        expect(customer).toEqual(fixed);
      }),
    );
  });
});
