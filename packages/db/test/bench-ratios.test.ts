/**
 * The regression check of the storage benches, at a small scale (BENCH_QUICK's spirit, a few
 * seconds): each path against its limit measured in the same run, held to the committed
 * ratio (bench/ratios.json) times a wide tolerance. Speed targets are the benches' business
 * (docs/benchmarks.md); this only catches a change that makes a path several times slower
 * than its limit, which no machine's load explains, and a bench whose work stopped being
 * done (every round's rows are checked).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median, ratioLimit, timeRatio } from '../bench/ratios.js';
import { limitStatement, seedCycles } from '../bench/report-limit.js';
import { floorOfTick, seedIdle, seedRound } from '../bench/worker-rounds.js';
import {
  complianceRows,
  coreComplianceRows,
  cycleComplianceRows,
} from '../src/reports/compliance-rows.js';
import { runTick } from '../src/scan/tick.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { type SuiteDatabase, suiteDatabase } from '../src/testing.js';

const base = process.env.TEST_DATABASE_URL;
const END = Date.parse('2026-12-01T00:00:00Z');
const START = Date.parse('2025-12-01T00:00:00Z');

describe.runIf(Boolean(base))('speed ratios against PostgreSQL [postgres]', () => {
  // The run's shared database, emptied (one of its own cost a CREATE and a DROP DATABASE and
  // every migration): each ratio compares two paths on the same database and rows.
  let h: DatabaseHandle;
  let shared: SuiteDatabase | undefined;
  beforeAll(async () => {
    shared = await suiteDatabase('postgres');
    h = shared.handle;
  });
  afterAll(() => shared?.release());

  it("a year by month in SQL stays near PostgreSQL alone, with the core's rows", async () => {
    await seedCycles(h.db, 50_000, START, END);
    await h.db.execute(sql`vacuum analyze cycles`);
    const options = { from: START, to: END, by: ['month' as const], timezone: 'UTC' };
    const rows = await cycleComplianceRows(h.db, 'bench', options, {});
    expect(rows).toHaveLength(48);
    expect(JSON.stringify(rows)).toBe(
      JSON.stringify(await coreComplianceRows(h.db, 'bench', options, {})),
    );
    const ratio = await timeRatio(
      () => cycleComplianceRows(h.db, 'bench', options, {}),
      () => limitStatement(h.db, options),
      5,
    );
    console.log(`report in SQL / PostgreSQL alone: ${ratio.toFixed(2)}`);
    expect(ratio).toBeLessThan(ratioLimit('report-sql-over-limit').most);
  });

  it('a first report by month, storing its periods, stays near PostgreSQL alone', async () => {
    // After the test above: its 50,000 cycles. Each round starts with nothing stored.
    const options = { from: START, to: END, by: ['month' as const], timezone: 'UTC' };
    const now = END + 86_400_000;
    const expected = JSON.stringify(await cycleComplianceRows(h.db, 'bench', options, {}));
    const cold: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < 5; round++) {
      await h.db.execute(sql`delete from report_periods`);
      let start = performance.now();
      const rows = await complianceRows(h.db, 'bench', options, {}, now);
      cold.push(performance.now() - start);
      // Every round computed the year and stored its 12 months: else it measured less.
      expect(JSON.stringify(rows)).toBe(expected);
      const [stored] = rowsOf<{ n: number }>(
        await h.db.execute(sql`select count(*)::int as n from report_periods`),
      );
      expect(stored?.n).toBe(12);
      start = performance.now();
      await limitStatement(h.db, options);
      bare.push(performance.now() - start);
    }
    const ratio = median(cold) / median(bare);
    console.log(`first report (cold) / PostgreSQL alone: ${ratio.toFixed(2)}`);
    expect(ratio).toBeLessThan(ratioLimit('report-cold-over-limit').most);
  });

  it("a tick of fresh due tickets stays near PostgreSQL's floor for its statements", async () => {
    await seedIdle(h.db, 0, 10_000);
    const engines = new EngineCache();
    const ticks: number[] = [];
    const floors: number[] = [];
    for (let round = 0; round < 5; round++) {
      const now = await seedRound(h.db, engines, round, 500);
      floors.push(await floorOfTick(h.db, now));
      const start = performance.now();
      const tick = await runTick(h.db, new EngineCache(), now, 500);
      ticks.push(performance.now() - start);
      // Each round's tickets reached their warning: a tick that writes nothing is no measure.
      expect([tick.claimed, tick.created]).toEqual([500, 500]);
    }
    console.log(`tick / PostgreSQL's floor: ${(median(ticks) / median(floors)).toFixed(2)}`);
    expect(median(ticks) / median(floors)).toBeLessThan(ratioLimit('tick-over-floor').most);
  });
});
