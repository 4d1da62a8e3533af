/**
 * Compliance reports over 5,000,000 stored cycles of one tenant spread over 12 months: a
 * 30-day report by day and team, and a 12-month report by month, read from the cycles (the
 * raw path) and with closed periods stored (report_periods), side by side; plus what keeping
 * the periods costs (computing them, and the trigger on every cycle write).
 * Needs TEST_DATABASE_URL. BENCH_QUICK=1: 500,000 cycles and fewer rounds.
 * Run: cd packages/db && TEST_DATABASE_URL=... node --max-old-space-size=8192 --import tsx bench/report-bench.ts
 */
import type { ReportOptions } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/client.js';
import { complianceRows } from '../src/compliance-rows.js';
import { replaceCycles } from '../src/cycle-write.js';
import { refreshReportPeriods } from '../src/report-refresh.js';
import { rowsOf } from '../src/rows.js';
import { createScratchDatabase } from '../src/testing.js';

const quick = process.env.BENCH_QUICK === '1';
const TOTAL = quick ? 500_000 : 5_000_000;
const ROUNDS = quick ? 3 : 7;
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
// Outcomes spread evenly over the 12 months (and the 6 days since), 20 teams, 300 agents,
// 4 priorities, 4 metrics, 2 policies; one in ten breached at its target.
const span = (NOW - START) / 1000;
for (let from = 1; from <= TOTAL; from += 500_000) {
  const to = Math.min(TOTAL, from + 499_999);
  await h.db.execute(sql`
    insert into cycles (tenant_id, ticket_id, metric, cycle, status, policy, target_seconds, elapsed_seconds,
      started_at, stopped_at, breached_at, outcome_at, team, agent, priority, channel, evaluated_at)
    select 'bench', 'T-' || g, (array['first_response','next_response','periodic_update','resolution'])[1 + (g % 4)::int], 1,
      case when g % 10 = 0 then 'breached' else 'achieved' end, (array['standard','vip'])[1 + (g % 2)::int],
      28800, case when g % 10 = 0 then 28800 else (g * 7919) % 28800 end,
      o - interval '1 day', case when g % 10 = 0 then null else o end, case when g % 10 = 0 then o else null end, o,
      'team-' || (g % 20), 'agent-' || (g % 300), (array['urgent','high','normal','low'])[1 + (g % 4)::int],
      (array['email','chat','phone','web'])[1 + ((g / 7) % 4)::int], now()
    from (select g, ${new Date(START).toISOString()}::timestamptz + ((g * 104729) % ${Math.floor(span)}) * interval '1 second' as o
          from generate_series(${from}::bigint, ${to}::bigint) g) s`);
}
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

const results: string[] = [];
for (const [name, options] of reports) {
  const raw = await time(() => complianceRows(h.db, 'bench', options), quick ? 1 : 3);
  // The first call stores the closed periods (and records the shape the worker keeps up).
  start = performance.now();
  const first = await complianceRows(h.db, 'bench', options, {}, NOW);
  const cold = performance.now() - start;
  const warm = await time(() => complianceRows(h.db, 'bench', options, {}, NOW), ROUNDS);
  const same =
    JSON.stringify(first) === JSON.stringify(await complianceRows(h.db, 'bench', options));
  results.push(
    `| ${name} | ${first.length} | ${raw.toFixed(0)} ms | ${cold.toFixed(0)} ms | ${warm.toFixed(1)} ms | ${same ? 'yes' : 'NO'} |`,
  );
}
console.log(
  '\n| report | rows | from the cycles | first call (stores periods) | periods stored | same rows |',
);
console.log('|---|---:|---:|---:|---:|---|');
for (const r of results) console.log(r);

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
const withTrigger = await time(() => rewrite(k++)(), ROUNDS);
await h.db.execute(sql`alter table cycles disable trigger user`);
const withoutTrigger = await time(() => rewrite(k++)(), ROUNDS);
await h.db.execute(sql`alter table cycles enable trigger user`);
console.log(
  `writing 5,000 cycle rows with outcomes: ${withTrigger.toFixed(0)} ms with the trigger, ${withoutTrigger.toFixed(0)} ms without`,
);

await h.close();
await drop();
