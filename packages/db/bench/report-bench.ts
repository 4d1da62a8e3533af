/**
 * Compliance reports over 5,000,000 stored cycles of one tenant spread over 12 months: a
 * 30-day report by day and team, and a 12-month report by month, each beside PostgreSQL's own
 * single statement for the same figures (the limit) in the same run: computed from the cycles
 * by PostgreSQL (the path the API takes), by the core over the loaded cycles (the path before
 * it), on a first call that stores the closed periods (cold), and from stored periods (warm).
 * Every path's rows are checked to be the core's to the byte. Plus what keeping the periods
 * costs (computing them, and the trigger on every cycle write).
 * Needs TEST_DATABASE_URL. BENCH_QUICK=1: 500,000 cycles and fewer rounds.
 * Run: cd packages/db && TEST_DATABASE_URL=... node --max-old-space-size=8192 --import tsx bench/report-bench.ts
 */
import { loadavg } from 'node:os';
import type { ReportOptions } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { replaceCycles } from '../src/ingest/cycle-write.js';
import {
  complianceRows,
  coreComplianceRows,
  cycleComplianceRows,
} from '../src/reports/compliance-rows.js';
import { planPeriods } from '../src/reports/period-plan.js';
import { refreshReportPeriods } from '../src/reports/refresh.js';
import { openDatabase } from '../src/storage/client.js';
import { rowsOf } from '../src/storage/rows.js';
import { createScratchDatabase } from '../src/testing.js';
import { limitStatement, seedCycles } from './report-limit.js';

const quick = process.env.BENCH_QUICK === '1';
const TOTAL = quick ? 500_000 : 5_000_000;
// Rounds of the limit, SQL and cold paths (each cold round starts with nothing stored), and of
// the warm path: medians.
const ROUNDS = 5;
const WARM = 21;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('report bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}

const DAY = 86_400_000;
const END = Date.parse('2026-12-01T00:00:00Z');
const START = Date.parse('2025-12-01T00:00:00Z');
// Noon on the 6th: the 30 days up to today's start are closed, the 12 months too.
const NOW = END + 5 * DAY + 12 * 3_600_000;
const TODAY = END + 5 * DAY;
const reports: [string, ReportOptions][] = [
  [
    '30 days by day and team',
    { from: TODAY - 30 * DAY, to: TODAY, by: ['day', 'team'], timezone: 'UTC' },
  ],
  ['12 months by month', { from: START, to: END, by: ['month'], timezone: 'UTC' }],
  [
    '30 days by day and team, today included (open)',
    { from: TODAY - 29 * DAY, to: TODAY + DAY, by: ['day', 'team'], timezone: 'UTC' },
  ],
];

const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
let start = performance.now();
await seedCycles(h.db, TOTAL, START, NOW);
await h.db.execute(sql`vacuum analyze cycles`);
const seed = (performance.now() - start) / 1000;
console.log(`seeded ${TOTAL.toLocaleString('en')} cycles in ${seed.toFixed(0)} s`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
async function time(f: () => Promise<unknown>, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

const limit = (options: ReportOptions) => limitStatement(h.db, options);
const stored = async () =>
  rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from report_periods`))[0]
    ?.n;

const results: string[] = [];
let allSame = true;
for (const [name, options] of reports) {
  const core = await time(() => coreComplianceRows(h.db, 'bench', options, {}), quick ? 1 : 3);
  const closed = planPeriods(options, {})?.periods.filter((p) => p.end <= NOW).length;
  // In turns, so that the load of the moment weighs on the limit and the paths alike: the
  // limit, the SQL path, a first call with nothing stored (cold), then with all stored (warm).
  const times = { bare: [] as number[], inSql: [] as number[], cold: [] as number[] };
  let first: unknown;
  for (let i = 0; i < ROUNDS; i++) {
    times.bare.push(await time(() => limit(options), 1));
    times.inSql.push(await time(() => cycleComplianceRows(h.db, 'bench', options, {}), 1));
    await h.db.execute(sql`delete from report_periods`);
    times.cold.push(
      await time(async () => {
        first = await complianceRows(h.db, 'bench', options, {}, NOW);
      }, 1),
    );
    // Each cold round computed and stored every closed period: else it measured less.
    if ((await stored()) !== closed) throw new Error(`${name}: not all ${closed} periods stored`);
  }
  const warm = await time(() => complianceRows(h.db, 'bench', options, {}, NOW), WARM);
  if ((await stored()) !== closed) throw new Error(`${name}: warm calls changed the periods`);
  const [bare, inSql, cold] = [median(times.bare), median(times.inSql), median(times.cold)];
  const bytes = JSON.stringify(await coreComplianceRows(h.db, 'bench', options, {}));
  const same = [
    first,
    await cycleComplianceRows(h.db, 'bench', options, {}),
    await complianceRows(h.db, 'bench', options, {}, NOW),
  ].every((rows) => JSON.stringify(rows) === bytes);
  allSame &&= same;
  results.push(
    `| ${name} | ${(first as unknown[]).length} | ${bare.toFixed(0)} ms | ${inSql.toFixed(0)} ms | ${core.toFixed(0)} ms | ${cold.toFixed(0)} ms | ${(cold / bare).toFixed(2)} | ${warm.toFixed(1)} ms | ${same ? 'yes' : 'NO'} |`,
  );
}
console.log(
  `\n${ROUNDS} rounds in turns (medians; warm: ${WARM}); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )}\n| report | rows | PostgreSQL alone (limit) | from the cycles in SQL | core over loaded cycles (before) | first call, stores periods (cold) | cold / limit | periods stored (warm) | same bytes |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of results) console.log(r);
if (!allSame) {
  console.error('report bench: a path gave other rows than the core');
  process.exitCode = 1;
}

// What keeping them costs: the worker computing every closed period of both shapes again.
await h.db.execute(sql`delete from report_periods`);
start = performance.now();
let filled = 0;
for (let n = -1; n !== 0; filled += n)
  n = (await refreshReportPeriods(h.db, NOW, { periods: 10 })).computed;
console.log(
  `\nworker: ${filled} closed periods (the 35 days of the day+team shape and the 13 months of the month shape) computed in ${((performance.now() - start) / 1000).toFixed(1)} s`,
);
// And a late event: one cycle of last month changes; its day and month are dropped.
start = performance.now();
await h.db.execute(sql`update cycles set elapsed_seconds = elapsed_seconds + 1
  where tenant_id = 'bench' and ticket_id = 'T-2' and metric = 'periodic_update'`);
const invalidate = performance.now() - start;
const [left] = rowsOf<{ n: number }>(
  await h.db.execute(sql`select count(*)::int as n from report_periods`),
);
console.log(
  `late change of one cycle: ${invalidate.toFixed(1)} ms, ${left?.n} periods left of ${filled}`,
);

// The trigger's cost on the hot path: 5,000 cycle rows with outcomes rewritten (as a
// recompute does), with the trigger and without it.
const rewrite = (k: number) => () =>
  replaceCycles(
    h.db,
    'bench',
    { gone: [] },
    Array.from({ length: 5000 }, (_, i) => ({
      tenantId: 'bench',
      ticketId: `W-${i}`,
      metric: 'first_response',
      cycle: 1,
      status: 'achieved',
      targetSeconds: 3600,
      elapsedSeconds: 60 + k,
      startedAt: new Date(NOW - 3_600_000),
      stoppedAt: new Date(NOW - 3_000_000),
      outcomeAt: new Date(NOW - 3_000_000),
      evaluatedAt: new Date(NOW),
    })),
  );
let k = 0;
const withTrigger = await time(() => rewrite(k++)(), WARM);
await h.db.execute(sql`alter table cycles disable trigger user`);
const withoutTrigger = await time(() => rewrite(k++)(), WARM);
await h.db.execute(sql`alter table cycles enable trigger user`);
console.log(
  `writing 5,000 cycle rows with outcomes: ${withTrigger.toFixed(0)} ms with the trigger, ${withoutTrigger.toFixed(0)} ms without`,
);

await h.close();
await drop();
