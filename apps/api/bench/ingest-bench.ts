/**
 * API ingest under load: the API in its own process on loopback against PostgreSQL,
 * autocannon in this one. 10,000 tickets x 20 events, first in batches of 100 (10
 * connections), then one event per request for the same traffic on a fresh database.
 * Events arrive interleaved as live traffic does (the n-th event of every ticket, then the
 * n+1-th), so a batch touches 100 tickets. Reports events/s and request latency p50/p99,
 * then checks that every event was stored once.
 * Needs TEST_DATABASE_URL. BENCH_QUICK=1: 1,000 tickets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createToken, openDatabase, saveConfig } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('ingest bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const TICKETS = process.env.BENCH_QUICK === '1' ? 1000 : 10_000;
const PER_TICKET = 20;
const PORT = 38_000 + (process.pid % 1000);
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const CONFIG = {
  policies: [
    {
      id: 'standard',
      calendar: '24x7',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '2h' },
        resolution: { '*': '1d' },
      },
      warnings: ['75%', '90%'],
    },
  ],
};

/** The j-th event of ticket i: created, then customer and agent turns, pending and back. */
function event(i: number, j: number, t0: number): object {
  const head = {
    id: `b-${i}-${j}`,
    ticket: `T-${i}`,
    at: new Date(t0 + i * 10 + j * 30_000).toISOString(),
  };
  if (j === 0)
    return {
      ...head,
      type: 'ticket.created',
      fields: { status: 'new', priority: i % 4 ? 'normal' : 'high', team: `team-${i % 7}` },
    };
  if (j % 4 === 1) return { ...head, type: 'message', author: 'agent', public: true };
  if (j % 4 === 2) return { ...head, type: 'ticket.updated', fields: { status: 'pending' } };
  if (j % 4 === 3) return { ...head, type: 'message', author: 'customer', public: true };
  return { ...head, type: 'ticket.updated', fields: { status: 'open' } };
}

function bodies(tickets: number, perRequest: number): string[] {
  const t0 = Date.now() - 15 * 60_000;
  const all: object[] = [];
  for (let j = 0; j < PER_TICKET; j++) for (let i = 0; i < tickets; i++) all.push(event(i, j, t0));
  const out: string[] = [];
  for (let k = 0; k < all.length; k += perRequest)
    out.push(JSON.stringify(all.slice(k, k + perRequest)));
  return out;
}

async function startApi(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let tries = 0; tries < 200; tries++) {
    const up = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not start');
}

async function round(tickets: number, perRequest: number, connections: number): Promise<void> {
  const { url, drop } = await createScratchDatabase(base as string);
  const h = await openDatabase({ databaseUrl: url });
  await h.migrate();
  await saveConfig(h.db, 'bench', CONFIG, 'bench');
  const token = await createToken(h.db, 'bench');
  const api = await startApi(url);
  try {
    const queue = bodies(tickets, perRequest);
    let next = 0;
    const start = performance.now();
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}/v1/events`,
      connections,
      amount: queue.length,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: queue[next++] ?? '[]' }),
        },
      ],
    });
    const [stored] = (await h.db.execute(
      sql`select count(*)::int as n from ticket_events`,
    )) as unknown as { n: number }[];
    const events = tickets * PER_TICKET;
    // autocannon's own duration is in whole seconds; this one is not.
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `${events.toLocaleString('en')} events (${tickets.toLocaleString('en')} tickets) in ${queue.length.toLocaleString('en')} requests, ` +
        `${connections} connections: ${seconds.toFixed(1)} s, ${Math.round(events / seconds).toLocaleString('en')} events/s, ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}, stored ${stored?.n ?? '?'}`,
    );
  } finally {
    api.kill('SIGTERM');
    await once(api, 'exit');
    await h.close();
    await drop();
  }
}

console.log(`POST /v1/events, ${PER_TICKET} events a ticket, API and PostgreSQL on loopback`);
await round(TICKETS, 100, 10);
// Latency is concurrency over throughput: fewer senders show what one batch costs.
await round(TICKETS, 100, 4);
await round(TICKETS, 100, 2);
await round(TICKETS / 10, 1, 10);
