import { ConfigError, parseConfigText } from '@breachless/core';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString().replace('.000', '');
const policy = (firstResponse: string) => ({
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': firstResponse }, resolution: { '*': '8h' } },
    },
  ],
});
const V2_YAML = `# tighter first response
policies:
  - id: p
    calendar: 24x7
    targets: { first_response: { "*": 30m }, resolution: { "*": 8h } }
`;
const INVALID_YAML = `calendars:
  - id: emea
    timezone: Mars/Olympus
policies:
  - id: p
    calendar: nowhere
    targets: { first_response: { "*": 4x } }
`;
const created = (ticket: string) => ({
  ...{ id: `${ticket}-c`, ticket, type: 'ticket.created', at: iso(0) },
  fields: { status: 'new' },
});
// DONE is answered and solved: no open cycle, so a config change does not recompute it.
const DONE = [
  created('DONE'),
  { id: 'DONE-r', ticket: 'DONE', type: 'message', at: iso(5), author: 'agent', public: true },
  {
    id: 'DONE-s',
    ticket: 'DONE',
    type: 'ticket.updated',
    at: iso(6),
    fields: { status: 'solved' },
  },
];

describeEachDriver('GET and PUT /v1/config', (handle) => {
  const h = harness(handle, T0 + 10 * 60_000);
  const put = (tenant: string, body: string, type: string) =>
    h.request(tenant, '/v1/config', { method: 'PUT', headers: { 'content-type': type }, body });
  const dueOfOpen = async (tenant: string) => {
    const { body } = await h.getJson(tenant, '/v1/at-risk?within=8h&metric=first_response');
    return (body as { cycles: { ticket: string; dueAt: string }[] }).cycles.map((c) => [
      c.ticket,
      c.dueAt,
    ]);
  };

  it('answers 404 before the first config, then stores one and shows who changed it', async () => {
    expect((await h.getJson('acme', '/v1/config')).status).toBe(404);
    const res = await put('acme', JSON.stringify(policy('1h')), 'application/json');
    expect([res.status, await res.json()]).toEqual([
      200,
      { version: 1, recomputed: 0, quarantined: [] },
    ]);
    const tokenId = (await h.token('acme')).split('_')[1];
    const { status, body } = await h.getJson('acme', '/v1/config');
    expect(status).toBe(200);
    expect(body).toEqual({
      version: 1,
      config: policy('1h'),
      changedBy: `token:${tokenId}`,
      changedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
    });
  });

  it('recomputes the tickets with open cycles at once, so at-risk shows the new targets', async () => {
    await h.postEvents('acme', [created('OPEN-1'), created('OPEN-2'), ...DONE]);
    expect(await dueOfOpen('acme')).toEqual([
      ['OPEN-1', iso(60)],
      ['OPEN-2', iso(60)],
    ]);
    await put('globex', JSON.stringify(policy('2h')), 'application/json');
    await h.postEvents('globex', [created('OPEN-1')]);
    const res = await put('acme', V2_YAML, 'application/yaml; charset=utf-8');
    // OPEN-1 and OPEN-2 of acme; neither DONE nor globex's OPEN-1.
    expect([res.status, await res.json()]).toEqual([
      200,
      { version: 2, recomputed: 2, quarantined: [] },
    ]);
    expect(await dueOfOpen('acme')).toEqual([
      ['OPEN-1', iso(30)],
      ['OPEN-2', iso(30)],
    ]);
    expect(await dueOfOpen('globex')).toEqual([['OPEN-1', iso(120)]]);
  });

  it('refuses an invalid config with every problem by path, keeping the stored one', async () => {
    const res = await put('acme', INVALID_YAML, 'text/yaml');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; problems: unknown[] };
    const problems = (() => {
      try {
        parseConfigText(INVALID_YAML);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
      }
      throw new Error('the invalid config parsed');
    })();
    expect(problems.length).toBeGreaterThan(1);
    expect(body).toEqual({ error: 'invalid config', problems });
    const syntax = await put('acme', 'policies: [', 'application/yaml');
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as { problems: { path: string }[] }).problems[0]?.path).toMatch(
      /^line \d+$/,
    );
    const json = await put('acme', '{"policies": [', 'application/json');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      '(body)',
    );
    expect((await put('acme', ' \n', 'application/yaml')).status).toBe(400);
    expect((await put('acme', V2_YAML, 'text/plain')).status).toBe(415);
    expect((await put('acme', 'x'.repeat(200_001), 'application/yaml')).status).toBe(413);
    const kept = await h.getJson('acme', '/v1/config');
    expect((kept.body as { version: number }).version).toBe(2);
    expect(await dueOfOpen('acme')).toEqual([
      ['OPEN-1', iso(30)],
      ['OPEN-2', iso(30)],
    ]);
  });

  it("keeps tenants apart: a token never reads or changes another tenant's config", async () => {
    const globex = await h.getJson('globex', '/v1/config');
    expect(globex.body).toMatchObject({ version: 1, config: policy('2h') });
    expect((await h.getJson('initech', '/v1/config')).status).toBe(404);
    await put('initech', JSON.stringify(policy('4h')), 'application/json');
    expect((await h.getJson('acme', '/v1/config')).body).toMatchObject({ version: 2 });
    expect((await h.getJson('globex', '/v1/config')).body).toMatchObject({ version: 1 });
  });
});
