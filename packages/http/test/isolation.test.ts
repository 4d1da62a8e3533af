import { addWebhookSecret } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 23, h, m)).toISOString();
const EVENTS = [
  {
    id: 'a1',
    ticket: 'A-1',
    type: 'ticket.created',
    at: at(9),
    by: 'customer',
    fields: { status: 'new', team: 'alpha-team', subject: 'secret plans' },
  },
  {
    id: 'a2',
    ticket: 'A-2',
    type: 'ticket.created',
    at: at(11, 30),
    by: 'customer',
    fields: { status: 'new', team: 'alpha-team' },
  },
];
const CALLS = [{ id: 'c1', queue: 'alpha-q', offeredAt: at(9), answeredAt: at(9, 1) }];
const REPORT = '/v1/reports/compliance?from=2026-11-23&to=2026-11-23&by=team&format=json';
const QUEUES = '/v1/reports/queues?from=2026-11-23&to=2026-11-23';

describeEachDriver('tenant isolation', (handle) => {
  const h = harness(handle, NOW);

  it("answers every tenant route from the caller's tenant only", async () => {
    const config = await h.request('alpha', '/v1/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
      }),
    });
    expect(config.status).toBe(200);
    await h.postEvents('alpha', EVENTS);
    const calls = await h.request('alpha', '/v1/interactions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CALLS),
    });
    expect(calls.status).toBe(202);
    // Alpha sees its own: the controls that make the refusals below mean something.
    expect((await h.getJson('alpha', '/v1/tickets/A-1/sla')).status).toBe(200);
    expect(JSON.stringify((await h.getJson('alpha', REPORT)).body)).toContain('alpha-team');
    expect(JSON.stringify((await h.getJson('alpha', QUEUES)).body)).toContain('alpha-q');
    expect(JSON.stringify((await h.getJson('alpha', '/v1/at-risk?within=24h')).body)).toContain(
      'A-2',
    );
    // A-1's first response (1h from 09:00) breached before noon: notified at ingest.
    expect(JSON.stringify((await h.getJson('alpha', '/v1/notifications')).body)).toContain('A-1');
    expect(JSON.stringify((await h.getJson('alpha', '/v1/config')).body)).toContain('"p"');

    expect((await h.getJson('beta', '/v1/tickets/A-1/sla')).status).toBe(404);
    expect((await h.getJson('beta', REPORT)).body).toEqual({ rows: [] });
    expect((await h.getJson('beta', QUEUES)).body).toEqual({ rows: [] });
    expect(JSON.stringify((await h.getJson('beta', '/v1/at-risk?within=24h')).body)).not.toContain(
      'A-2',
    );
    expect((await h.getJson('beta', '/v1/notifications')).body).toEqual({ notifications: [] });
    expect(JSON.stringify((await h.getJson('beta', '/v1/config')).body)).not.toContain('"p"');
    // Writing into another tenant by naming it in an event is refused, whole.
    const foreign = await h.request('beta', '/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { ...EVENTS[0], id: 'b1', ticket: 'A-1', tenant: 'alpha', type: 'ticket.deleted' },
      ]),
    });
    expect(foreign.status).toBe(403);
    expect((await h.getJson('alpha', '/v1/tickets/A-1/sla')).status).toBe(200);
  });

  it('keeps tenants apart when ids and filters are prototype names', async () => {
    const config = await h.request('proto-a', '/v1/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
      }),
    });
    expect(config.status).toBe(200);
    const ids = ['constructor', '__proto__', 'toString'];
    await h.postEvents(
      'proto-a',
      ids.map((id, i) => ({
        ...EVENTS[1],
        id: `p${i}`,
        ticket: id,
        fields: { status: 'new', team: id, priority: id },
      })),
    );
    for (const id of ids) {
      // The owner sees each (the control), the other tenant none, by any route.
      expect((await h.getJson('proto-a', `/v1/tickets/${id}/sla`)).status).toBe(200);
      expect((await h.getJson('proto-b', `/v1/tickets/${id}/sla`)).status).toBe(404);
      const mine = await h.getJson('proto-a', `/v1/at-risk?within=24h&team=${id}&priority=${id}`);
      expect(JSON.stringify(mine.body)).toContain(`"ticket":"${id}"`);
      const theirs = await h.getJson('proto-b', `/v1/at-risk?within=24h&team=${id}&priority=${id}`);
      expect((theirs.body as { cycles: unknown[] }).cycles).toEqual([]);
      const log = await h.getJson('proto-b', `/v1/notifications?ticket=${id}`);
      expect(log.body).toEqual({ notifications: [] });
    }
  });

  it('never writes a bearer token or a webhook secret to the log, even for refused requests', async () => {
    let log = '';
    const logger = pino(
      { level: 'trace' },
      {
        write: (line: string) => {
          log += line;
        },
      },
    );
    const token = await h.token('gamma');
    // bl_<id>_<secret>; the secret is base64url, which may hold underscores itself.
    const tokenSecret = /^bl_[0-9a-f]{12}_(.+)$/.exec(token)?.[1] ?? '';
    const webhookSecret = await addWebhookSecret(handle().db, 'gamma', 'github');
    const app = h.app({ logger });
    const get = (auth: string) => app.request('/v1/at-risk', { headers: { authorization: auth } });
    expect((await get(`Bearer ${token}`)).status).toBe(200);
    expect(
      (await get(`Bearer ${token.replace(tokenSecret, 'x'.repeat(tokenSecret.length))}`)).status,
    ).toBe(401);
    expect((await get(`Basic ${Buffer.from(`u:${tokenSecret}`).toString('base64')}`)).status).toBe(
      401,
    );
    const forged = await app.request('/v1/webhooks/github?tenant=gamma', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
        'x-github-event': 'issues',
      },
      body: JSON.stringify({ secret: webhookSecret }),
    });
    expect(forged.status).toBe(401);
    expect(log).toContain('webhook refused');
    expect(tokenSecret).toHaveLength(43);
    expect(log).not.toContain(tokenSecret);
    expect(log).not.toContain(webhookSecret);
  });
});
