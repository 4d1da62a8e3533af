import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { compileCalendars } from './compile.js';

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
});
