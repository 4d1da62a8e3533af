import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseEvents } from '@breachless/core';
import { EngineCache, ingestEvents, openDatabase, rowsOf, saveConfig } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TICKETS = 300;
const base = process.env.TEST_DATABASE_URL;

const children: ChildProcess[] = [];

/** A real worker process on the scratch database, ticking every second in small batches. */
function startWorker(url: string): ChildProcess {
  // One process (node --import tsx), so that signals reach the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      WORKER_SCHEDULE: '* * * * * *',
      WORKER_BATCH_SIZE: '10',
      WORKER_PORT: '0',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

/** Polls the database (not the clock) until `done` holds; bounded so a hang fails the test. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  limitMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// Several processes share one database: PostgreSQL only (CI sets TEST_DATABASE_URL).
describe.runIf(base)('worker faults on real PostgreSQL', () => {
  let url = '';
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(base as string));
    const h = await openDatabase({ databaseUrl: url });
    await h.migrate();
    await saveConfig(
      h.db,
      'default',
      {
        policies: [
          {
            id: 'p',
            calendar: '24x7',
            targets: { first_response: { '*': '1h' } },
            warnings: ['50%', '90%'],
          },
        ],
      },
      'test',
    );
    // Created three hours ago, ingested then: every level is due and none notified yet.
    const at = Date.now() - 3 * 3_600_000;
    const events = parseEvents(
      Array.from({ length: TICKETS }, (_, i) => ({
        id: `c${i}`,
        ticket: `T-${i}`,
        type: 'ticket.created',
        at: new Date(at).toISOString(),
        fields: { status: 'new' },
      })),
    );
    const engine = await new EngineCache().engineFor(h.db, 'default');
    for (let i = 0; i < TICKETS; i += 200)
      await ingestEvents(h.db, 'default', events.slice(i, i + 200), engine, at);
    await h.close();
  });
  afterAll(async () => {
    // Even when an assertion failed or the test timed out, no worker outlives the suite.
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await drop();
  });

  it('SIGKILL mid-drain, then a restart: every level of every cycle is notified exactly once', async () => {
    const h = await openDatabase({ databaseUrl: url });
    const count = async () =>
      rowsOf<{ n: number; distinct: number }>(
        await h.db.execute(
          sql`select count(*)::int as n, count(distinct (ticket_id, metric, cycle, level))::int as distinct from notifications`,
        ),
      )[0] ?? { n: 0, distinct: 0 };

    const first = startWorker(url);
    const before = await until(count, (c) => c.n > 0);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await count();
    expect(atKill.n).toBeGreaterThan(0);
    expect(atKill.n).toBeLessThan(TICKETS * 3);
    expect(before.n).toBeLessThanOrEqual(atKill.n);

    const second = startWorker(url);
    const after = await until(count, (c) => c.n >= TICKETS * 3);
    second.kill('SIGTERM');
    const code = await new Promise((resolve) => second.once('exit', resolve));
    expect(after).toEqual({ n: TICKETS * 3, distinct: TICKETS * 3 });
    expect(code).toBe(0);
    const left = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from cycles where next_check_at < now()`),
    );
    expect(left[0]?.n).toBe(0);
    await h.close();
    // Two worker processes start through tsx: slow on a loaded 2-core CI machine.
  }, 150_000);
});
