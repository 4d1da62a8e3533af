import { describe, expect, it } from 'vitest';
import {
  compileCalendars,
  Engine,
  parseConfig,
  parseDuration,
  parseInstant,
} from '../src/index.js';
import {
  cyclesByKey,
  expectScenario,
  readCalendarCases,
  readJson,
  readScenarios,
} from './conformance.js';

const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`bad ${what}`);
  return value;
};

describe('conformance: calendar cases through the library', () => {
  const calendars = compileCalendars(parseConfig(readJson('calendars.config.json')).calendars);
  for (const c of readCalendarCases()) {
    it(`${c.id}: ${c.why}`, () => {
      const calendar = must(calendars.get(c.calendar), 'calendar');
      const from = must(parseInstant(c.from), 'from');
      if (c.expect.due !== undefined) {
        const due = calendar.add(from, must(parseDuration(c.duration ?? ''), 'duration'));
        expect(new Date(due).toISOString()).toBe(new Date(c.expect.due).toISOString());
      } else {
        expect(calendar.between(from, must(parseInstant(c.to ?? ''), 'to'))).toBe(c.expect.seconds);
      }
    });
  }
});

describe('conformance: scenarios through the library', () => {
  const engine = new Engine(parseConfig(readJson('scenarios.config.json')));
  for (const s of readScenarios()) {
    it(`${s.name}: ${s.expected.why}`, () => expectScenario(engine, s));
  }
});

describe('conformance: the comparison itself', () => {
  it('fails on a duplicated cycle, which a map keyed by (metric, cycle) would hide', () => {
    const [first] = readScenarios();
    const doc = must(first, 'scenario').expected.expect;
    const ticket = must(doc.tickets[0], 'ticket');
    const twice = {
      ...doc,
      tickets: [{ ...ticket, cycles: [...ticket.cycles, ...ticket.cycles] }],
    };
    expect(cyclesByKey(doc).size).toBe(ticket.cycles.length);
    expect(() => cyclesByKey(twice)).toThrow(/appears twice/);
  });
});
