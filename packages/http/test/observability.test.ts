import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
// In the path, the query and the body of the requests below: raw values, never labels or logs.
const SECRET = 'OBS-SECRET-41d2';
const event = (id: string) => ({
  id,
  ticket: 'O-1',
  type: 'ticket.created',
  at: '2026-11-23T09:00:00Z',
  by: 'customer',
  fields: { status: 'new', subject: SECRET },
});

describeEachDriver('request metrics and access log (issue 15, observability)', (handle) => {
  const h = harness(handle, NOW);

  it('counts requests, latency and 5xx by route pattern, and logs one line per request', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (text: string) => void lines.push(JSON.parse(text)) },
    );
    const registry = new Registry();
    const app = h.app({ logger, registry });
    const token = await h.token('obs');
    const send = (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    expect((await send(`/v1/tickets/${SECRET}/sla`)).status).toBe(404);
    expect((await send(`/v1/tickets/${SECRET}-2/sla`)).status).toBe(404);
    expect((await send(`/v1/at-risk?team=${SECRET}`)).status).toBe(200);
    expect((await app.request('/v1/at-risk')).status).toBe(401);
    expect((await send(`/nowhere/${SECRET}`)).status).toBe(404);
    const body = JSON.stringify([event('o1')]);
    expect((await send('/v1/events', { method: 'POST', body })).status).toBe(202);
    // A real database failure: the events table refuses the next event.
    await handle().db.execute(
      sql.raw(`alter table ticket_events add constraint obs_fail check (id <> 'o-fail') not valid`),
    );
    try {
      const failed = await send('/v1/events', {
        method: 'POST',
        body: JSON.stringify([event('o-fail')]),
      });
      expect(failed.status).toBe(500);
    } finally {
      await handle().db.execute(sql`alter table ticket_events drop constraint obs_fail`);
    }

    const metrics = await (await app.request('/metrics')).text();
    const sample = (line: string) => expect(metrics).toContain(line);
    sample(
      'breachless_http_requests_total{method="GET",route="/v1/tickets/:id/sla",status="404"} 2',
    );
    sample('breachless_http_requests_total{method="GET",route="/v1/at-risk",status="200"} 1');
    sample('breachless_http_requests_total{method="GET",route="/v1/at-risk",status="401"} 1');
    sample('breachless_http_requests_total{method="GET",route="(unmatched)",status="404"} 1');
    sample('breachless_http_requests_total{method="POST",route="/v1/events",status="202"} 1');
    sample('breachless_http_requests_total{method="POST",route="/v1/events",status="500"} 1');
    sample('breachless_http_server_errors_total{method="POST",route="/v1/events"} 1');
    sample(
      'breachless_http_request_duration_seconds_count{method="GET",route="/v1/tickets/:id/sla"} 2',
    );
    expect(metrics).not.toContain(SECRET);
    expect(metrics).not.toContain('server_errors_total{method="GET"');

    const access = lines.filter((l) => l.msg === 'request');
    expect(access.map((l) => [l.method, l.route, l.status, l.tenant])).toEqual([
      ['GET', '/v1/tickets/:id/sla', 404, 'obs'],
      ['GET', '/v1/tickets/:id/sla', 404, 'obs'],
      ['GET', '/v1/at-risk', 200, 'obs'],
      ['GET', '/v1/at-risk', 401, undefined],
      ['GET', '(unmatched)', 404, undefined],
      ['POST', '/v1/events', 202, 'obs'],
      ['POST', '/v1/events', 500, 'obs'],
      ['GET', '/metrics', 200, undefined],
    ]);
    for (const l of access) expect(typeof l.ms).toBe('number');
    expect(lines.find((l) => l.msg === 'request failed')).toMatchObject({
      route: '/v1/events',
      err: { code: '23514' },
    });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('shares the metrics of two apps on one registry instead of failing to register twice', async () => {
    const registry = new Registry();
    const first = h.app({ registry });
    const second = h.app({ registry });
    await first.request('/healthz');
    await second.request('/healthz');
    expect(await registry.metrics()).toContain(
      'breachless_http_requests_total{method="GET",route="/healthz",status="200"} 2',
    );
  });
});
