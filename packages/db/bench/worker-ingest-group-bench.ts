/**
 * The ingest's group commit in process (no HTTP): senders each send one request at a time
 * through one IngestGroup on PostgreSQL, and the bench reports events/s, how many requests
 * shared a transaction, and PostgreSQL's CPU (its backends' /proc time) and node's CPU per
 * event: measures that hold on a shared machine where wall time does not. Settings are
 * `concurrency:overlapEvents`, run one after the other on fresh databases; alternate them
 * (`2:0;2:50;2:0;2:50`) to compare. Every run fails unless every event was stored.
 * TEST_DATABASE_URL=... node --conditions=source --import tsx bench/worker-ingest-group-bench.ts
 * BENCH_SETTINGS (default `2:0;2:50`), BENCH_SENDERS (10), BENCH_PER (events a request, 1),
 * BENCH_TICKETS (100; 20 events each, interleaved as live traffic is).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseEvents } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { IngestGroup } from '../src/ingest/group.js';
import { engineOrFailure } from '../src/ingest/quarantine-recompute.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { openDatabase } from '../src/storage/client.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { createScratchDatabase } from '../src/testing.js';
import { saveBenchConfig } from './worker-rounds.js';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('ingest group bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const SENDERS = Number(process.env.BENCH_SENDERS ?? 10);
const PER = Number(process.env.BENCH_PER ?? 1);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100);
const SETTINGS = (process.env.BENCH_SETTINGS ?? '2:0;2:50').split(';');

/** The j-th event of ticket i: created, then agent and customer turns, pending and back. */
function event(i: number, j: number, t0: number): object {
  const head = {
    id: `b-${i}-${j}`,
    ticket: `T-${i}`,
    at: new Date(t0 + i * 10 + j * 30_000).toISOString(),
  };
  if (j === 0) return { ...head, type: 'ticket.created', fields: { status: 'new' } };
  if (j % 4 === 1) return { ...head, type: 'message', author: 'agent', public: true };
  if (j % 4 === 2) return { ...head, type: 'ticket.updated', fields: { status: 'pending' } };
  if (j % 4 === 3) return { ...head, type: 'message', author: 'customer', public: true };
  return { ...head, type: 'ticket.updated', fields: { status: 'open' } };
}

/** CPU milliseconds of each backend connected to this database, from /proc (10 ms ticks). */
async function backendCpu(db: Database): Promise<Map<number, number>> {
  const pids = rowsOf<{ pid: number }>(
    await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
  );
  const cpu = new Map<number, number>();
  for (const { pid } of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return cpu;
}

async function run(setting: string): Promise<void> {
  const [concurrency, overlapEvents] = setting.split(':').map(Number);
  const { url, drop } = await createScratchDatabase(base as string);
  const h = await openDatabase({ databaseUrl: url });
  try {
    await h.migrate();
    await saveBenchConfig(h.db);
    const engines = new EngineCache();
    // Counts the group's transactions, what a request shares: each looks its engine up once.
    let transactions = 0;
    const group = new IngestGroup(
      h.db,
      (tenant, tx, version) => {
        transactions++;
        return engineOrFailure(tx, engines, tenant, version);
      },
      { cache: new TicketCache() },
      {
        ...(concurrency ? { concurrency } : {}),
        ...(overlapEvents !== undefined ? { overlapEvents } : {}),
      },
    );
    const t0 = Date.now() - 15 * 60_000;
    const all: object[] = [];
    for (let j = 0; j < 20; j++) for (let i = 0; i < TICKETS; i++) all.push(event(i, j, t0));
    let next = 0;
    const before = await backendCpu(h.db);
    const node = process.cpuUsage();
    const began = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < all.length) {
          const events = parseEvents(all.slice(next, next + PER));
          next += PER;
          await group.ingest('bench', events, Date.now());
        }
      }),
    );
    const ms = performance.now() - began;
    const used = process.cpuUsage(node);
    let pg = 0;
    for (const [pid, t] of await backendCpu(h.db)) pg += t - (before.get(pid) ?? 0);
    const [stored] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from ticket_events`),
    );
    if (stored?.n !== all.length)
      throw new Error(`${setting}: stored ${stored?.n} of ${all.length}`);
    const us = (total: number) => ((total / all.length) * 1000).toFixed(0);
    console.log(
      `${setting}: ${all.length} events, ${PER} a request, ${SENDERS} senders: ${((all.length / ms) * 1000).toFixed(0)} events/s, ${transactions} transactions (${(all.length / PER / transactions).toFixed(1)} requests each), PostgreSQL ${us(pg)} us an event, node ${us((used.user + used.system) / 1000)} us; load ${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    await h.close();
    await drop();
  }
}

for (const setting of SETTINGS) await run(setting);
