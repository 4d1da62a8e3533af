import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { Engine } from '../engine/engine.js';
import { parseEvents } from '../events/parse.js';
import { complianceReport } from './report.js';

// 24x7 keeps the arithmetic obvious: first response 1h, resolution 10h.
const engine = new Engine(
  parseConfig({
    policies: [
      {
        id: 'all',
        calendar: '24x7',
        targets: { first_response: { '*': '1h' }, resolution: { '*': '10h' } },
      },
    ],
  }),
);
// Event builders: one event of each kind per ticket is all these tests need.
const created = (t: string, at: string, fields: object) => ({
  ...{ id: `${t}-c`, ticket: t, type: 'ticket.created', at },
  fields: { status: 'new', ...fields },
});
const reply = (t: string, at: string) => ({
  ...{ id: `${t}-r`, ticket: t, type: 'message', at },
  ...{ author: 'agent', public: true },
});
const update = (t: string, at: string, fields: object) => ({
  ...{ id: `${t}-u`, ticket: t, type: 'ticket.updated', at },
  fields,
});

const events = parseEvents([
  // Replied at 22:30Z (achieved) and 23:30Z (breached at 23:00Z).
  created('A', '2026-11-23T22:00:00Z', { team: 'billing', assignee: 'ana' }),
  reply('A', '2026-11-23T22:30:00Z'),
  created('B', '2026-11-23T22:00:00Z', { team: 'billing', assignee: 'bo' }),
  reply('B', '2026-11-23T23:30:00Z'),
  // Breached at 06:00Z on Nov 24, reassigned at 07:00Z, replied at 08:00Z: the breach is ana's.
  created('C', '2026-11-24T05:00:00Z', { team: 'billing', assignee: 'ana' }),
  update('C', '2026-11-24T07:00:00Z', { assignee: 'cy' }),
  reply('C', '2026-11-24T08:00:00Z'),
  // No team and no assignee; replied in 10 minutes.
  created('D', '2026-11-24T12:00:00Z', {}),
  reply('D', '2026-11-24T12:10:00Z'),
]);
const now = Date.parse('2026-11-26T00:00:00Z');
const tickets = engine.evaluate(events, now);
const window = { from: Date.parse('2026-11-23T00:00:00Z'), to: Date.parse('2026-11-25T00:00:00Z') };
const firstResponse = (rows: ReturnType<typeof complianceReport>) =>
  rows.filter((r) => r.metric === 'first_response');

describe('complianceReport', () => {
  it('counts each cycle once at its outcome, with statistics of elapsed time', () => {
    const rows = complianceReport(tickets, { ...window, by: [] });
    expect(rows.map((r) => r.metric)).toEqual(['first_response', 'resolution']);
    const [first] = rows;
    // Achieved: A (30 min) and D (10 min). Breached: B (stopped at 90 min) and C (180 min).
    expect(first).toMatchObject({ group: {}, achieved: 2, breached: 2, compliancePct: 50 });
    // p50 of [600, 1800]: 600 + 0.5 x 1200; p90: 600 + 0.9 x 1200.
    expect(first?.achievedSeconds).toEqual({
      count: 2,
      avg: 1200,
      min: 600,
      max: 1800,
      p50: 1200,
      p90: 1680,
    });
    // p50 of [5400, 10800] = 8100; p90 = 5400 + 0.9 x 5400 = 10260.
    expect(first?.breachedSeconds).toEqual({
      count: 2,
      avg: 8100,
      min: 5400,
      max: 10800,
      p50: 8100,
      p90: 10260,
    });
    // No ticket was solved: each resolution cycle breached 10h after creation, all in the window.
    expect(rows[1]).toMatchObject({ achieved: 0, breached: 4, compliancePct: 0 });
    expect(rows[1]?.achievedSeconds).toEqual({
      count: 0,
      avg: null,
      min: null,
      max: null,
      p50: null,
      p90: null,
    });
    // Still open, so elapsed runs to `now` (Nov 26 00:00Z): 50h for A and B, 43h for C, 36h
    // for D. Sorted [129600, 154800, 180000, 180000]: p50 halfway between the middle two,
    // p90 at rank 0.9 x 3 = 2.7, between the two 180000s.
    expect(rows[1]?.breachedSeconds).toEqual({
      count: 4,
      avg: 161100,
      min: 129600,
      max: 180000,
      p50: 167400,
      p90: 180000,
    });
  });

  it('leaves out running, paused and cancelled cycles', () => {
    const open = parseEvents([
      // Running: no reply yet and nothing breached by now.
      created('R', '2026-11-25T23:50:00Z', {}),
      // Paused: resolution waits in pending; first response answered in 5 minutes.
      created('P', '2026-11-25T20:00:00Z', {}),
      reply('P', '2026-11-25T20:05:00Z'),
      update('P', '2026-11-25T20:10:00Z', { status: 'pending' }),
      // Cancelled: deleted before anything reached an outcome.
      created('X', '2026-11-25T21:00:00Z', {}),
      { id: 'X-d', ticket: 'X', type: 'ticket.deleted', at: '2026-11-25T21:05:00Z' },
    ]);
    const results = engine.evaluate(open, now);
    const statuses = results.flatMap((t) =>
      t.cycles.map((c) => `${t.ticket} ${c.metric} ${c.status}`),
    );
    expect(statuses).toEqual(
      expect.arrayContaining([
        'R first_response running',
        'P resolution paused',
        'X first_response cancelled',
        'X resolution cancelled',
      ]),
    );
    const rows = complianceReport(results, { from: 0, to: now + 86_400_000, by: [] });
    // Only P's first response (stopped at 20:05Z) has an outcome.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      metric: 'first_response',
      achieved: 1,
      breached: 0,
      compliancePct: 100,
    });
  });

  it('reports the agent at the outcome, and a missing agent or team last as null', () => {
    const byAgent = firstResponse(complianceReport(tickets, { ...window, by: ['agent'] }));
    expect(byAgent.map((r) => [r.group.agent, r.achieved, r.breached])).toEqual([
      ['ana', 1, 1],
      ['bo', 0, 1],
      [null, 1, 0],
    ]);
    const byTeam = firstResponse(complianceReport(tickets, { ...window, by: ['team'] }));
    expect(byTeam.map((r) => [r.group.team, r.achieved, r.breached])).toEqual([
      ['billing', 1, 2],
      [null, 1, 0],
    ]);
  });

  it('counts an outcome at `from` and leaves one at `to` for the next period', () => {
    // A achieved at 22:30Z, B breached at 23:00Z, C breached at 06:00Z, D achieved at 12:10Z.
    const count = (from: string, to: string) => {
      const [row] = firstResponse(
        complianceReport(tickets, { from: Date.parse(from), to: Date.parse(to), by: [] }),
      );
      return row ? [row.achieved, row.breached] : [0, 0];
    };
    expect(count('2026-11-23T22:30:00Z', '2026-11-23T23:00:00Z')).toEqual([1, 0]);
    expect(count('2026-11-23T22:30:01Z', '2026-11-23T23:00:01Z')).toEqual([0, 1]);
    expect(count('2026-11-23T23:00:00Z', '2026-11-24T06:00:00Z')).toEqual([0, 1]);
    expect(count('2026-11-24T06:00:00Z', '2026-11-24T12:10:00Z')).toEqual([0, 1]);
    expect(count('2026-11-24T06:00:01Z', '2026-11-24T12:10:01Z')).toEqual([1, 0]);
    expect(count('2026-11-23T22:30:00Z', '2026-11-23T22:30:00Z')).toEqual([0, 0]);
  });

  it('sorts by the groups in `by` order, metric where `by` puts it, and never doubles metric', () => {
    const teamFirst = complianceReport(tickets, { ...window, by: ['team', 'metric'] });
    expect(teamFirst.map((r) => [r.group.team, r.metric])).toEqual([
      ['billing', 'first_response'],
      ['billing', 'resolution'],
      [null, 'first_response'],
      [null, 'resolution'],
    ]);
    expect(Object.keys(teamFirst[0]?.group ?? {})).toEqual(['team']);
    const metricFirst = complianceReport(tickets, { ...window, by: ['metric', 'team'] });
    expect(metricFirst.map((r) => [r.metric, r.group.team])).toEqual([
      ['first_response', 'billing'],
      ['first_response', null],
      ['resolution', 'billing'],
      ['resolution', null],
    ]);
  });

  it('rejects options it cannot honour', () => {
    expect(() =>
      complianceReport(tickets, { ...window, by: [], timezone: 'Mars/Olympus' }),
    ).toThrow(/not an IANA time zone/);
    expect(() => complianceReport(tickets, { ...window, by: ['queue' as never] })).toThrow(
      /cannot group by queue/,
    );
    expect(() => complianceReport(tickets, { from: window.to, to: window.from, by: [] })).toThrow(
      RangeError,
    );
  });
});
