/**
 * One more event on a long ticket (issue 15): what the API's ingest of one event costs on
 * tickets of 10 to 40,000 events, what a worker tick costs when such a ticket is due, and
 * another tenant's single-event ingest p50/p99 while the longest ticket takes events.
 * Everything runs in this one process, as the API does: ingest's CPU work shares one event
 * loop with the other tenant's requests. The worker's tick is timed without a cache and with
 * a cache of its own (BREACHLESS_TICKET_CACHE_BYTES in apps/worker): its first tick on the
 * ticket evaluates it whole, the next (no new event) continues the checkpoint. Needs TEST_DATABASE_URL (a server where it may
 * create a scratch database). Shorter: BENCH_QUICK=1, or BENCH_SIZES=10,1000, BENCH_EVENTS=5
 * (events timed per size) and BENCH_OTHER=20 (the other tenant's requests).
 */
import { sql } from 'drizzle-orm';
import { ingestEvents } from '../src/ingest/ingest.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { runTick } from '../src/scan/tick.js';
import { openDatabase } from '../src/storage/client.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { createScratchDatabase } from '../src/testing.js';
import { LONG_CONFIG, lifeOf, MINUTE, T0, turn } from './long-ticket.js';

const quick = process.env.BENCH_QUICK === '1';
const SIZES = (process.env.BENCH_SIZES ?? (quick ? '10,1000' : '10,100,1000,10000,40000'))
  .split(',')
  .map(Number);
// 100 timed a size: the p99 of fewer samples would be their maximum.
const EVENTS = Number(process.env.BENCH_EVENTS ?? (quick ? 5 : 100));
const OTHER = Number(process.env.BENCH_OTHER ?? (quick ? 20 : 200));
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('long ticket bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}

const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
await saveConfig(h.db, 'long', LONG_CONFIG, 'bench');
await saveConfig(h.db, 'other', LONG_CONFIG, 'bench');
const engine = await new EngineCache().engineFor(h.db, 'long');
const other = await new EngineCache().engineFor(h.db, 'other');
const tickets = new TicketCache();
// The worker's, kept from one tick to the next as apps/worker does.
const workerEngines = new EngineCache();
const workerTickets = new TicketCache();
// Nearest rank: the p99 of 100 samples is the 99th, not the largest.
const at = (times: number[], q: number) =>
  [...times].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * times.length) - 1)] ?? 0;

/** Sends `count` more events to a ticket of `size` events, one a request; returns each time. */
async function moreEvents(ticket: string, size: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = size; i < size + count; i++) {
    const event = turn(ticket, i);
    const began = performance.now();
    const { accepted } = await ingestEvents(h.db, 'long', [event], engine, event.at, {
      cache: tickets,
    });
    times.push(performance.now() - began);
    if (accepted !== 1) throw new Error(`event ${event.id} was not stored`);
  }
  return times;
}

/** Makes only `ticket`'s open cycles due at `now`, as if a level had come. */
async function makeDue(ticket: string, now: number): Promise<void> {
  await h.db.execute(sql`update cycles set next_check_at = null where tenant_id = 'long'`);
  await h.db.execute(
    sql`update cycles set next_check_at = ${new Date(now - 1000).toISOString()}::timestamptz
        where tenant_id = 'long' and ticket_id = ${ticket} and status in ('running', 'paused')`,
  );
}

/** One worker tick at `now` with `ticket` due; its time in milliseconds. */
async function dueTick(ticket: string, now: number, worker?: TicketCache): Promise<number> {
  await makeDue(ticket, now);
  const began = performance.now();
  const tick = worker
    ? await runTick(h.db, workerEngines, now, 500, { cache: worker })
    : await runTick(h.db, new EngineCache(), now);
  const ms = performance.now() - began;
  if (tick.claimed !== 1) throw new Error(`the tick claimed ${tick.claimed} tickets, not 1`);
  return ms;
}

console.log(
  "| events on the ticket | one more event p50 ms | p99 ms | p50 / the first size's | worker tick, ticket due ms | with its cache: first tick ms | next tick ms | next event after the tick ms |",
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
let firstP50: number | undefined;
for (const size of SIZES) {
  const ticket = `L-${size}`;
  await ingestEvents(h.db, 'long', lifeOf(ticket, size), engine, T0 + size * MINUTE);
  // The first event after seeding finds no cache entry, as after a restart: not counted.
  const times = (await moreEvents(ticket, size, EVENTS + 1)).slice(1);
  const now = T0 + (size + EVENTS + 2) * MINUTE;
  // Only this ticket is due: the shorter ones measured before would be due by now too.
  const tickMs = await dueTick(ticket, now);
  const firstMs = await dueTick(ticket, now + 20_000, workerTickets);
  const hits = workerTickets.hits;
  const nextMs = await dueTick(ticket, now + 40_000, workerTickets);
  if (workerTickets.hits !== hits + 1) throw new Error('the next tick did not continue');
  // The API's next event after the worker's recompute, which gave the ticket a new revision.
  const [afterTick] = await moreEvents(ticket, size + EVENTS + 3, 1);
  firstP50 ??= at(times, 0.5);
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
    await h.db.execute(
      sql`select count(*)::int as n from ticket_events where tenant_id = 'long' and ticket_id = ${ticket}`,
    ),
  );
  if (n !== size + EVENTS + 2)
    throw new Error(`${ticket} holds ${n} events, not ${size + EVENTS + 2}`);
  console.log(
    `| ${size.toLocaleString('en-US')} | ${at(times, 0.5).toFixed(1)} | ${at(times, 0.99).toFixed(1)} | ${(at(times, 0.5) / firstP50).toFixed(2)} | ${tickMs.toFixed(0)} | ${firstMs.toFixed(0)} | ${nextMs.toFixed(0)} | ${afterTick?.toFixed(1)} |`,
  );
}

/** The other tenant's single-event requests, one after the other; each one's time. */
async function theirEvents(round: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < OTHER; i++) {
    const event = turn(`O-${round}-${i % 20}`, Math.floor(i / 20));
    const began = performance.now();
    await ingestEvents(h.db, 'other', [event], other, event.at, { cache: tickets });
    times.push(performance.now() - began);
  }
  return times;
}

// Another tenant sends one event a request: alone (what this machine gives), then while the
// longest ticket takes events back to back.
const alone = await theirEvents(0);
const longest = Math.max(...SIZES);
let busy = true;
const longTimes: number[] = [];
const long = (async () => {
  let i = longest + EVENTS + 4;
  while (busy) {
    const event = turn(`L-${longest}`, i++);
    const began = performance.now();
    await ingestEvents(h.db, 'long', [event], engine, event.at, { cache: tickets });
    longTimes.push(performance.now() - began);
  }
})();
const theirs = await theirEvents(1);
busy = false;
await long;
const ms = (times: number[]) =>
  `p50 ${at(times, 0.5).toFixed(1)} ms, p99 ${at(times, 0.99).toFixed(1)} ms`;
console.log(`\nanother tenant's single-event ingest, alone: ${ms(alone)}`);
console.log(
  `while the ${longest.toLocaleString('en-US')}-event ticket takes events: ${ms(theirs)}`,
);
console.log(
  `the long ticket meanwhile: ${longTimes.length} events, ${ms(longTimes)}; cache ${(tickets.bytes / 2 ** 20).toFixed(1)} MiB`,
);
await h.close();
await drop();
