import { openDatabase } from '@breachless/db';
import { type PrivatePostgres, startPrivatePostgres } from '@breachless/db/private-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countNotifications,
  LEVELS,
  seedDueTickets,
  startWorker,
  TICKETS,
  until,
  type WorkerProcess,
} from './fault-harness.js';

// A server of its own to restart (the shared one serves the other suites): CI has the
// PostgreSQL binaries whenever it sets TEST_DATABASE_URL.
describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL restart under a running worker', () => {
  let pg: PrivatePostgres;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    await seedDueTickets(pg.url);
  }, 60_000);
  afterAll(() => {
    if (worker && worker.child.exitCode === null) worker.child.kill('SIGKILL');
    pg?.stop();
  });

  it('the worker reports unhealthy, keeps running, reconnects, and notifies every level exactly once', async () => {
    const w = startWorker(pg.url);
    worker = w;
    const port = await w.port();
    const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);
    const h = await openDatabase({ databaseUrl: pg.url });
    const count = () => countNotifications(h.db);
    expect((await until(count, (c) => c.n > 0)).n, w.output()).toBeGreaterThan(0);

    // Down long enough for at least one tick to fail against the stopped server.
    await pg.restart(2500);
    expect(w.child.exitCode, w.output()).toBeNull();
    const after = await until(count, (c) => c.n >= TICKETS * LEVELS, 90_000);
    expect(after, w.output()).toEqual({ n: TICKETS * LEVELS, distinct: TICKETS * LEVELS });
    expect(await until(health, (s) => s === 200)).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    // At least one tick failed while the server was down, and none since crashed the process.
    expect(
      Number(/breachless_worker_tick_failures_total (\d+)/.exec(metrics)?.[1]),
    ).toBeGreaterThan(0);
    expect(w.child.exitCode).toBeNull();
    w.child.kill('SIGTERM');
    await new Promise((resolve) => w.child.once('exit', resolve));
    expect(w.child.exitCode).toBe(0);
    await h.close();
  }, 150_000);
});
