import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { compileCalendars } from './compile.js';

const NIGHTS = parseConfig({
  calendars: [
    {
      id: 'nights',
      timezone: 'America/Santiago',
      hours: { mon: [['22:00', '06:00']], wed: [['09:00', '17:00']], sat: [['23:30', '00:30']] },
      holidays: [{ date: '2027-03-03', hours: [] }],
      publicHolidays: { country: 'CL' },
    },
  ],
}).calendars;

const MINUTE_A_WEEK = parseConfig({
  calendars: [{ id: 'sparse', timezone: 'UTC', hours: { mon: [['09:00', '09:01']] } }],
}).calendars;

describe('the interval table', () => {
  it('answers far-away due instants of a sparse calendar', () => {
    const calendar = compileCalendars(MINUTE_A_WEEK).get('sparse');
    const from = Date.parse('2026-11-23T09:00:00Z');
    // 5,218 minutes: the end of the 5,218th Monday's minute, about 100 years on.
    const due = calendar?.add(from, 5_218 * 60) ?? 0;
    expect(due).toBe(from + 5_217 * 7 * 86_400_000 + 60_000);
  });

  it('refuses at once, instead of building tables for millennia, what it cannot reach', () => {
    const calendar = compileCalendars(MINUTE_A_WEEK).get('sparse');
    const from = Date.parse('2026-11-23T09:00:00Z');
    expect(() => calendar?.add(from, 365 * 86_400)).toThrow(
      'calendar sparse: no business time left before 2301',
    );
  });

  it('answers the same whichever instants it was asked first (the table grows both ways)', () => {
    const grown = compileCalendars(NIGHTS).get('nights');
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const start = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < 60; i++) {
      // Instants over 2020-2031 in random order; spans up to 60 days, durations up to 300h.
      const from = start + Math.floor(random() * 12 * 365) * 86_400_000 + i * 61_000;
      const to = from + Math.floor(random() * 60 * 86_400_000);
      const seconds = Math.floor(random() * 300 * 3600);
      const fresh = () => compileCalendars(NIGHTS).get('nights');
      expect({ i, add: grown?.add(from, seconds), between: grown?.between(from, to) }).toEqual({
        i,
        add: fresh()?.add(from, seconds),
        between: fresh()?.between(from, to),
      });
    }
  });
});
