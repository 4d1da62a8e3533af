import { Engine, parseConfig, parseEvents } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../src/line-diff.js';
import { whatIf } from '../src/what-if.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-02T00:00:00Z');
const engine = (firstResponse: string) =>
  new Engine(
    parseConfig({
      calendars: [],
      policies: [
        { id: 'p', calendar: '24x7', targets: { first_response: { '*': firstResponse } } },
      ],
    }),
  );
/** A ticket created at `at` (hours after T0) and answered `after` hours later. */
const ticket = (id: string, team: string, at: number, after?: number) => [
  {
    id: `${id}-c`,
    ticket: id,
    type: 'ticket.created',
    at: new Date(T0 + at * HOUR).toISOString(),
    by: 'customer',
    fields: { status: 'new', team },
  },
  ...(after === undefined
    ? []
    : [
        {
          id: `${id}-r`,
          ticket: id,
          type: 'message',
          at: new Date(T0 + (at + after) * HOUR).toISOString(),
          author: 'agent',
          public: true,
        },
      ]),
];

describe('whatIf', () => {
  const events = parseEvents([
    ...ticket('A', 'billing', 0, 1.5), // breached under 1h, achieved under 2h
    ...ticket('B', 'billing', 1, 0.5), // achieved under both
    ...ticket('C', 'support', 2, 3), // breached under both
    ...ticket('D', 'support', -100, 0.5), // answered before the window: counted in neither
  ]);
  const from = T0;
  const to = T0 + 48 * HOUR;

  it('compares compliance per metric and team in the window, and lists each cycle whose outcome changes', () => {
    const r = whatIf(events, engine('1h'), engine('2h'), from, to);
    expect(r.tickets).toBe(4);
    expect(r.rows).toEqual([
      {
        metric: 'first_response',
        team: 'billing',
        before: { achieved: 1, breached: 1, compliancePct: 50 },
        after: { achieved: 2, breached: 0, compliancePct: 100 },
      },
      {
        metric: 'first_response',
        team: 'support',
        before: { achieved: 0, breached: 1, compliancePct: 0 },
        after: { achieved: 0, breached: 1, compliancePct: 0 },
      },
    ]);
    expect(r.changed).toEqual([
      { ticket: 'A', metric: 'first_response', cycle: 1, before: 'breached', after: 'achieved' },
    ]);
  });

  it('names a cycle the draft no longer measures, and changes nothing under the same config', () => {
    const none = new Engine(parseConfig({ calendars: [], policies: [] }));
    const r = whatIf(events, engine('1h'), none, from, to);
    expect(r.changed.map((c) => `${c.ticket} ${c.before}>${c.after}`)).toEqual([
      'A breached>not measured',
      'B achieved>not measured',
      'C breached>not measured',
    ]);
    expect(whatIf(events, engine('1h'), engine('1h'), from, to).changed).toEqual([]);
  });
});

describe('lineDiff', () => {
  it('keeps three lines of context around each change, and marks added and removed lines', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i'].join('\n');
    expect(lineDiff(before, after).map((l) => `${l.op}${l.text}`)).toEqual([
      ' b',
      ' c',
      ' d',
      '-e',
      '+E',
      ' f',
      ' g',
      ' h',
    ]);
    expect(lineDiff('x', 'x')).toEqual([]);
    expect(lineDiff('', 'new').map((l) => `${l.op}${l.text}`)).toEqual(['-', '+new']);
  });
});
