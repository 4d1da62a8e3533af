import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { TicketEvent } from '@breachless/core';
import { EngineCache, rowsOf, saveConfig, schema } from '@breachless/db';
import { type SuiteDatabase, suiteDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG, DEMO_TENANT } from '../src/demo/demo-config.js';
import { DemoRun } from '../src/demo/demo-run.js';
import { loadPosition, savePosition, simulatedClock } from '../src/demo/position.js';
import { readPrebuiltEvents } from '../src/demo/prebuilt-events.js';
import { Replay, SAMPLE_LOG } from '../src/demo/replay.js';
import { Standalone } from '../src/standalone.js';

const MINUTE = 60_000;
const STEP = 10 * MINUTE;
// Where a user's first start on 2026-12-06 puts the log: its first event on Monday 7 Dec.
const FIRST_START = Date.parse('2026-12-06T11:00:00Z');

let events: TicketEvent[];
let server: Standalone;
let now: number;
let printed = '';
let simulatedMinutes = 0;
let shared: SuiteDatabase | undefined;

beforeAll(async () => {
  // What the demo prints is the same on either driver: on PostgreSQL when CI has one (no
  // initdb, and its statements run natively); the processes of process.test.ts run the demo
  // on the embedded database, as `npm start` does.
  // The test process's PostgreSQL database, emptied, as chat-apps.test.ts takes it: a file that
  // runs after the other in the same process empties it instead of making and migrating one.
  shared = process.env.TEST_DATABASE_URL ? await suiteDatabase('postgres') : undefined;
  events = await Replay.read();
  // Read on this thread: a worker thread would not have the test runner's TypeScript loader.
  const demo = new DemoRun(
    1440,
    () => FIRST_START,
    async () => events,
  );
  now = Number.NaN;
  server = await Standalone.open({
    databaseUrl: shared?.url,
    channel: '#support',
    clock: () => now,
    console: {
      write: (text) => {
        printed += text;
      },
    },
    logger: pino({ level: 'silent' }),
    demo,
    lateAfterMs: 2 * STEP,
  });
  now = demo.clock();
  // The clock is the demo's: ten simulated minutes per round, no waiting on real time.
  while (!/\[console chat #support #\d+\] ⚠/.test(printed) && simulatedMinutes < 48 * 60) {
    now += STEP;
    simulatedMinutes += STEP / MINUTE;
    await server.step();
  }
});
afterAll(async () => {
  await server?.close();
  await shared?.release();
});

describe('the demo (npm start)', () => {
  it('reads the shipped sample log and moves it by whole weeks to the present', () => {
    expect(events.length).toBeGreaterThan(100_000);
    const shift = Replay.shiftFor(events, FIRST_START);
    expect(shift % (7 * 86_400_000)).toBe(0);
    const start = (events[0]?.at ?? 0) + shift;
    expect(start).toBeGreaterThanOrEqual(FIRST_START);
    expect(start - FIRST_START).toBeLessThan(7 * 86_400_000);
    expect(new Date(start).getUTCDay()).toBe(new Date(events[0]?.at ?? 0).getUTCDay());
  });

  it('starts from the log as the build parsed it: the same events as the parse above', async () => {
    const prebuilt = await readPrebuiltEvents(SAMPLE_LOG);
    expect(prebuilt?.length).toBe(events.length);
    // Compared event by event (one deep comparison of 151,843 events takes seconds): the
    // first that differs, if any, is shown beside its parse.
    const differs = prebuilt?.findIndex((e, i) => !isDeepStrictEqual(e, events[i])) ?? -1;
    expect(prebuilt?.[differs]).toStrictEqual(events[differs]);
    expect(Object.keys(prebuilt?.[0] ?? {})).toEqual(Object.keys(events[0] ?? {}));
  });

  it('starts at 10:00 UTC on the first day, when tickets near their targets: an alert within two simulated hours', () => {
    expect(printed).toContain('Starting the demo at 2026-12-07T10:00:00.000Z (simulated)');
    expect(simulatedMinutes).toBeLessThanOrEqual(2 * 60);
    const warning = printed.split('\n').find((l) => /^\[console chat #support #\d+\] ⚠/.test(l));
    expect(warning).toMatch(/⚠ INC\d+: (First response|Resolution) due in \d+/);
  });

  it('goes on to breaches in the warning thread and a digest, as Slack would show them, once', async () => {
    for (let i = 0; i < (36 * 60) / 10; i++) {
      now += STEP;
      await server.step();
    }
    expect(printed).toMatch(
      /\[console chat #support #\d+ updated, #\d+ in its thread\] ✖ INC\d+: .* breached/,
    );
    // No line says word for word what the line before it said.
    const said = printed.split('\n').map((l) => l.replace(/^\[[^\]]*\] /, ''));
    expect(said.filter((text, i) => text !== '' && text === said[i - 1])).toEqual([]);
    // The demo began on Monday 7 Dec (simulated): Sunday's digest was never its channel's.
    const digests = [...printed.matchAll(/\] Daily SLA digest, ([^:]*): goal/g)].map((m) => m[1]);
    expect(digests).toEqual(['Mon 7 Dec']);
  });

  it('answers /sla commands typed on the console, usage for a bad one', async () => {
    const stats = await server.answer('/sla stats 7d by:priority');
    expect(stats).toMatch(/^\n── \/sla stats 7d by:priority ──\nSLA compliance, Last 7 days/);
    expect(stats).toMatch(/\nhigh +first response +\d+ +\d+ +\d/);
    expect(await server.answer('stats fortnight')).toContain('Usage: /sla stats');
    const subscriptions = await server.answer('subscriptions');
    expect(subscriptions).toContain('daily 09:00 UTC');
    expect(subscriptions).toContain('priority:urgent');
  });

  it('serves the API on the same database and clock', async () => {
    const health = await server.api.request('/healthz');
    expect(health.status).toBe(200);
  });
});

describe('demo position', () => {
  const run = async (dataDir: string, real: number, rounds: number) => {
    let out = '';
    const demo = new DemoRun(
      1440,
      () => real,
      async () => events,
    );
    let at = Number.NaN;
    const s = await Standalone.open({
      dataDir,
      channel: '#support',
      clock: () => at,
      console: { write: (text) => (out += text) },
      logger: pino({ level: 'silent' }),
      demo,
    });
    at = demo.clock();
    for (let i = 0; i < rounds; i++) {
      at += STEP;
      await s.step();
    }
    await s.close();
    return { out, at };
  };

  it('belongs to the database it replayed into: the same one resumes, a fresh one starts fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachless-demo-'));
    const first = await run(join(dir, 'one'), FIRST_START, 3);
    expect(first.out).toContain('Starting the demo at');
    // A week later, on the same database: where it stopped, not the coming Monday.
    const again = await run(join(dir, 'one'), FIRST_START + 7 * 86_400_000, 0);
    expect(again.out).toContain(`Resuming the demo at ${new Date(first.at).toISOString()}`);
    const fresh = await run(join(dir, 'two'), FIRST_START, 0);
    expect(fresh.out).toContain('Starting the demo at');
    expect(fresh.out).not.toContain(new Date(first.at).toISOString());
  });

  // The process's one migrated PGlite, emptied for each test (each opening its own from the
  // image cost about 1 s of CPU).
  it('is saved where every reader of the database sees the simulated instant', async () => {
    const { handle, release } = await suiteDatabase('pglite');
    await handle.migrate();
    expect(await loadPosition(handle.db, DEMO_TENANT)).toBeUndefined();
    await savePosition(handle.db, DEMO_TENANT, { shiftMs: 7, simAt: 5_000 }, 9_000);
    await savePosition(handle.db, DEMO_TENANT, { shiftMs: 7, simAt: 6_000 }, 10_000);
    expect(await loadPosition(handle.db, DEMO_TENANT)).toEqual({ shiftMs: 7, simAt: 6_000 });
    const rows = await handle.db.select().from(schema.simulatedClocks);
    expect(rows.map((r) => [r.tenantId, r.simAt.getTime(), r.updatedAt.getTime()])).toEqual([
      [DEMO_TENANT, 6_000, 10_000],
    ]);
    await release();
  });

  it('resumes after what an earlier run fed, losing and repeating nothing', async () => {
    const shift = Replay.shiftFor(events, FIRST_START);
    const start = (events[0]?.at ?? 0) + shift;
    const stoppedAt = start + 86_400_000;
    const { handle, release } = await suiteDatabase('pglite');
    await handle.migrate();
    await saveConfig(handle.db, DEMO_TENANT, DEMO_CONFIG, 'test');
    const engine = await new EngineCache().engineFor(handle.db, DEMO_TENANT);
    const resumed = Replay.from(events, shift, stoppedAt);
    const until = stoppedAt + 86_400_000;
    const fed = await resumed.feed(handle.db, DEMO_TENANT, engine, until);
    const expected = events.filter((e) => e.at + shift > stoppedAt && e.at + shift <= until);
    expect(expected.length).toBeGreaterThan(0);
    expect(fed).toBe(expected.length);
    const [stored] = rowsOf<{ n: number; first: string | Date }>(
      await handle.db.execute(sql`select count(*)::int as n, min(at) as first from ticket_events`),
    );
    expect(stored?.n).toBe(expected.length);
    expect(new Date(stored?.first ?? 0).getTime()).toBeGreaterThan(stoppedAt);
    // Nothing is left before `until`: the next round starts after it.
    expect(await resumed.feed(handle.db, DEMO_TENANT, engine, until)).toBe(0);
    await release();
  });

  it('runs simulated time at the chosen speed from where it stands', () => {
    let real = 1_000;
    const clock = simulatedClock(5_000_000, 1440, () => real);
    expect(clock()).toBe(5_000_000);
    real += 1_000;
    expect(clock()).toBe(5_000_000 + 1_440_000);
  });
});
