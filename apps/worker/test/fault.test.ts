import { openDatabase, rowsOf } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
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

const base = process.env.TEST_DATABASE_URL;
const children: WorkerProcess[] = [];

// Several processes share one database: PostgreSQL only (CI sets TEST_DATABASE_URL).
describe.runIf(base)('worker faults on real PostgreSQL', () => {
  let url = '';
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(base as string));
    await seedDueTickets(url);
  });
  afterAll(async () => {
    // Even when an assertion failed or the test timed out, no worker outlives the suite.
    for (const { child } of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await drop();
  });

  it('SIGKILL mid-drain, then a restart: every level of every cycle is notified exactly once', async () => {
    const h = await openDatabase({ databaseUrl: url });
    const count = () => countNotifications(h.db);

    const first = startWorker(url);
    children.push(first);
    const before = await until(count, (c) => c.n > 0);
    expect(before.n, first.output()).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = await count();
    expect(atKill.n).toBeGreaterThan(0);
    expect(atKill.n).toBeLessThan(TICKETS * LEVELS);
    expect(before.n).toBeLessThanOrEqual(atKill.n);

    const second = startWorker(url);
    children.push(second);
    const after = await until(count, (c) => c.n >= TICKETS * LEVELS);
    second.child.kill('SIGTERM');
    const code = await new Promise((resolve) => second.child.once('exit', resolve));
    expect(after, second.output()).toEqual({ n: TICKETS * LEVELS, distinct: TICKETS * LEVELS });
    expect(code).toBe(0);
    const left = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from cycles where next_check_at < now()`),
    );
    expect(left[0]?.n).toBe(0);
    await h.close();
    // Two worker processes start through tsx: slow on a loaded 2-core CI machine.
  }, 150_000);
});
