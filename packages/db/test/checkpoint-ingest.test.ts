import { readFileSync } from 'node:fs';
import { Engine, parseConfig, type TicketEvent, type TicketFields } from '@breachless/core';
import { asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { cycleRow } from '../src/ingest/cycle-rows.js';
import { cycleKey, cycleSignature } from '../src/ingest/cycle-write.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { recomputeTickets } from '../src/ingest/recompute.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { lockTickets } from '../src/ingest/ticket-locks.js';
import { cycles, notifications } from '../src/schema/index.js';
import type { Database } from '../src/storage/database.js';
import { describeEachDriver } from '../src/testing.js';

const config = new URL('../../../conformance/scenarios.config.json', import.meta.url);
const engine = new Engine(parseConfig(JSON.parse(readFileSync(config, 'utf8'))));
const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T13:00:00Z');

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Batches of one to three events of twelve tickets, with the instants to ingest them at:
 * mostly later than what the ticket had, sometimes at or before its last instant (the
 * ticket is then evaluated whole), sometimes after `now` (the event waits for its time).
 */
function traffic(seed: number): { batch: TicketEvent[]; now: number }[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const lastAt = new Map<string, number>();
  const batches: { batch: TicketEvent[]; now: number }[] = [];
  let now = T0;
  for (let n = 0; n < 160; n++) {
    const batch: TicketEvent[] = [];
    for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
      const ticket = `T-${Math.floor(next() * 12)}`;
      const last = lastAt.get(ticket);
      const late = next() < 0.1;
      const at =
        last === undefined
          ? now
          : late
            ? last - Math.floor(next() * 90) * MINUTE
            : last + Math.floor(next() * 240) * MINUTE;
      lastAt.set(ticket, Math.max(last ?? at, at));
      const head = { id: `e${n}-${k}`, ticket, at };
      if (last === undefined) {
        const fields: TicketFields = {
          status: 'new',
          priority: pick(['low', 'normal', 'high', 'urgent']),
          tags: pick([[], ['vip']]),
          channel: pick(['email', 'github']),
          team: pick(['billing', 'support']),
        };
        batch.push({ ...head, type: 'ticket.created', by: pick(['customer', 'agent']), fields });
      } else if (next() < 0.55) {
        const author = pick(['customer', 'agent', 'system'] as const);
        batch.push({ ...head, type: 'message', author, public: next() < 0.85 });
      } else if (next() < 0.98) {
        const fields = pick<TicketFields>([
          { status: pick(['open', 'pending', 'on_hold', 'solved', 'new'] as const) },
          { priority: pick(['low', 'normal', 'high', 'urgent']) },
          { tags: pick([[], ['vip']]) },
          { assignee: pick(['ana', 'bo']) },
        ]);
        batch.push({ ...head, type: 'ticket.updated', fields });
      } else batch.push({ ...head, type: 'ticket.deleted' });
    }
    const latest = Math.max(...batch.map((e) => e.at));
    now = Math.max(now, latest + Math.floor(next() * 300 - 30) * MINUTE);
    batches.push({ batch, now });
  }
  // Last, every ticket takes one more event at one instant, so all are evaluated then.
  now += 60 * MINUTE;
  const last = [...lastAt.keys()].map(
    (ticket): TicketEvent => ({
      id: `last-${ticket}`,
      ticket,
      at: now,
      type: 'message',
      author: 'system',
      public: false,
    }),
  );
  batches.push({ batch: last, now });
  return batches;
}

async function storedCycles(db: Database, tenant: string): Promise<string[]> {
  const rows = await db.select().from(cycles).where(eq(cycles.tenantId, tenant));
  return rows.map((r) => `${cycleKey(r)} ${cycleSignature(r)}`).sort();
}

async function storedNotifications(db: Database, tenant: string): Promise<unknown[]> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.tenantId, tenant))
    .orderBy(
      asc(notifications.ticketId),
      asc(notifications.metric),
      asc(notifications.cycle),
      asc(notifications.level),
    );
  return rows.map(({ ticketId, metric, cycle, level, at, late, payload }) => ({
    ticketId,
    metric,
    cycle,
    level,
    at,
    late,
    payload,
  }));
}

describeEachDriver('ingest continuing from checkpoints', (handle) => {
  it('stores the cycles and notifications that evaluating every ticket whole stores', async () => {
    const { db } = handle();
    for (const seed of [1, 2]) {
      const batches = traffic(seed);
      const cache = new TicketCache();
      const [warm, whole] = [`warm-${seed}`, `whole-${seed}`];
      for (const { batch, now } of batches) {
        await ingestEvents(db, warm, batch, engine, now, { cache });
        await ingestEvents(db, whole, batch, engine, now);
      }
      // Most events continued a checkpoint; late ones made their ticket start over.
      expect(cache.hits).toBeGreaterThan(batches.length);
      const end = Math.max(...batches.map((b) => b.now));
      const all = batches.flatMap((b) => b.batch);
      const expected = engine
        .evaluate(all, end)
        .flatMap((t) => t.cycles.map((c) => cycleRow(warm, t, c, end)))
        .map((r) => `${cycleKey(r)} ${cycleSignature(r)}`)
        .sort();
      expect(expected.length).toBeGreaterThan(50);
      expect(await storedCycles(db, warm)).toEqual(expected);
      expect(await storedCycles(db, whole)).toEqual(expected);
      const sent = await storedNotifications(db, warm);
      expect(sent.length).toBeGreaterThan(20);
      expect(sent).toEqual(await storedNotifications(db, whole));
    }
  });

  it("continues after a worker's recompute, and not after a rollback another writer made up for", async () => {
    const { db } = handle();
    const cache = new TicketCache();
    const at = (i: number) => T0 + i * 10 * MINUTE;
    const event = (i: number, author: 'customer' | 'agent'): TicketEvent => ({
      id: `m${i}`,
      ticket: 'T',
      at: at(i),
      type: 'message',
      author,
      public: true,
    });
    const created: TicketEvent = {
      id: 'c',
      ticket: 'T',
      at: at(0),
      type: 'ticket.created',
      by: 'customer',
      fields: { status: 'new', priority: 'urgent' },
    };
    const sent: TicketEvent[] = [created];
    const ingest = async (e: TicketEvent, options = { cache }) => {
      await ingestEvents(db, 'tick', [e], engine, e.at, options);
      sent.push(e);
    };
    await ingest(created);
    await ingest(event(1, 'agent'));
    // The worker recomputes the ticket later, with no cache and no new event.
    await db.transaction(async (tx) => {
      await lockTickets(tx, 'tick', ['T']);
      await recomputeTickets(tx, 'tick', ['T'], engine, at(5));
    });
    let hits = cache.hits;
    await ingest(event(6, 'customer'));
    expect(cache.hits).toBe(hits + 1);
    // An event is ingested and rolled back; another writer stores one in its place.
    await db
      .transaction(async (tx) => {
        await ingestEvents(tx as unknown as Database, 'tick', [event(7, 'agent')], engine, at(7), {
          cache,
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await ingest(event(8, 'customer'), { cache: new TicketCache() });
    hits = cache.hits;
    await ingest(event(9, 'agent'));
    expect(cache.hits).toBe(hits);
    const expected = engine
      .evaluate(sent, at(9))
      .flatMap((t) => t.cycles.map((c) => cycleRow('tick', t, c, at(9))))
      .map((r) => `${cycleKey(r)} ${cycleSignature(r)}`)
      .sort();
    expect(await storedCycles(db, 'tick')).toEqual(expected);
  });

  it('lets a worker keeping its own cache continue a ticket until another process adds events', async () => {
    const { db } = handle();
    const events = traffic(3)
      .flatMap((b) => b.batch)
      .filter((e) => e.ticket === 'T-1');
    const [first, ...rest] = events;
    const worker = new TicketCache();
    const tick = (now: number) =>
      db.transaction(async (tx) => {
        await lockTickets(tx, 'own', ['T-1']);
        await recomputeTickets(tx, 'own', ['T-1'], engine, now, { cache: worker });
      });
    const end = Math.max(...events.map((e) => e.at)) + 60 * MINUTE;
    await ingestEvents(db, 'own', [first as TicketEvent], engine, end);
    await tick(end + MINUTE);
    await tick(end + 2 * MINUTE);
    expect(worker.hits).toBe(1);
    // The API stores the rest: the worker's checkpoint no longer covers the ticket's events.
    await ingestEvents(db, 'own', rest, engine, end + 3 * MINUTE);
    await tick(end + 4 * MINUTE);
    expect(worker.hits).toBe(1);
    await tick(end + 5 * MINUTE);
    expect(worker.hits).toBe(2);
    const expected = engine
      .evaluate(events, end + 5 * MINUTE)
      .flatMap((t) => t.cycles.map((c) => cycleRow('own', t, c, end)))
      .map((r) => `${cycleKey(r)} ${cycleSignature(r)}`)
      .sort();
    expect(expected.length).toBeGreaterThan(2);
    expect(await storedCycles(db, 'own')).toEqual(expected);
  });
});
