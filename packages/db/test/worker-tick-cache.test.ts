import type { TicketEvent } from '@breachless/core';
import { asc, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { cycleRow } from '../src/ingest/cycle-rows.js';
import { cycleKey, cycleSignature } from '../src/ingest/cycle-write.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { runTick } from '../src/scan/tick.js';
import { cycles, notifications, tickets } from '../src/schema/index.js';
import { openDatabase } from '../src/storage/client.js';
import type { Database, DatabaseHandle } from '../src/storage/database.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { createScratchDatabase, describeEachDriver, openMigratedPglite } from '../src/testing.js';

const MIN = 60_000;
// Monday 23 Nov 2026, 08:00 in New York: the business day is about to start.
const T0 = Date.parse('2026-11-23T13:00:00Z');
const config = (first: string) => ({
  calendars: [
    {
      id: 'ny',
      timezone: 'America/New_York',
      hours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]),
      ),
    },
  ],
  policies: [
    {
      id: 'std',
      calendar: 'ny',
      targets: {
        first_response: { '*': first },
        next_response: { '*': '2h' },
        periodic_update: { '*': '3h' },
        resolution: { '*': '16h' },
      },
      warnings: ['50%', '75%'],
    },
  ],
});

/** The `i`-th event of a ticket at `at`: its creation, then a customer, an agent, pending, open. */
function turn(ticket: string, i: number, at: number): TicketEvent {
  const head = { id: `${ticket}-${i}`, ticket, at };
  if (i === 0)
    return { ...head, type: 'ticket.created', by: 'customer', fields: { status: 'new' } };
  switch (i % 4) {
    case 1:
      return { ...head, type: 'message', author: 'customer', public: true };
    case 2:
      return { ...head, type: 'message', author: 'agent', public: true };
    case 3:
      return { ...head, type: 'ticket.updated', fields: { status: 'pending' } };
    default:
      return { ...head, type: 'ticket.updated', fields: { status: 'open' } };
  }
}

/** Everything a tick or an ingest leaves that another process reads, in one comparable value. */
async function stored(db: Database, tenant: string) {
  const rows = await db.select().from(cycles).where(eq(cycles.tenantId, tenant));
  const sent = await db
    .select()
    .from(notifications)
    .where(eq(notifications.tenantId, tenant))
    .orderBy(
      asc(notifications.ticketId),
      asc(notifications.metric),
      asc(notifications.cycle),
      asc(notifications.level),
    );
  const states = await db
    .select({
      id: tickets.id,
      fields: tickets.fields,
      state: tickets.state,
      last: tickets.lastEventAt,
    })
    .from(tickets)
    .where(eq(tickets.tenantId, tenant))
    .orderBy(asc(tickets.id));
  return {
    cycles: rows.map((r) => `${cycleKey(r)} ${cycleSignature(r)}`).sort(),
    notifications: sent.map(({ ticketId, metric, cycle, level, at, late, payload }) => ({
      ...{ ticketId, metric, cycle, level, at, late, payload },
    })),
    tickets: states,
  };
}

/** A worker: its engines (and ticket cache, when given) kept from one tick to the next. */
function worker(db: Database, cache?: TicketCache) {
  const engines = new EngineCache();
  return async (now: number) => {
    for (;;)
      if ((await runTick(db, engines, now, 500, cache ? { cache } : {})).claimed === 0) return;
  };
}

describeEachDriver('worker tick with its own ticket cache', (handle, url) => {
  it('stores the cycle rows and notifications a tick without the cache stores, API ingests between', async () => {
    // The same traffic on two databases: one worker keeps a cache, the other none.
    const scratch = url()
      ? await createScratchDatabase(process.env.TEST_DATABASE_URL as string)
      : undefined;
    // PGlite's from the migrated image, as the suite's own is (initdb costs twice as much).
    const plain: DatabaseHandle = scratch
      ? await openDatabase({ databaseUrl: scratch.url })
      : await openMigratedPglite();
    await plain.migrate();
    const warm = handle();
    try {
      const cache = new TicketCache();
      const api = new TicketCache();
      const sides = [
        { db: warm.db, tick: worker(warm.db, cache), ingest: { cache: api } },
        { db: plain.db, tick: worker(plain.db), ingest: {} },
      ];
      const engines = sides.map(() => new EngineCache());
      for (const s of sides) await saveConfig(s.db, 'c', config('1h'), 'test');
      const counts = new Map<string, number>();
      for (let round = 0; round < 120; round++) {
        const now = T0 + round * 15 * MIN;
        // The API stores an event of one ticket every third round (a new ticket every ninth),
        // so most ticks find tickets with no new event since the worker last saw them.
        if (round % 3 === 0) {
          const ticket = `T-${Math.floor(round / 9)}`;
          const i = counts.get(ticket) ?? 0;
          counts.set(ticket, i + 1);
          for (const [k, s] of sides.entries()) {
            const engine = await (engines[k] as EngineCache).engineFor(s.db, 'c');
            await ingestEvents(s.db, 'c', [turn(ticket, i, now - MIN)], engine, now, s.ingest);
          }
        }
        // A config change half way: checkpoints made with the old engine are not continued.
        if (round === 60) for (const s of sides) await saveConfig(s.db, 'c', config('45m'), 'test');
        for (const s of sides) await s.tick(now);
        const [a, b] = await Promise.all(sides.map((s) => stored(s.db, 'c')));
        expect(a, `round ${round}`).toEqual(b);
      }
      const end = await stored(warm.db, 'c');
      expect(end.cycles.length).toBeGreaterThan(20);
      expect(end.notifications.length).toBeGreaterThan(20);
      expect(cache.hits).toBeGreaterThan(20);
    } finally {
      await plain.close();
      await scratch?.drop();
    }
  });

  it('continues a due long ticket until an API ingest adds an event, then evaluates it whole once', async () => {
    const { db } = handle();
    await saveConfig(db, 'long', config('1h'), 'test');
    const engine = await new EngineCache().engineFor(db, 'long');
    const events = Array.from({ length: 402 }, (_, i) => turn('L', i, T0 + i * MIN));
    let now = T0 + 402 * MIN;
    await ingestEvents(db, 'long', events, engine, now);
    const cache = new TicketCache();
    const engines = new EngineCache();
    /** A tick once the ticket is due again (as the bench makes it); the cache's hits after it. */
    const dueTick = async () => {
      now += 10 * MIN;
      await db.execute(sql`update cycles set next_check_at = ${new Date(now - 1000).toISOString()}::timestamptz
        where tenant_id = 'long' and status in ('running', 'paused')`);
      expect((await runTick(db, engines, now, 500, { cache })).claimed).toBe(1);
      return cache.hits;
    };
    expect(await dueTick()).toBe(0);
    expect(await dueTick()).toBe(1);
    const more = turn('L', 402, now);
    events.push(more);
    await ingestEvents(db, 'long', [more], engine, now, { cache: new TicketCache() });
    expect(await dueTick()).toBe(1);
    expect(await dueTick()).toBe(2);
    const expected = engine
      .evaluate(events, now)
      .flatMap((t) => t.cycles.map((c) => cycleRow('long', t, c, now)))
      .map((r) => `${cycleKey(r)} ${cycleSignature(r)}`)
      .sort();
    expect(expected.length).toBeGreaterThan(200);
    expect((await stored(db, 'long')).cycles).toEqual(expected);
  });
});
