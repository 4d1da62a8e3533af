import { Engine, explainJson, parseConfig, parseEvents } from '@breachless/core';
import { createToken, EngineCache, saveConfig, schema, TicketCache } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.js';

const CONFIG = {
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
      warnings: ['50%'],
    },
  ],
};
const T0 = Date.parse('2026-11-23T09:00:00Z');
const event = (id: string, ticket: string, minutes: number, extra: object) => ({
  id,
  ticket,
  at: new Date(T0 + minutes * 60_000).toISOString(),
  ...extra,
});
const created = (id: string, ticket: string) =>
  event(id, ticket, 0, { type: 'ticket.created', fields: { status: 'new', subject: ticket } });

describeEachDriver('HTTP API', (handle) => {
  let now = T0 + 90 * 60_000;
  // One cache across requests, as one API process keeps it: ingests go through its warm path.
  const tickets = new TicketCache();
  const app = () =>
    createApp({
      db: handle().db,
      engines: new EngineCache(),
      tickets,
      clock: () => now,
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      maxBodyBytes: 100_000,
    });
  const tokens: Record<string, string> = {};
  const post = (tenant: string, body: string, type = 'application/json') =>
    app().request('/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[tenant]}`, 'content-type': type },
      body,
    });
  const get = (tenant: string, path: string) =>
    app().request(path, { headers: { authorization: `Bearer ${tokens[tenant]}` } });

  it('accepts a batch (202), counts duplicates, and shows the explain view of a ticket', async () => {
    tokens.acme = await createToken(handle().db, 'acme');
    tokens.globex = await createToken(handle().db, 'globex');
    await saveConfig(handle().db, 'acme', CONFIG, 'test');
    const batch = [
      created('e1', 'T-1'),
      event('e2', 'T-1', 20, { type: 'message', author: 'agent', public: true }),
    ];
    const first = await post('acme', JSON.stringify(batch));
    expect([first.status, await first.json()]).toEqual([
      202,
      { accepted: 2, duplicates: 0, quarantined: [] },
    ]);
    const again = await post(
      'acme',
      batch.map((e) => JSON.stringify(e)).join('\n'),
      'application/x-ndjson',
    );
    expect([again.status, await again.json()]).toEqual([
      202,
      { accepted: 0, duplicates: 2, quarantined: [] },
    ]);
    const view = await get('acme', '/v1/tickets/T-1/sla');
    expect(view.status).toBe(200);
    const expected = explainJson(
      [
        new Engine(parseConfig(CONFIG)).evaluateSorted('T-1', parseEvents(batch), now, {
          trace: true,
        }),
      ],
      now,
      true,
    ).tickets[0];
    expect(await view.json()).toEqual({
      ...JSON.parse(JSON.stringify(expected)),
      cycleCount: expected?.cycles.length,
      cyclesOmitted: 0,
    });
  });

  it('rejects a batch with one bad event whole, listing it by index and field, storing nothing', async () => {
    const res = await post(
      'acme',
      JSON.stringify([
        created('b1', 'B-1'),
        { ...created('b2', 'B-2'), at: '2026-11-23T10:00:00' },
      ]),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: unknown };
    expect(body.problems).toEqual([
      {
        path: '[1]: at',
        message: '"2026-11-23T10:00:00" is not an ISO-8601 instant with an offset or Z',
      },
    ]);
    const stored = await handle()
      .db.select()
      .from(schema.ticketEvents)
      .where(eq(schema.ticketEvents.id, 'b1'));
    expect(stored).toEqual([]);
  });

  it('answers 401, 403, 404, 413 and 415 where they belong', async () => {
    expect((await app().request('/v1/tickets/T-1/sla')).status).toBe(401);
    expect(
      (
        await app().request('/v1/tickets/T-1/sla', {
          headers: { authorization: 'Bearer bl_000000000000_xxx' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await post('acme', JSON.stringify([{ ...created('f1', 'F-1'), tenant: 'globex' }]))).status,
    ).toBe(403);
    expect((await get('acme', '/v1/tickets/NOPE/sla')).status).toBe(404);
    expect(
      (
        await post(
          'acme',
          JSON.stringify(Array.from({ length: 1001 }, (_, i) => created(`m${i}`, 'M'))),
        )
      ).status,
    ).toBe(413);
    expect((await post('acme', 'x'.repeat(100_001))).status).toBe(413);
    expect((await post('acme', '[]', 'text/plain')).status).toBe(415);
  });

  it("keeps tenants apart: a token never reaches another tenant's tickets or notifications", async () => {
    expect((await get('globex', '/v1/tickets/T-1/sla')).status).toBe(404);
    // Arriving 40 minutes after its creation, the ticket has passed 50%: notified at ingest.
    now = T0 + 40 * 60_000;
    await post('acme', JSON.stringify([created('n1', 'N-1')]));
    const mine = (await (await get('acme', '/v1/notifications?ticket=N-1')).json()) as {
      notifications: { level: string; late: boolean; deliveries: { state: string }[] }[];
    };
    expect(mine.notifications.map((n) => [n.level, n.late, n.deliveries[0]?.state])).toEqual([
      ['50%', true, 'unrouted'],
    ]);
    expect(await (await get('globex', '/v1/notifications')).json()).toEqual({ notifications: [] });
    expect((await get('acme', '/v1/notifications?since=yesterday')).status).toBe(400);
  });

  it('is live, ready when the database answers, and exposes metrics', async () => {
    expect(await (await app().request('/healthz')).json()).toEqual({ ok: true });
    expect(await (await app().request('/readyz')).json()).toEqual({ ok: true });
    expect((await app().request('/metrics')).status).toBe(200);
  });
});
