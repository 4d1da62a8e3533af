import { describe, expect, it } from 'vitest';
import { cli, EXAMPLES } from './harness.js';

// The sample the README shows first on files (`breachless explain`). Every figure here was worked out by hand
// from the config: ny-office is Mon-Fri 09:00-17:00 America/New_York (UTC-5 in late
// November) and closed on Thanksgiving, Thursday 2026-11-26.
const files = [
  '--config',
  `${EXAMPLES}breachless.config.yaml`,
  '--events',
  `${EXAMPLES}events.ndjson`,
];
type Cycle = Record<string, unknown> & { metric: string; cycle: number };
type Doc = { at: string; tickets: { ticket: string; policy: string; cycles: Cycle[] }[] };

async function explain(at = '2026-11-25T18:00:00Z'): Promise<Doc> {
  const ran = await cli(['explain', ...files, '--at', at, '--json']);
  expect(ran).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(ran.stdout);
}
const cycle = (doc: Doc, ticket: string, metric: string, n = 1) =>
  doc.tickets
    .find((t) => t.ticket === ticket)
    ?.cycles.find((c) => c.metric === metric && c.cycle === n);

const doc = await explain();

describe('the examples', () => {
  it('hold a dozen tickets and pick each policy', async () => {
    expect(doc.tickets.map((t) => `${t.ticket}:${t.policy}`)).toEqual([
      'SUP-101:standard',
      'SUP-102:standard',
      'SUP-103:urgent',
      'SUP-104:vip',
      'SUP-105:standard',
      'SUP-106:standard',
      'SUP-107:standard',
      'SUP-108:standard',
      'SUP-109:vip',
      'SUP-110:urgent',
      'SUP-111:standard',
      'SUP-112:standard',
    ]);
  });

  it('explain --json: breaches, retargets, pauses and a reopen come out as worked by hand', async () => {
    // Priority to urgent 20 minutes in: 30m on the 24x7 calendar, due 02:30Z, replied 02:40Z.
    // The 10m-left level is reached at the change itself, 75% (22m30s) just after.
    expect(cycle(doc, 'SUP-103', 'first_response')).toMatchObject({
      status: 'breached',
      targetSeconds: 1800,
      elapsedSeconds: 2400,
      breachedAt: '2026-11-24T02:30:00Z',
      warningsFired: ['10m', '75%'],
    });
    // Reopened with `continue`: 2h05m before the solve, 4h since the reopen; the 33h55m
    // left run Wed afternoon, skip Thanksgiving, and end Wed 2 Dec 14:55 New York.
    expect(cycle(doc, 'SUP-105', 'resolution')).toMatchObject({
      status: 'running',
      elapsedSeconds: 21900,
      dueAt: '2026-12-02T19:55:00Z',
    });
    // Normal (4h) to high (2h) an hour in; replied at 1h50m, after both warnings at 1h30m.
    expect(cycle(doc, 'SUP-111', 'first_response')).toMatchObject({
      status: 'achieved',
      targetSeconds: 7200,
      elapsedSeconds: 6600,
      warningsFired: ['75%', '30m'],
    });
    // Created 08:30 New York, before opening: the clock started at 09:00; pending since 09:31.
    expect(cycle(doc, 'SUP-112', 'resolution')).toMatchObject({
      status: 'paused',
      elapsedSeconds: 1860,
      dueAt: null,
    });
    // Replied exactly when 50% (15m of 30m) was reached: a level fires only after its instant.
    expect(cycle(doc, 'SUP-109', 'first_response')).toMatchObject({
      status: 'achieved',
      elapsedSeconds: 900,
      warningsFired: [],
    });
    // An internal note at 03:05Z is not a response; the public reply at 03:12Z is.
    expect(cycle(doc, 'SUP-110', 'first_response')).toMatchObject({ elapsedSeconds: 720 });
    // Opened by an agent: no first response to wait for.
    expect(cycle(doc, 'SUP-107', 'first_response')).toBeUndefined();
    expect(cycle(doc, 'SUP-108', 'resolution')).toMatchObject({ status: 'cancelled' });
  });

  it('--at decides which events count', async () => {
    // The customer answers SUP-112 at 19:00Z: after 18:00Z it is not there, by 20:00Z it is.
    expect(cycle(doc, 'SUP-112', 'next_response')).toBeUndefined();
    const later = await explain('2026-11-25T20:00:00Z');
    expect(cycle(later, 'SUP-112', 'resolution')).toMatchObject({
      status: 'running',
      elapsedSeconds: 5460,
      dueAt: '2026-12-03T18:29:00Z',
    });
    expect(cycle(later, 'SUP-112', 'next_response')).toMatchObject({
      status: 'running',
      dueAt: '2026-11-27T15:00:00Z',
    });
  });

  it('explain for people: local times with the zone named, the cycles, the timeline and its cause', async () => {
    const ran = await cli([
      ...['explain', ...files, '--at', '2026-11-25T18:00:00Z'],
      ...['--tz', 'America/New_York', '--ticket', 'SUP-111'],
    ]);
    expect(ran.code).toBe(0);
    const out = ran.stdout;
    expect(out).toContain(
      'SLA state at 2026-11-25 13:00 America/New_York (2026-11-25T18:00:00Z), 1 ticket; times in America/New_York',
    );
    expect(out).toContain('SUP-111  "Wrong VAT on invoice"  policy standard  solved');
    expect(out).toMatch(
      /first_response {2}1 {2}achieved {2}2026-11-23 10:00 {2}stopped 2026-11-23 11:50 {2}1h50m \/ 2h +- +75%, 30m/,
    );
    expect(out).toContain(
      '2026-11-23 11:00  retargeted  policy standard, target 2h in calendar ny-office  -> due 2026-11-23 12:00  [e102: priority high]',
    );
    expect(out).toContain('2026-11-24 16:30  stopped     status solved');
    // The default zone is UTC, named as such.
    const utc = await cli([
      'explain',
      ...files,
      '--at',
      '2026-11-25T18:00:00Z',
      '--ticket',
      'SUP-112',
    ]);
    expect(utc.stdout).toContain('times in UTC');
    expect(utc.stdout).toMatch(/resolution +1 +paused +2026-11-25 13:30 +paused, 1d15h29m left/);
  });

  it('report by team in New York over the three days', async () => {
    const ran = await cli([
      ...['report', ...files, '--at', '2026-11-25T18:00:00Z', '--from', '2026-11-23'],
      ...['--to', '2026-11-25', '--by', 'team', '--tz', 'America/New_York', '--format', 'json'],
    ]);
    const rows = JSON.parse(ran.stdout).rows as Record<string, unknown>[];
    const brief = rows.map(
      (r) => `${r.team} ${r.metric} ${r.achieved}/${r.breached} ${r.compliancePct}`,
    );
    expect(brief).toEqual([
      'accounts first_response 3/0 100',
      'accounts next_response 0/1 0',
      'accounts periodic_update 1/1 50',
      'accounts resolution 1/1 50',
      'billing first_response 2/2 50',
      'billing next_response 1/0 100',
      'billing resolution 2/0 100',
      'platform first_response 2/1 66.67',
      'platform next_response 1/0 100',
      'platform resolution 2/0 100',
    ]);
    // Billing's first responses: 1h55m and 1h50m achieved; 4h15m and 2h30m (still open) breached.
    expect(rows[4]).toMatchObject({
      achievedSeconds: { avg: 6750, min: 6600, max: 6900 },
      breachedSeconds: { avg: 12150, min: 9000, max: 15300 },
    });
    const table = (
      await cli([
        ...['report', ...files, '--at', '2026-11-25T18:00:00Z', '--from', '2026-11-23'],
        ...['--to', '2026-11-25', '--by', 'team', '--tz', 'America/New_York'],
      ])
    ).stdout;
    expect(table).toContain(
      'Compliance from 2026-11-23 00:00 to 2026-11-26 00:00 (end excluded), America/New_York',
    );
    expect(table).toMatch(/billing +first_response +2 +2 +50\.00% +1h52m30s/);
  });

  it('calendar due and between in the office calendar, across Thanksgiving', async () => {
    const config = files.slice(0, 2);
    const due = await cli([
      ...['calendar', 'due', ...config, '--calendar', 'ny-office'],
      ...['--from', '2026-11-25T20:00:00Z', '--duration', '4h'],
    ]);
    expect(due.stdout).toBe('2026-11-27T16:00:00Z  (2026-11-27 11:00 America/New_York)\n');
    const between = await cli([
      ...['calendar', 'between', ...config, '--calendar', 'ny-office', '--json'],
      ...['--from', '2026-11-25T20:00:00Z', '--to', '2026-11-30T20:00:00Z'],
    ]);
    expect(JSON.parse(between.stdout)).toEqual({ seconds: 16 * 3600 });
  });
});
