import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { Engine } from '../engine/engine.js';
import { parseEvents } from '../events/parse.js';
import { reportCsv, reportRowJson } from './output.js';
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

function ticket(
  id: string,
  created: string,
  fields: Record<string, unknown>,
  replyAfterMinutes: number,
  extra: object[] = [],
) {
  const at = Date.parse(created);
  return [
    {
      id: `${id}-c`,
      ticket: id,
      type: 'ticket.created',
      at: created,
      fields: { status: 'new', ...fields },
    },
    {
      id: `${id}-r`,
      ticket: id,
      type: 'message',
      at: new Date(at + replyAfterMinutes * 60_000).toISOString(),
      author: 'agent',
      public: true,
    },
    ...extra,
  ];
}

const events = parseEvents([
  // Replied at 22:30Z and 23:30Z (the second breached at 23:00Z): New York's Nov 23 evening.
  ...ticket('A', '2026-11-23T22:00:00Z', { team: 'billing', assignee: 'ana' }, 30),
  ...ticket('B', '2026-11-23T22:00:00Z', { team: 'billing', assignee: 'bo' }, 90),
  // Breached at 06:00Z on Nov 24, then reassigned: the breach stays with ana.
  ...ticket('C', '2026-11-24T05:00:00Z', { team: 'billing', assignee: 'ana' }, 180, [
    {
      id: 'C-u',
      ticket: 'C',
      type: 'ticket.updated',
      at: '2026-11-24T07:00:00Z',
      fields: { assignee: 'cy' },
    },
  ]),
  // No team; replied in 10 minutes.
  ...ticket('D', '2026-11-24T12:00:00Z', {}, 10),
]);
const now = Date.parse('2026-11-26T00:00:00Z');
const tickets = engine.evaluate(events, now);
const window = { from: Date.parse('2026-11-23T00:00:00Z'), to: Date.parse('2026-11-25T00:00:00Z') };

describe('complianceReport', () => {
  it('counts each cycle once at its outcome, with statistics of elapsed time', () => {
    const rows = complianceReport(tickets, { ...window, by: [] });
    const first = rows.find((r) => r.metric === 'first_response');
    expect(first).toMatchObject({ achieved: 2, breached: 2, compliancePct: 50 });
    expect(first?.achievedSeconds).toMatchObject({ count: 2, min: 600, max: 1800, avg: 1200 });
    // B breached at 23:00Z (elapsed 90m), C at 06:00Z (elapsed 180m).
    expect(first?.breachedSeconds).toMatchObject({
      count: 2,
      min: 5400,
      max: 10800,
      p50: 8100,
      p90: 10260,
    });
    // Resolution never stopped: every cycle breached 10h after creation, inside the window.
    expect(rows.find((r) => r.metric === 'resolution')).toMatchObject({
      achieved: 0,
      breached: 4,
      compliancePct: 0,
    });
  });

  it('groups days in the chosen zone, so a UTC evening lands on the local day', () => {
    const utc = complianceReport(tickets, { ...window, by: ['day'] }).filter(
      (r) => r.metric === 'first_response',
    );
    const tokyo = complianceReport(tickets, {
      ...window,
      by: ['day'],
      timezone: 'Asia/Tokyo',
    }).filter((r) => r.metric === 'first_response');
    expect(utc.map((r) => [r.group.day, r.achieved, r.breached])).toEqual([
      ['2026-11-23', 1, 1],
      ['2026-11-24', 1, 1],
    ]);
    // In Tokyo (+09:00) A's reply at 22:30Z and B's breach at 23:00Z fall on the 24th.
    expect(tokyo.map((r) => [r.group.day, r.achieved, r.breached])).toEqual([['2026-11-24', 2, 2]]);
    const weeks = complianceReport(tickets, { ...window, by: ['week'] }).map((r) => r.group.week);
    expect(new Set(weeks)).toEqual(new Set(['2026-11-23']));
  });

  it('reports the agent at the outcome, and puts a missing team last as null', () => {
    const byAgent = complianceReport(tickets, { ...window, by: ['agent'] }).filter(
      (r) => r.metric === 'first_response',
    );
    expect(byAgent.map((r) => [r.group.agent, r.achieved, r.breached])).toEqual([
      ['ana', 1, 1],
      ['bo', 0, 1],
      [null, 1, 0],
    ]);
    const byTeam = complianceReport(tickets, { ...window, by: ['team'] }).filter(
      (r) => r.metric === 'first_response',
    );
    expect(byTeam.map((r) => r.group.team)).toEqual(['billing', null]);
  });

  it('takes outcomes from the start of the window, not at its end', () => {
    const from = Date.parse('2026-11-23T22:30:00Z');
    const rows = complianceReport(tickets, {
      from,
      to: Date.parse('2026-11-23T23:00:00Z'),
      by: [],
    });
    expect(rows.find((r) => r.metric === 'first_response')).toMatchObject({
      achieved: 1,
      breached: 0,
    });
  });

  it('prints the formats.md JSON row and a quoted CSV', () => {
    const rows = complianceReport(tickets, { ...window, by: ['team'] }).filter(
      (r) => r.metric === 'first_response',
    );
    expect(Object.keys(reportRowJson(rows[0] as (typeof rows)[0])).slice(0, 4)).toEqual([
      'team',
      'metric',
      'achieved',
      'breached',
    ]);
    const quoted = complianceReport(
      engine.evaluate(
        parseEvents(ticket('Q', '2026-11-23T10:00:00Z', { team: 'sales, "east"' }, 5)),
        now,
      ),
      { ...window, by: ['team'] },
    );
    const csv = reportCsv(quoted, ['team']).split('\r\n');
    expect(csv[0]).toBe(
      'team,metric,achieved,breached,compliance_pct,achieved_avg_s,achieved_min_s,achieved_max_s,achieved_p50_s,achieved_p90_s,breached_avg_s,breached_min_s,breached_max_s,breached_p50_s,breached_p90_s',
    );
    expect(csv[1]).toBe('"sales, ""east""",first_response,1,0,100,300,300,300,300,300,,,,,');
  });
});
