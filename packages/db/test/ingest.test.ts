import { readFileSync } from 'node:fs';
import {
  Engine,
  explainJson,
  parseConfig,
  parseEventsNdjson,
  type TicketEvent,
} from '@breachless/core';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { cycles, tickets } from '../src/schema/index.js';
import { openDatabase } from '../src/storage/client.js';
import type { Database } from '../src/storage/database.js';
import { describeEachDriver } from '../src/testing.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);
const scenario = (name: string) => ({
  events: parseEventsNdjson(
    readFileSync(new URL(`scenarios/${name}/events.ndjson`, conformance), 'utf8'),
  ),
  expected: JSON.parse(
    readFileSync(new URL(`scenarios/${name}/expected.json`, conformance), 'utf8'),
  ),
});

async function storedCycles(db: Database, tenant: string, ticket: string) {
  return db
    .select()
    .from(cycles)
    .where(and(eq(cycles.tenantId, tenant), eq(cycles.ticketId, ticket)))
    .orderBy(cycles.metric, cycles.cycle);
}

describeEachDriver('ingest', (handle, url) => {
  it('stores late, duplicate and out-of-order events one at a time with the same result as the engine', async () => {
    const { events, expected } = scenario('09-late-duplicate-out-of-order');
    const now = Date.parse(expected.at);
    let accepted = 0;
    let duplicates = 0;
    for (const event of events) {
      const result = await ingestEvents(handle().db, 'acme', [event], engine, now);
      accepted += result.accepted;
      duplicates += result.duplicates;
    }
    expect({ accepted, duplicates }).toEqual({ accepted: 9, duplicates: 1 });
    const rows = await storedCycles(handle().db, 'acme', 'T-2');
    const want = expected.expect.tickets[0].cycles as {
      metric: string;
      cycle: number;
      status: string;
      elapsedSeconds: number;
      breachedAt: string | null;
    }[];
    expect(
      rows.map((r) => [
        r.metric,
        r.cycle,
        r.status,
        r.elapsedSeconds,
        r.breachedAt?.toISOString() ?? null,
      ]),
    ).toEqual(
      want
        .map((c) => [
          c.metric,
          c.cycle,
          c.status,
          c.elapsedSeconds,
          c.breachedAt ? new Date(c.breachedAt).toISOString() : null,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])),
    );
    const [ticket] = await handle()
      .db.select()
      .from(tickets)
      .where(and(eq(tickets.tenantId, 'acme'), eq(tickets.id, 'T-2')));
    expect(ticket?.policy).toBe('standard');
    expect(ticket?.state).toBe('solved');
  });

  it('running the same batch twice changes nothing and counts duplicates', async () => {
    const { events, expected } = scenario('02-breach-pause-next-response');
    const now = Date.parse(expected.at);
    const first = await ingestEvents(handle().db, 'beta', events, engine, now);
    const before = await storedCycles(handle().db, 'beta', 'T-2');
    const second = await ingestEvents(handle().db, 'beta', events, engine, now);
    expect(first).toEqual({ accepted: 8, duplicates: 0, tickets: 1, quarantined: [] });
    expect(second).toEqual({ accepted: 0, duplicates: 8, tickets: 0, quarantined: [] });
    expect(await storedCycles(handle().db, 'beta', 'T-2')).toEqual(before);
  });

  it('keeps tenants apart: the same event ids in another tenant are new there', async () => {
    const { events, expected } = scenario('01-first-response-achieved');
    const now = Date.parse(expected.at);
    await ingestEvents(handle().db, 'one', events, engine, now);
    const other = await ingestEvents(handle().db, 'two', events.slice(0, 1), engine, now);
    expect(other.accepted).toBe(1);
    expect((await storedCycles(handle().db, 'two', 'T-1')).map((c) => c.metric)).toEqual([
      'first_response',
      'resolution',
    ]);
    expect(
      (await storedCycles(handle().db, 'one', 'T-1')).find((c) => c.metric === 'first_response')
        ?.status,
    ).toBe('achieved');
  });

  it('serializes concurrent requests on one ticket so that no update is lost', async () => {
    const { events, expected } = scenario('03-reopen-continues');
    const now = Date.parse(expected.at);
    // On PostgreSQL the requests run on separate connections; PGlite has one connection.
    const other = url() ? await openDatabase({ databaseUrl: url() }) : handle();
    await Promise.all(
      events.map((event: TicketEvent, i: number) =>
        ingestEvents((i % 2 ? other : handle()).db, 'race', [event], engine, now),
      ),
    );
    if (other !== handle()) await other.close();
    const rows = await storedCycles(handle().db, 'race', 'T-3');
    const want = explainJson(engine.evaluate(events, now), now).tickets[0]?.cycles ?? [];
    expect(
      rows.map((r) => `${r.metric}/${r.cycle}/${r.status}/${r.elapsedSeconds}`).sort(),
    ).toEqual(want.map((c) => `${c.metric}/${c.cycle}/${c.status}/${c.elapsedSeconds}`).sort());
  });
});
