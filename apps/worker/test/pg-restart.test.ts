import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseEvents } from '@breachless/core';
import { EngineCache, ingestEvents, openDatabase, rowsOf, saveConfig } from '@breachless/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TICKETS = 300;
const LEVELS = 3; // 50%, 90% and the breach of each ticket's first response

/** Polls until `done` holds; bounded so that a hang fails the test instead of stalling it. */
async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  limitMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if ((value !== undefined && done(value)) || Date.now() > deadline) return value as T;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// A server of its own to restart (the shared one serves the other suites): CI has the
// PostgreSQL binaries whenever it sets TEST_DATABASE_URL.
describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL restart under a running worker', () => {
  let pg: PrivatePostgres;
  let worker: ChildProcess | undefined;
  const port = 39_000 + (process.pid % 1000);
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    const h = await openDatabase({ databaseUrl: pg.url });
    await h.migrate();
    const policy = {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' } },
      warnings: ['50%', '90%'],
    };
    await saveConfig(h.db, 'default', { policies: [policy] }, 'test');
    // Created three hours ago and ingested then: every level is due, none notified yet.
    const at = Date.now() - 3 * 3_600_000;
    const created = (i: number) => ({
      id: `c${i}`,
      ticket: `T-${i}`,
      type: 'ticket.created',
      at: new Date(at).toISOString(),
      fields: { status: 'new' },
    });
    const events = parseEvents(Array.from({ length: TICKETS }, (_, i) => created(i)));
    await ingestEvents(
      h.db,
      'default',
      events,
      await new EngineCache().engineFor(h.db, 'default'),
      at,
    );
    await h.close();
  }, 60_000);
  afterAll(() => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    pg?.stop();
  });

  it('the worker reports unhealthy, keeps running, reconnects, and notifies every level exactly once', async () => {
    worker = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        WORKER_SCHEDULE: '* * * * * *',
        WORKER_BATCH_SIZE: '10',
        WORKER_PORT: String(port),
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);
    const h = await openDatabase({ databaseUrl: pg.url });
    const count = async () =>
      rowsOf<{ n: number; distinct: number }>(
        await h.db.execute(
          sql`select count(*)::int as n, count(distinct (ticket_id, metric, cycle, level))::int as distinct from notifications`,
        ),
      )[0] ?? { n: 0, distinct: 0 };
    expect((await until(count, (c) => c.n > 0)).n).toBeGreaterThan(0);

    // Down long enough for at least one tick to fail against the stopped server.
    await pg.restart(2500);
    expect(worker.exitCode).toBeNull();
    const after = await until(count, (c) => c.n >= TICKETS * LEVELS, 90_000);
    expect(after).toEqual({ n: TICKETS * LEVELS, distinct: TICKETS * LEVELS });
    expect(await until(health, (s) => s === 200)).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    // At least one tick failed while the server was down, and none since crashed the process.
    expect(
      Number(/breachless_worker_tick_failures_total (\d+)/.exec(metrics)?.[1]),
    ).toBeGreaterThan(0);
    expect(worker.exitCode).toBeNull();
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker?.once('exit', resolve));
    expect(worker.exitCode).toBe(0);
    await h.close();
  }, 150_000);
});
