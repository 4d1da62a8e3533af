import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import { LIMITS } from '../src/limits.js';
import { timeMedian } from './prng.js';

const DAY_MS = 86_400_000;

/**
 * The largest config the limits allow (docs/formats.md, "Limits"): 100 calendars with
 * public holidays and overnight hours, 5,000 holidays, 200 policies with 1,000 condition
 * nodes. What one `PUT /v1/config` of it costs the event loop, and what compiling it costs.
 */
export function largestConfig(): unknown {
  const perCalendar = LIMITS.maxHolidays / LIMITS.maxCalendars;
  const calendars = Array.from({ length: LIMITS.maxCalendars }, (_, i) => ({
    id: `calendar-${i}`,
    timezone: 'Europe/Berlin',
    hours: { mon: [['09:00', '17:00']], tue: [['22:00', '06:00']], fri: [['09:00', '13:00']] },
    publicHolidays: { country: 'DE', state: 'BY' },
    holidays: Array.from({ length: perCalendar }, (_, j) =>
      new Date(Date.UTC(2026, 0, 1) + (i + j * 7) * DAY_MS).toISOString().slice(0, 10),
    ),
  }));
  const nodes = LIMITS.maxConditions / LIMITS.maxPolicies;
  const policies = Array.from({ length: LIMITS.maxPolicies }, (_, i) => ({
    id: `policy-${i}`,
    calendar: `calendar-${i % LIMITS.maxCalendars}`,
    // One `all` and its leaves: `nodes` condition nodes in all.
    when: {
      all: Array.from({ length: nodes - 1 }, (_, k) => ({ field: 'team', eq: `t${i}-${k}` })),
    },
    targets: { first_response: { urgent: '30m', '*': '8h' }, resolution: { '*': '5d' } },
    warnings: ['75%', '30m'],
  }));
  return { calendars, policies };
}

/** Median milliseconds to validate, and to compile, the largest config allowed. */
export function configBench(runs: number): { validateMs: number; compileMs: number } {
  const value = largestConfig();
  const config = parseConfig(value);
  return {
    validateMs: timeMedian(runs, () => parseConfig(value)) * 1000,
    compileMs: timeMedian(runs, () => new Engine(config)) * 1000,
  };
}
