/**
 * API ingest under load: the API in its own process on loopback against PostgreSQL,
 * autocannon in this one. 10,000 tickets x 20 events in batches of 100 (4, 10 and 2
 * senders), then one event per request for 1,000 tickets x 20 (10 senders), each on a fresh
 * database. Events arrive interleaved as live traffic does (the n-th event of every ticket,
 * then the n+1-th), so a batch touches 100 tickets. Reports events/s and request latency
 * p50/p99, and where a request's milliseconds went (the API's Server-Timing phases, mean
 * over every request). Every round fails unless every request was answered 202, the
 * database holds exactly the events sent, a ticket row and cycles for every ticket, and
 * the cycles are the core's for the events sent. Beside it, the limit:
 * the same event rows written straight to ticket_events by 4 connections as multi-row
 * INSERTs of 100, one transaction each.
 * Each setting also reports the CPU the API process and PostgreSQL's backends spent a request.
 * Needs TEST_DATABASE_URL. BENCH_QUICK=1: 1,000 tickets, one round a setting;
 * BENCH_ROUNDS=N rounds a setting (default 3, medians reported); BENCH_SETTINGS (default
 * `100x4,100x10,100x2,1x10,1x50,gh1x10`: events a request x senders, `gh` for signed GitHub
 * webhooks (one event each) instead of `POST /v1/events`; one event a request runs on a tenth
 * of the tickets); BENCH_API_ARGS: node options for the API process (`--cpu-prof`).
 * BENCH_WARMUP (default 2,000): events sent before a round is measured, in the round's request
 * size and senders, for another tenant and other tickets: a fresh API process spends its first
 * thousands of requests compiling (V8's optimizing compiler on threads of its own, about
 * 0.5 ms of CPU a one-event request over a quick round's 2,000), which a server that has run
 * for a minute no longer does. 0 measures the cold process, as before.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  addWebhookSecret,
  createToken,
  type Database,
  openDatabase,
  rowsOf,
  saveConfig,
} from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { backendCpu, cpuSince, processCpu, sameCyclesAsCore } from './ingest-check.js';
import { bodies, PER_TICKET, rowsAlone } from './ingest-traffic.js';
import { type Delivery, githubDeliveries } from './webhook-traffic.js';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('ingest bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const quick = process.env.BENCH_QUICK === '1';
const TICKETS = quick ? 1000 : 10_000;
const PORT = 38_000 + (process.pid % 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
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

async function startApi(url: string): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_API_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN], {
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

interface Measured {
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  /** Mean latency as the client saw it, ms. */
  readonly mean: number;
  readonly phases: Map<string, number>;
  /** CPU milliseconds a request: the API process's and PostgreSQL's backends'. */
  readonly apiCpu: number;
  /** The API's main thread's part of apiCpu (the rest: V8's compiler and GC threads). */
  readonly apiMainCpu: number;
  readonly pgCpu: number;
}

/** A round of `POST /v1/events`, or of signed GitHub webhooks (one event each) if `github`. */
async function round(
  tickets: number,
  perRequest: number,
  connections: number,
  github: boolean,
): Promise<Measured> {
  const { url, drop } = await createScratchDatabase(base as string);
  const h = await openDatabase({ databaseUrl: url });
  await h.migrate();
  await saveConfig(h.db, 'bench', CONFIG, 'bench');
  const token = await createToken(h.db, 'bench');
  const secret = await addWebhookSecret(h.db, 'bench', 'github');
  const api = await startApi(url);
  try {
    if (WARMUP > 0) await warmUp(h.db, WARMUP / PER_TICKET, perRequest, connections, github);
    const queue = github ? [] : bodies(tickets, perRequest);
    const requests: Delivery[] = github
      ? githubDeliveries(tickets, PER_TICKET, secret)
      : queue.map((body) => ({
          body,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        }));
    const phases = new Map<string, number>();
    let answered = 0;
    let next = 0;
    const pgBefore = await backendCpu(h.db);
    const apiBefore = processCpu(api.pid as number);
    const mainBefore = processCpu(api.pid as number, api.pid);
    const start = performance.now();
    let lastAnswer = start;
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}${github ? '/v1/webhooks/github?tenant=bench' : '/v1/events'}`,
      connections,
      amount: requests.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, ...requests[next++] }),
          onResponse: (status, _body, _context, headers) => {
            lastAnswer = performance.now();
            if (status === 202) answered++;
            for (const part of String(headers?.['server-timing'] ?? '').split(', ')) {
              const [name, dur] = part.split(';dur=');
              if (name && dur) phases.set(name, (phases.get(name) ?? 0) + Number(dur));
            }
          },
        },
      ],
    });
    // Until the last answer: autocannon notices it is done on its once-a-second tick, so the
    // time until it returns (and its own duration) comes in whole seconds.
    const seconds = (lastAnswer - start) / 1000;
    const apiCpu = (processCpu(api.pid as number) - apiBefore) / requests.length;
    const apiMainCpu = (processCpu(api.pid as number, api.pid) - mainBefore) / requests.length;
    const pgCpu = cpuSince(pgBefore, await backendCpu(h.db)) / requests.length;
    const events = tickets * PER_TICKET;
    const [stored] = rowsOf<{ events: number; tickets: number; bare: number }>(
      await h.db.execute(sql`
        select (select count(*)::int from ticket_events where tenant_id = 'bench') as events,
          (select count(distinct ticket_id)::int from cycles where tenant_id = 'bench') as tickets,
          (select count(*)::int from tickets where tenant_id = 'bench') as bare`),
    );
    if (
      answered !== requests.length ||
      result.errors > 0 ||
      stored?.events !== events ||
      stored.tickets !== tickets ||
      stored.bare !== tickets
    )
      throw new Error(
        `round failed: ${answered} of ${requests.length} answered 202, ${result.errors} errors, stored ${JSON.stringify(stored)} for ${events} events`,
      );
    // The webhooks' events are the connector's mapping: their counts and cycles are checked.
    if (!github) await sameCyclesAsCore(h.db, queue);
    for (const [name, ms] of phases) phases.set(name, ms / requests.length);
    const { p50, p99, mean } = result.latency;
    return { seconds, p50, p99, mean, phases, apiCpu, apiMainCpu, pgCpu };
  } finally {
    api.kill('SIGTERM');
    await once(api, 'exit');
    await h.close();
    await drop();
  }
}

/**
 * Requests the round will not count, to the running API: `tickets` tickets of another tenant
 * (`warmup`, ticket and event ids of their own), as the round sends them. Fails unless every
 * one was answered 202.
 */
async function warmUp(
  db: Database,
  tickets: number,
  perRequest: number,
  connections: number,
  github: boolean,
): Promise<void> {
  await saveConfig(db, 'warmup', CONFIG, 'bench');
  const token = await createToken(db, 'warmup');
  const secret = await addWebhookSecret(db, 'warmup', 'github');
  const requests: Delivery[] = github
    ? githubDeliveries(tickets, PER_TICKET, secret)
    : bodies(tickets, perRequest).map((body) => ({
        body: body.replaceAll('"T-', '"W-').replaceAll('"b-', '"w-'),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      }));
  let next = 0;
  let answered = 0;
  await autocannon({
    url: `http://127.0.0.1:${PORT}${github ? '/v1/webhooks/github?tenant=warmup' : '/v1/events'}`,
    connections,
    amount: requests.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, ...requests[next++] }),
        onResponse: (status) => {
          if (status === 202) answered++;
        },
      },
    ],
  });
  if (answered !== requests.length)
    throw new Error(`warm-up failed: ${answered} of ${requests.length} answered 202`);
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));

/** Runs a setting ROUNDS times and prints its medians, the limit's beside batches. */
async function setting(
  tickets: number,
  perRequest: number,
  connections: number,
  github: boolean,
): Promise<void> {
  const runs: Measured[] = [];
  const limits: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (perRequest > 1) limits.push(await rowsAlone(base as string, tickets));
    runs.push(await round(tickets, perRequest, connections, github));
  }
  const events = tickets * PER_TICKET;
  const rate = median(runs.map((r) => events / r.seconds));
  const names = [...(runs[0]?.phases.keys() ?? [])];
  const phase = (name: string) => median(runs.map((r) => r.phases.get(name) ?? 0));
  const inApp = names.reduce((sum, name) => sum + phase(name), 0);
  // The rest of the client's mean latency: HTTP in and out, the API's event loop queue.
  const phases = [
    ...names.map((name) => `${name} ${phase(name).toFixed(2)}`),
    `HTTP and queueing (the rest) ${(median(runs.map((r) => r.mean)) - inApp).toFixed(2)} of a mean ${median(runs.map((r) => r.mean)).toFixed(2)}`,
  ];
  const floor =
    limits.length > 0
      ? `; limit (the rows alone) ${Math.round(events / median(limits)).toLocaleString('en')} events/s`
      : '';
  const cpu = (pick: (r: Measured) => number) => median(runs.map(pick)).toFixed(2);
  console.log(
    `${events.toLocaleString('en')} events (${tickets.toLocaleString('en')} tickets), ${github ? 'GitHub webhooks, ' : ''}${perRequest} a request, ${connections} senders, ` +
      `${ROUNDS} rounds: ${Math.round(rate).toLocaleString('en')} events/s, p50 ${median(runs.map((r) => r.p50))} ms, ` +
      `p99 ${median(runs.map((r) => r.p99))} ms${floor}\n  ms a request: ${phases.join(', ')}\n` +
      `  CPU ms a request: API ${cpu((r) => r.apiCpu)} (main thread ${cpu((r) => r.apiMainCpu)}), PostgreSQL ${cpu((r) => r.pgCpu)}`,
  );
}

console.log(
  `POST /v1/events, ${PER_TICKET} events a ticket, API and PostgreSQL on loopback, ${WARMUP.toLocaleString('en')} events of warm-up a round; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
// Latency is concurrency over throughput: fewer senders show what one batch costs. One by
// one, the full traffic would take minutes: one event a request runs on a tenth of the tickets.
for (const item of (process.env.BENCH_SETTINGS ?? '100x4,100x10,100x2,1x10,1x50,gh1x10').split(
  ',',
)) {
  const github = item.startsWith('gh');
  const [perRequest, connections] = item.replace('gh', '').split('x').map(Number) as [
    number,
    number,
  ];
  await setting(perRequest > 1 ? TICKETS : TICKETS / 10, perRequest, connections, github);
}
