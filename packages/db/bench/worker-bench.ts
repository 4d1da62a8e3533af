/**
 * Worker tick over 1,000,000 open cycles in PostgreSQL, 1,000 of them due: tick duration
 * p50/p99 and lag with one and with two workers, and the plan of the claim query.
 * Needs TEST_DATABASE_URL (a server where it may create a scratch database).
 * BENCH_QUICK=1: 100,000 cycles and fewer rounds.
 */
import { parseEvents } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/client.js';
import { saveConfig } from '../src/config-store.js';
import { EngineCache } from '../src/engine-cache.js';
import { ingestEvents } from '../src/ingest.js';
import { rowsOf } from '../src/rows.js';
import { createScratchDatabase } from '../src/testing.js';
import { runTick } from '../src/worker-tick.js';

const quick = process.env.BENCH_QUICK === '1';
const TOTAL = quick ? 100_000 : 1_000_000;
const DUE = 1000;
const ROUNDS = quick ? 5 : 21;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('worker bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}

const T0 = Date.parse('2026-11-23T09:00:00Z');
const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
await saveConfig(
  h.db,
  'bench',
  {
    policies: [
      {
        id: 'p',
        calendar: '24x7',
        targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
        warnings: ['75%', '90%'],
      },
    ],
  },
  'bench',
);

// The cycles that are not due: open, their next check spread over the next 30 days.
let start = performance.now();
await h.db.execute(sql`
  insert into cycles (tenant_id, ticket_id, metric, cycle, status, target_seconds, elapsed_seconds, started_at, next_check_at, evaluated_at)
  select 'bench', 'idle-' || g, 'resolution', 1, 'running', 28800, 0, ${new Date(T0).toISOString()}::timestamptz,
         ${new Date(T0).toISOString()}::timestamptz + interval '1 hour' + (g % 43200) * interval '1 minute', now()
  from generate_series(1, ${TOTAL - DUE * 2}) g`);
await h.db.execute(sql`vacuum analyze cycles`);
console.log(
  `seeded ${TOTAL - DUE * 2} idle cycles in ${((performance.now() - start) / 1000).toFixed(1)} s`,
);

// The due ones are real tickets with events (two cycles each), so a tick recomputes them.
const engine = await new EngineCache().engineFor(h.db, 'bench');
start = performance.now();
const created = parseEvents(
  Array.from({ length: DUE }, (_, i) => ({
    id: `c${i}`,
    ticket: `due-${i}`,
    type: 'ticket.created',
    at: new Date(T0).toISOString(),
    fields: { status: 'new' },
  })),
);
for (let i = 0; i < DUE; i += 250)
  await ingestEvents(h.db, 'bench', created.slice(i, i + 250), engine, T0);
console.log(
  `ingested ${DUE} due tickets in ${((performance.now() - start) / 1000).toFixed(1)} s; ${TOTAL} open cycles in all`,
);

const makeDue = (now: number) =>
  h.db.execute(
    sql`update cycles set next_check_at = ${new Date(now - 1000).toISOString()}::timestamptz where tenant_id = 'bench' and ticket_id like 'due-%'`,
  );

const plan = rowsOf<{ 'QUERY PLAN': string }>(
  await h.db.execute(sql`explain select tenant_id, ticket_id, next_check_at from cycles
    where next_check_at is not null and next_check_at < ${new Date(T0 + 1800_000).toISOString()}::timestamptz order by next_check_at limit 2000`),
).map((r) => r['QUERY PLAN']);
console.log(`\nplan of the due-cycle scan:\n  ${plan.join('\n  ')}`);

async function measure(workers: number): Promise<{ p50: number; p99: number; lag: number }> {
  const handles = [
    h,
    ...(await Promise.all(
      Array.from({ length: workers - 1 }, () => openDatabase({ databaseUrl: url })),
    )),
  ];
  const times: number[] = [];
  let lag = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const now = T0 + 45 * 60_000 + round * 1000;
    await makeDue(now);
    const began = performance.now();
    // Each worker drains until nothing is due; the tick is over when all are done.
    await Promise.all(
      handles.map(async (w) => {
        const cache = new EngineCache();
        for (;;) {
          const r = await runTick(w.db, cache, now, 500);
          lag = Math.max(lag, r.lagMs);
          if (r.claimed === 0) return;
        }
      }),
    );
    times.push(performance.now() - began);
  }
  for (const w of handles.slice(1)) await w.close();
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p99: at(0.99), lag };
}

console.log(
  '\n| workers | open cycles | due per tick | tick p50 ms | tick p99 ms | lag of oldest check ms |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const workers of [1, 2]) {
  const r = await measure(workers);
  console.log(
    `| ${workers} | ${TOTAL.toLocaleString('en-US')} | ${DUE} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.lag} |`,
  );
}
await h.close();
await drop();
