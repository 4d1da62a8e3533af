import { describe, expect, it } from 'vitest';
import { cli, scratch } from './harness.js';

// One policy on the always-open calendar, so every figure below is plain clock arithmetic.
const file = scratch();
const config = file(
  'config.json',
  JSON.stringify({
    policies: [{ id: 'all', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
  }),
);
const created = (id: string, ticket: string, at: string, team: string) =>
  JSON.stringify({ id, ticket, type: 'ticket.created', at, fields: { status: 'new', team } });
const reply = (id: string, ticket: string, at: string) =>
  JSON.stringify({ id, ticket, type: 'message', at, author: 'agent', public: true });
// Outcomes, worked out by hand (first_response, target 1h):
//   A billing  achieved 20m (1200 s)  at 11-02 10:20Z
//   B billing  breached 1h30m (5400)  at 11-02 13:00Z (due instant); replied 13:30Z
//   C support  achieved 40m (2400)    at 11-03 00:10Z, which is 11-02 19:10 in New York
//   D support  achieved 30m (1800)    at 11-03 09:30Z
//   E billing  breached, still open: elapsed 2h (7200) at --at 11-03 12:00Z, counts at 11:00Z
//   F billing  running at --at (not counted); G created after --at (ignored)
const events = file(
  'events.ndjson',
  [
    created('a1', 'A', '2026-11-02T10:00:00Z', 'billing'),
    reply('a2', 'A', '2026-11-02T10:20:00Z'),
    created('b1', 'B', '2026-11-02T12:00:00Z', 'billing'),
    reply('b2', 'B', '2026-11-02T13:30:00Z'),
    created('c1', 'C', '2026-11-02T23:30:00Z', 'support'),
    reply('c2', 'C', '2026-11-03T00:10:00Z'),
    created('d1', 'D', '2026-11-03T09:00:00Z', 'support'),
    reply('d2', 'D', '2026-11-03T09:30:00Z'),
    created('e1', 'E', '2026-11-03T10:00:00Z', 'billing'),
    created('f1', 'F', '2026-11-03T11:30:00Z', 'billing'),
    created('g1', 'G', '2026-11-03T12:30:00Z', 'billing'),
    reply('g2', 'G', '2026-11-03T12:40:00Z'),
  ].join('\n'),
);
const base = ['report', '--config', config, '--events', events, '--at', '2026-11-03T12:00:00Z'];
const none = { count: 0, avg: null, min: null, max: null, p50: null, p90: null };
const one = (s: number) => ({ count: 1, avg: s, min: s, max: s, p50: s, p90: s });
const json = async (argv: string[]) => {
  const ran = await cli([...base, ...argv, '--format', 'json']);
  expect(ran).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(ran.stdout).rows;
};

describe('report', () => {
  it('json: a flat row per day, team and metric, days in UTC by default', async () => {
    expect(await json(['--from', '2026-11-02', '--to', '2026-11-03', '--by', 'day,team'])).toEqual([
      {
        day: '2026-11-02',
        team: 'billing',
        metric: 'first_response',
        achieved: 1,
        breached: 1,
        compliancePct: 50,
        achievedSeconds: one(1200),
        breachedSeconds: one(5400),
      },
      {
        day: '2026-11-03',
        team: 'billing',
        metric: 'first_response',
        achieved: 0,
        breached: 1,
        compliancePct: 0,
        achievedSeconds: none,
        breachedSeconds: one(7200),
      },
      {
        day: '2026-11-03',
        team: 'support',
        metric: 'first_response',
        achieved: 2,
        breached: 0,
        compliancePct: 100,
        achievedSeconds: { count: 2, avg: 2100, min: 1800, max: 2400, p50: 2100, p90: 2340 },
        breachedSeconds: none,
      },
    ]);
  });

  it('--tz reads the dates and the days in that zone', async () => {
    // New York is UTC-5 here: C's reply at 00:10Z is still 2 November.
    const rows = await json(['--from', '2026-11-02', '--to', '2026-11-03', '--by', 'day,team']);
    const ny = await json([
      ...['--from', '2026-11-02', '--to', '2026-11-03', '--by', 'day,team'],
      ...['--tz', 'America/New_York'],
    ]);
    expect(rows.map((r: { day: string; team: string }) => `${r.day} ${r.team}`)).toEqual([
      '2026-11-02 billing',
      '2026-11-03 billing',
      '2026-11-03 support',
    ]);
    expect(
      ny.map((r: { day: string; team: string; achieved: number; breached: number }) =>
        [r.day, r.team, r.achieved, r.breached].join(' '),
      ),
    ).toEqual([
      '2026-11-02 billing 1 1',
      '2026-11-02 support 1 0',
      '2026-11-03 billing 0 1',
      '2026-11-03 support 1 0',
    ]);
  });

  it('a DATE --to takes in the whole day; an instant --to is excluded', async () => {
    // A counts at 10:20Z (the start is included), B at 13:00Z (the end is not).
    const counts = async (from: string, to: string) =>
      (await json(['--from', from, '--to', to])).map(
        (r: { achieved: number; breached: number }) => `${r.achieved}/${r.breached}`,
      );
    expect(await counts('2026-11-02T10:20:00Z', '2026-11-02T13:00:00Z')).toEqual(['1/0']);
    expect(await counts('2026-11-02T10:20:00Z', '2026-11-02T13:00:01Z')).toEqual(['1/1']);
    expect(await counts('2026-11-02', '2026-11-02')).toEqual(['1/1']);
    expect(await counts('2026-11-03', '2026-11-03')).toEqual(['2/1']);
    // Evaluated at midnight instead of noon, G is achieved and F has breached.
    const at = await cli([
      ...['report', '--config', config, '--events', events, '--at', '2026-11-04T00:00:00Z'],
      ...['--from', '2026-11-03', '--to', '2026-11-03', '--format', 'json'],
    ]);
    expect(JSON.parse(at.stdout).rows[0]).toMatchObject({ achieved: 3, breached: 2 });
  });

  it('table: aligned, durations for people, the period and zone named', async () => {
    const ran = await cli([...base, '--from', '2026-11-02', '--to', '2026-11-03', '--by', 'team']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(
      [
        'Compliance from 2026-11-02 00:00 to 2026-11-04 00:00 (end excluded), UTC',
        'tickets as of 2026-11-03 12:00; a cycle counts when it was achieved or breached',
        '',
        'team     metric          achieved  breached  compliance  achieved avg  achieved p50  achieved p90  breached avg',
        '-------  --------------  --------  --------  ----------  ------------  ------------  ------------  ------------',
        'billing  first_response         1         2      33.33%  20m           20m           20m           1h45m',
        'support  first_response         2         0     100.00%  35m           35m           39m           -',
        '',
      ].join('\n'),
    );
  });

  it('csv: RFC 4180 with seconds, empty cells for figures that do not exist', async () => {
    const ran = await cli([
      ...base,
      ...['--from', '2026-11-02', '--to', '2026-11-03', '--by', 'team', '--format', 'csv'],
    ]);
    expect(ran.stdout).toBe(
      [
        'team,metric,achieved,breached,compliance_pct,achieved_avg_s,achieved_min_s,achieved_max_s,achieved_p50_s,achieved_p90_s,breached_avg_s,breached_min_s,breached_max_s,breached_p50_s,breached_p90_s',
        'billing,first_response,1,2,33.33,1200,1200,1200,1200,1200,6300,5400,7200,6300,7020',
        'support,first_response,2,0,100,2100,1800,2400,2100,2340,,,,,',
        '',
      ].join('\r\n'),
    );
  });

  it('an empty period says so; a period that ends first is refused', async () => {
    const empty = await cli([...base, '--from', '2026-10-01', '--to', '2026-10-31']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('no cycle was achieved or breached in this period');
    expect(
      (await cli([...base, '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'json']))
        .stdout,
    ).toBe('{\n  "rows": []\n}\n');
    const backwards = await cli([...base, '--from', '2026-11-03', '--to', '2026-11-02']);
    expect(backwards).toMatchObject({ code: 2, stdout: '' });
    expect(backwards.stderr).toContain('--to must be after --from');
  });
});
