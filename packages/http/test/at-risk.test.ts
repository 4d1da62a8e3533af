import { saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

// 24x7 keeps due instants plain: first response due 1h after creation, resolution 8h.
const CONFIG = {
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
    },
  ],
};
const T0 = Date.parse('2026-11-23T09:00:00Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000', '');
const created = (ticket: string, seconds: number, fields: object) => ({
  id: `${ticket}-c`,
  ticket,
  type: 'ticket.created',
  at: iso(seconds),
  fields: { status: 'new', ...fields },
});
// Ingested at T0+5m and listed at T0+31m, without a recompute in between: OVERDUE's first
// response (due T0+30m) is then stored as running, though past due.
const INGESTED = T0 + 5 * 60_000;
const NOW = T0 + 31 * 60_000;
const ACME = [
  created('OVERDUE', -30 * 60, { team: 'billing', priority: 'high' }),
  created('A-END', 60, { team: 'billing', priority: 'low', assignee: 'ana' }),
  created('OUTSIDE', 61, { team: 'billing', priority: 'low' }),
  created('M-EARLY', -10 * 60, { team: 'support', priority: 'low', channel: 'chat' }),
  created('Z-NOW', -29 * 60, { team: 'billing', priority: 'high' }),
  created('DONE', -10 * 60, { team: 'support' }),
  {
    id: 'DONE-r',
    ticket: 'DONE',
    type: 'message',
    at: iso(-5 * 60),
    author: 'agent',
    public: true,
  },
];
// Globex reuses a ticket id of acme's, with its own team.
const GLOBEX = [
  created('M-EARLY', -10 * 60, { team: 'globex-ops' }),
  created('G-ONLY', -20 * 60, {}),
];

type Listed = { at: string; cycles: Record<string, unknown>[] };
const tickets = (body: unknown) => (body as Listed).cycles.map((c) => c.ticket);

describeEachDriver('GET /v1/at-risk', (handle) => {
  const h = harness(handle, INGESTED);
  const list = async (tenant: string, query: string) => {
    const { status, body } = await h.getJson(tenant, `/v1/at-risk${query}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return body as Listed;
  };

  it('lists running cycles due from now to now + within, edges included, soonest first', async () => {
    for (const tenant of ['acme', 'globex']) await saveConfig(handle().db, tenant, CONFIG, 'test');
    await h.postEvents('acme', ACME);
    await h.postEvents('globex', GLOBEX);
    h.now = NOW;
    const body = await list('acme', '?within=30m');
    expect(body.at).toBe(iso(31 * 60));
    // Due T0+31m (exactly now), T0+50m, T0+61m (exactly now + 30m); OVERDUE and OUTSIDE are out.
    expect(tickets(body)).toEqual(['Z-NOW', 'M-EARLY', 'A-END']);
    expect(body.cycles.map((c) => c.secondsLeft)).toEqual([0, 19 * 60, 30 * 60]);
    expect(body.cycles[2]).toEqual({
      ticket: 'A-END',
      metric: 'first_response',
      cycle: 1,
      policy: 'p',
      calendar: '24x7',
      team: 'billing',
      agent: 'ana',
      priority: 'low',
      channel: null,
      startedAt: iso(60),
      targetSeconds: 3600,
      warningsFired: [],
      dueAt: iso(61 * 60),
      secondsLeft: 1800,
    });
    expect(body.cycles[1]?.channel).toBe('chat');
  });

  it('defaults to a 2h window and caps the list at `limit`', async () => {
    // OUTSIDE is due one second after now + 30m, well within 2h.
    expect(tickets(await list('acme', ''))).toEqual(['Z-NOW', 'M-EARLY', 'A-END', 'OUTSIDE']);
    expect(tickets(await list('acme', '?within=30m&limit=2'))).toEqual(['Z-NOW', 'M-EARLY']);
  });

  it('breaks ties on the due instant by ticket, and filters by metric, team and priority', async () => {
    // Resolutions are due 8h after creation: DONE and M-EARLY at the same instant.
    const resolutions = await list('acme', '?within=8h&metric=resolution');
    expect(tickets(resolutions)).toEqual([
      'OVERDUE',
      'Z-NOW',
      'DONE',
      'M-EARLY',
      'A-END',
      'OUTSIDE',
    ]);
    expect(new Set(resolutions.cycles.map((c) => c.metric))).toEqual(new Set(['resolution']));
    expect(tickets(await list('acme', '?within=30m&team=billing'))).toEqual(['Z-NOW', 'A-END']);
    expect(tickets(await list('acme', '?within=30m&priority=low'))).toEqual(['M-EARLY', 'A-END']);
    expect(tickets(await list('acme', '?within=30m&team=billing&priority=low'))).toEqual(['A-END']);
    expect(tickets(await list('acme', '?team=nobody'))).toEqual([]);
  });

  it("keeps tenants apart: a token never lists another tenant's cycles", async () => {
    const globex = await list('globex', '?within=30m');
    expect(globex.cycles.map((c) => [c.ticket, c.team])).toEqual([
      ['G-ONLY', null],
      ['M-EARLY', 'globex-ops'],
    ]);
    const acme = await list('acme', '?within=30m');
    expect(acme.cycles.map((c) => [c.ticket, c.team])).toEqual([
      ['Z-NOW', 'billing'],
      ['M-EARLY', 'support'],
      ['A-END', 'billing'],
    ]);
    expect(tickets(await list('initech', ''))).toEqual([]);
  });

  it('answers 400 listing every bad parameter, and 401 without a token', async () => {
    const { status, body } = await h.getJson(
      'acme',
      '/v1/at-risk?within=2x&limit=501&metric=nope&tem=billing',
    );
    expect(status).toBe(400);
    const problems = (body as { error: string; problems: { path: string }[] }).problems;
    expect((body as { error: string }).error).toBe('invalid query');
    expect(problems.map((p) => p.path)).toEqual(['tem', 'within', 'limit', 'metric']);
    expect(problems[1]).toEqual({
      path: 'within',
      message: '"2x" is not a duration (like 2h, 90m or 1h30m) of at most 365d',
    });
    // Past a year (and far past what a number holds) is a problem too, not a 500.
    for (const within of ['366d', '99999999999999999999h'])
      expect((await h.getJson('acme', `/v1/at-risk?within=${within}`)).status).toBe(400);
    expect((await h.getJson('acme', '/v1/at-risk?within=365d')).status).toBe(200);
    for (const limit of ['0', '1.5', 'ten', ''])
      expect((await h.getJson('acme', `/v1/at-risk?limit=${limit}`)).status).toBe(400);
    expect((await h.getJson('acme', '/v1/at-risk?team=a&team=b')).status).toBe(400);
    expect((await h.app().request('/v1/at-risk')).status).toBe(401);
  });
});
