/**
 * Worker tick with 1,000 tickets due among 100,000 and then 1,000,000 open cycles in
 * PostgreSQL: tick p50/p99 with one and two workers, the claim statement's own time, and
 * PostgreSQL's floor for the same work (the claim plus bare multi-row writes of the same
 * rows) measured in the same run, and that floor with the due tickets' running cycles
 * rewritten as well (their elapsed time moved: what a tick must write beyond the bare floor).
 * Every measured round has 1,000 tickets of its own whose
 * first-response warning has just come, and fails unless they make 1,000 new notifications.
 * Each worker keeps its engines from round to round, as the worker process does, and drains
 * until a tick says it took all it found due; with one worker, where a round's milliseconds
 * go (the tick's phases: claim, evaluate, load-state, write, notify, commit) is printed.
 * Needs TEST_DATABASE_URL (a server where it may create a scratch database).
 * BENCH_QUICK=1: 10,000 then 100,000 open cycles, 20 rounds (a p50; its p99 is the maximum).
 * BENCH_BATCH: tickets claimed per transaction (the worker's WORKER_BATCH_SIZE; 1,000 by default).
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { IngestPhases } from '../src/ingest/phases.js';
import { runTick } from '../src/scan/tick.js';
import { openDatabase } from '../src/storage/client.js';
import { rowsOf } from '../src/storage/rows.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { createScratchDatabase } from '../src/testing.js';
import {
  claimCpu,
  cpuBetween,
  DUE,
  floorOfTick,
  percentile,
  seedIdle,
  seedRound,
  serverCpu,
  T0,
} from './worker-rounds.js';

const quick = process.env.BENCH_QUICK === '1';
// BENCH_OPEN=100000,1000000 with BENCH_QUICK=1: the full scale's open cycles in fewer rounds.
const SIZES = process.env.BENCH_OPEN
  ? process.env.BENCH_OPEN.split(',').map(Number)
  : quick
    ? [10_000, 100_000]
    : [100_000, 1_000_000];
// 100 rounds: the p99 is then the 99th of 100 samples, not the maximum of a few.
const ROUNDS = quick ? 20 : 100;
// Tickets a tick claims per transaction: the worker's WORKER_BATCH_SIZE, 1,000 by default.
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('worker bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}

const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
const engines = new EngineCache();
let round = 0;

interface Figures {
  readonly tick: number[];
  readonly claim: number[];
  readonly floor: number[];
  /** The floor with the due tickets' running cycles rewritten too (what a tick must write). */
  readonly required: number[];
  /** Mean CPU milliseconds of a round: PostgreSQL's for the tick and the floor, node's for the tick. */
  readonly cpu: { tick: number; floor: number; required: number; node: number; claim: number };
  /** Mean milliseconds of a round in each phase of the tick (one worker). */
  readonly phases: Map<string, number>;
  /** Mean tickets each worker claimed a round, and ticks all ran: how a pair shares a round. */
  readonly share: { claimed: number[]; ticks: number };
}

/** ROUNDS ticks, each over a round of its own; the open cycles stay at their count. */
async function measure(workers: number): Promise<Figures> {
  const extra = await Promise.all(
    Array.from({ length: workers - 1 }, () => openDatabase({ databaseUrl: url })),
  );
  const handles = [h, ...extra];
  // Each worker keeps its engines from tick to tick, as the worker process does.
  const caches = handles.map(() => new EngineCache());
  const figures: Figures = {
    tick: [],
    claim: [],
    floor: [],
    required: [],
    cpu: { tick: 0, floor: 0, required: 0, node: 0, claim: 0 },
    phases: new Map(),
    share: { claimed: handles.map(() => 0), ticks: 0 },
  };
  for (let i = 0; i < ROUNDS; i++) {
    const now = await seedRound(h.db, engines, round++);
    figures.cpu.claim += (await claimCpu(h.db, now, BATCH)) / ROUNDS;
    const floorCpu = await serverCpu(h.db);
    figures.floor.push(await floorOfTick(h.db, now));
    const requiredCpu = await serverCpu(h.db);
    figures.required.push(await floorOfTick(h.db, now, true));
    const tickCpu = await serverCpu(h.db);
    figures.cpu.floor += cpuBetween(floorCpu, requiredCpu) / ROUNDS;
    figures.cpu.required += cpuBetween(requiredCpu, tickCpu) / ROUNDS;
    let created = 0;
    let claimMs = 0;
    const nodeCpu = process.cpuUsage();
    const began = performance.now();
    // Each worker drains until nothing is due; the tick is over when all are done.
    const phases = new IngestPhases();
    await Promise.all(
      handles.map(async (w, k) => {
        const cache = caches[k] as EngineCache;
        for (;;) {
          // Phases only with one worker: two would charge each other's waits.
          const r = await runTick(w.db, cache, now, BATCH, workers === 1 ? { phases } : {});
          created += r.created;
          claimMs += r.claimMs;
          figures.share.claimed[k] = (figures.share.claimed[k] ?? 0) + r.claimed / ROUNDS;
          figures.share.ticks += 1 / ROUNDS;
          if (r.drained) return;
        }
      }),
    );
    figures.tick.push(performance.now() - began);
    const node = process.cpuUsage(nodeCpu);
    figures.cpu.node += (node.user + node.system) / 1000 / ROUNDS;
    figures.cpu.tick += cpuBetween(tickCpu, await serverCpu(h.db)) / ROUNDS;
    for (const [name, ms] of phases.ms)
      figures.phases.set(name, (figures.phases.get(name) ?? 0) + ms / ROUNDS);
    figures.claim.push(claimMs / workers);
    // The bench measures ticks that write: a round whose levels were already notified fails.
    if (created !== DUE) throw new Error(`round ${round}: ${created} notifications, not ${DUE}`);
    // Its tickets leave the open cycles, so every round runs over the same count.
    await h.db.execute(sql`delete from cycles where tenant_id = 'bench'
      and ticket_id = any(${`{${Array.from({ length: DUE }, (_, k) => `r${round - 1}-${k}`).join(',')}}`}::text[])`);
  }
  for (const w of extra) await w.close();
  return figures;
}

const ms = (xs: number[], q: number) => percentile(xs, q).toFixed(0);
const rows: string[] = [];
const spent: string[] = [];
let seeded = 0;
for (const size of SIZES) {
  const start = performance.now();
  await seedIdle(h.db, seeded, size);
  seeded = size;
  console.log(
    `${size.toLocaleString('en-US')} open cycles seeded in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  for (const workers of size === SIZES[SIZES.length - 1] ? [1, 2] : [1]) {
    const f = await measure(workers);
    if (workers === 1)
      spent.push(
        `${size.toLocaleString('en-US')} open, 1 worker, mean ms of a round: ${[...f.phases]
          .filter(([name]) => name !== 'idle')
          .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
          .join(', ')}`,
      );
    spent.push(
      `${size.toLocaleString('en-US')} open, ${workers} worker(s), mean CPU ms of a round: PostgreSQL ${f.cpu.tick.toFixed(1)} (floor ${f.cpu.floor.toFixed(1)}, tick / floor ${(f.cpu.tick / f.cpu.floor).toFixed(2)}; with the running cycles ${f.cpu.required.toFixed(1)}), node ${f.cpu.node.toFixed(1)}; the claim alone ${f.cpu.claim.toFixed(1)} ms of PostgreSQL CPU; tickets claimed a round by each worker ${f.share.claimed.map((n) => n.toFixed(0)).join(' / ')} in ${f.share.ticks.toFixed(1)} ticks`,
    );
    rows.push(
      `| ${workers} | ${size.toLocaleString('en-US')} | ${DUE} | ${ROUNDS} | ${ms(f.tick, 0.5)} | ${ms(f.tick, 0.99)} | ${percentile(f.claim, 0.5).toFixed(1)} | ${percentile(f.claim, 0.99).toFixed(1)} | ${ms(f.floor, 0.5)} | ${(percentile(f.tick, 0.5) / percentile(f.floor, 0.5)).toFixed(1)} | ${ms(f.required, 0.5)} |`,
    );
  }
}

const plan = rowsOf<{ 'QUERY PLAN': string }>(
  await h.db.execute(sql`explain select tenant_id, ticket_id, next_check_at from cycles
    where next_check_at is not null and next_check_at < ${new Date(T0 + 3_600_000).toISOString()}::timestamptz order by next_check_at limit 2000`),
).map((r) => r['QUERY PLAN']);
console.log(`\nplan of the due-cycle scan:\n  ${plan.join('\n  ')}`);
console.log(
  '\n| workers | open cycles | due per tick | rounds | tick p50 ms | tick p99 ms | claim p50 ms | claim p99 ms | PostgreSQL floor p50 ms | tick / floor | floor with the running cycles p50 ms |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log(`\nwhere the milliseconds go:\n  ${spent.join('\n  ')}`);
console.log(
  `\nevery round created ${DUE} notifications (checked); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await h.close();
await drop();
