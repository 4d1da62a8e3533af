import { readdirSync, readFileSync } from 'node:fs';
import { Engine, parseConfig, parseEventsNdjson, type TicketEvent } from '@breachless/core';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { cycleRow } from '../src/ingest/cycle-rows.js';
import { cycleKey, cycleSignature } from '../src/ingest/cycle-write.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { cycles } from '../src/schema/index.js';
import type { Database } from '../src/storage/database.js';
import { describeEachDriver } from '../src/testing.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);
const scenarios = readdirSync(new URL('scenarios/', conformance)).map((name) => {
  const events = parseEventsNdjson(
    readFileSync(new URL(`scenarios/${name}/events.ndjson`, conformance), 'utf8'),
  );
  const at = JSON.parse(
    readFileSync(new URL(`scenarios/${name}/expected.json`, conformance), 'utf8'),
  ).at;
  return { name, events, now: Date.parse(at) };
});

/** What the database holds for a tenant: each cycle row's key and signature. */
async function stored(db: Database, tenant: string): Promise<string[]> {
  const rows = await db.select().from(cycles).where(eq(cycles.tenantId, tenant));
  return rows.map((r) => `${cycleKey(r)} ${cycleSignature(r)}`).sort();
}

/** What the engine says from all the events at once. */
function expected(tenant: string, events: readonly TicketEvent[], now: number): string[] {
  return engine
    .evaluate(events, now)
    .flatMap((t) => t.cycles.map((c) => cycleRow(tenant, t, c, now)))
    .map((r) => `${cycleKey(r)} ${cycleSignature(r)}`)
    .sort();
}

describeEachDriver('the ticket cache', (handle) => {
  it("gives every conformance scenario the engine's cycles, one event at a time, with writers taking turns", async () => {
    const { db } = handle();
    let hits = 0;
    for (const { name, events, now } of scenarios) {
      // Two API processes with their own caches take turns, two events each (the second
      // finds its cache current, the first finds it stale); a third writes without one.
      const writers = [new TicketCache(), new TicketCache(), undefined];
      for (const [i, event] of events.entries())
        await ingestEvents(db, name, [event], engine, now, {
          cache: writers[Math.floor(i / 2) % 3],
        });
      expect(await stored(db, name), name).toEqual(expected(name, events, now));
      hits += (writers[0]?.hits ?? 0) + (writers[1]?.hits ?? 0);
    }
    expect(hits).toBeGreaterThan(10);
  });

  it('does not trust what a rolled-back transaction cached', async () => {
    const { db } = handle();
    const { events, now } = scenarios[1] as (typeof scenarios)[number];
    const cache = new TicketCache();
    const [first, second, ...rest] = events;
    await ingestEvents(db, 'rollback', [first as TicketEvent], engine, now, { cache });
    // The second event is recomputed into the cache, then its transaction rolls back.
    await db
      .transaction(async (tx) => {
        await ingestEvents(
          tx as unknown as Database,
          'rollback',
          [second as TicketEvent],
          engine,
          now,
          { cache },
        );
        throw new Error('roll back');
      })
      .catch(() => undefined);
    for (const event of [second as TicketEvent, ...rest])
      await ingestEvents(db, 'rollback', [event], engine, now, { cache });
    expect(await stored(db, 'rollback')).toEqual(expected('rollback', events, now));
    // Trusted again once the database carries a revision it cached.
    expect(cache.hits).toBeGreaterThan(0);
  });
});
