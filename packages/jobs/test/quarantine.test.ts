import { Writable } from 'node:stream';
import { parseEvents } from '@breachless/core';
import { type Database, EngineCache, ingestEvents, saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { workerMetrics } from '../src/metrics.js';
import { Worker } from '../src/worker.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const MIN = 60_000;
const MARKER = 'TEAM-NAME-MARKER-0d9e';
const CONFIG = {
  policies: [
    { id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } }, warnings: ['50%'] },
  ],
};

async function open(db: Database, tenant: string, ticket: string) {
  const events = parseEvents([
    {
      ...{ id: `${ticket}-c`, ticket, type: 'ticket.created', at: new Date(T0).toISOString() },
      fields: { status: 'new', team: MARKER },
    },
  ]);
  await ingestEvents(db, tenant, events, await new EngineCache().engineFor(db, tenant), T0);
}

/**
 * A creation in 1950 stored by an earlier version: on 24x7 its clock has run beyond
 * `elapsed_seconds`' int4, so writing its cycle fails, with the ticket's team among the
 * failed query's parameters.
 */
async function poison(db: Database, tenant: string, ticket: string) {
  const at = '1950-01-02T15:00:00.000Z';
  const body = { id: `${ticket}-1950`, ticket, type: 'ticket.created', at };
  await db.execute(sql`
    insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
    values (${tenant}, ${body.id}, ${ticket}, 'ticket.created', ${at}::timestamptz,
      ${JSON.stringify({ ...body, fields: { status: 'new', team: MARKER } })}::jsonb)`);
}

describeEachDriver('worker quarantine', (handle) => {
  it('logs and counts a quarantined ticket without its data, and keeps alerting the others', async () => {
    const { db } = handle();
    for (const tenant of ['acme', 'globex']) await saveConfig(db, tenant, CONFIG, 'test');
    await open(db, 'acme', 'BAD');
    await open(db, 'acme', 'OK');
    await open(db, 'globex', 'G');
    await poison(db, 'acme', 'BAD');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const metrics = workerMetrics();
    let now = T0 + 31 * MIN;
    const worker = new Worker({ db, clock: () => now, logger: pino(sink), metrics });

    const first = await worker.tick();
    expect(first).toMatchObject({ claimed: 3, created: 2 });
    expect(first?.quarantined.map((q) => `${q.tenant}/${q.ticket}/${q.code}`)).toEqual([
      'acme/BAD/22003',
    ]);
    now = T0 + 61 * MIN;
    expect(await worker.tick()).toMatchObject({ claimed: 2, created: 2, quarantined: [] });

    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const warned = logged.filter((l) => l.msg === 'tickets quarantined');
    expect(warned).toEqual([
      expect.objectContaining({
        tenant: 'acme',
        tickets: ['BAD'],
        count: 1,
        error: { code: '22003', message: expect.stringMatching(/out of range/) },
      }),
    ]);
    expect(lines.join('')).not.toContain(MARKER);
    const text = await metrics.registry.metrics();
    expect(text).toContain('breachless_quarantined_tickets{tenant="acme"} 1');
    expect(text).not.toContain('breachless_quarantined_tickets{tenant="globex"}');
    expect(text).toContain('breachless_worker_quarantined_total 1');
  });
});
