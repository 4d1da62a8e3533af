import { parseEvents } from '@breachless/core';
import {
  EngineCache,
  ingestEvents,
  openDatabase,
  rowsOf,
  saveConfig,
  schema,
} from '@breachless/db';
import { describeEachDriver, openMigratedPglite } from '@breachless/db/testing';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { workerMetrics } from '../src/metrics.js';
import { Worker } from '../src/worker.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const MIN = 60_000;
const silent = pino({ level: 'silent' });

describeEachDriver('worker', (handle, url) => {
  let now = T0;
  const clock = () => now;

  it('fires each level when the injected clock reaches it, without sleeping', async () => {
    const { db } = handle();
    await saveConfig(
      db,
      'acme',
      {
        policies: [
          {
            id: 'p',
            calendar: '24x7',
            targets: { first_response: { '*': '1h' } },
            warnings: ['50%'],
          },
        ],
      },
      'test',
    );
    const events = parseEvents([
      {
        id: 'c',
        ticket: 'T-1',
        type: 'ticket.created',
        at: new Date(T0).toISOString(),
        fields: { status: 'new' },
      },
    ]);
    await ingestEvents(db, 'acme', events, await new EngineCache().engineFor(db, 'acme'), T0);
    const metrics = workerMetrics();
    const worker = new Worker({ db, clock, logger: silent, metrics });

    now = T0 + 29 * MIN;
    expect(await worker.tick()).toMatchObject({ claimed: 0, created: 0 });
    now = T0 + 30 * MIN + 1000;
    expect(await worker.tick()).toMatchObject({ claimed: 1, created: 1 });
    now = T0 + 61 * MIN;
    expect(await worker.tick()).toMatchObject({ claimed: 1, created: 1 });
    const levels = await db
      .select({ level: schema.notifications.level })
      .from(schema.notifications)
      .where(eq(schema.notifications.tenantId, 'acme'));
    expect(levels.map((l) => l.level).sort()).toEqual(['50%', 'breach']);
    expect(
      await metrics.registry.getSingleMetricAsString(
        'breachless_worker_notifications_created_total',
      ),
    ).toContain(' 2');
  });

  it('never overlaps ticks, and stop waits for the tick in flight', async () => {
    const worker = new Worker({ db: handle().db, clock, logger: silent, metrics: workerMetrics() });
    const first = worker.tick();
    expect(worker.tick()).toBe(first);
    const stopped = worker.stop();
    expect(await first).toBeDefined();
    await stopped;
    expect(await worker.tick()).toBeUndefined();
  });

  it('survives losing the database and recovers at the next tick', async () => {
    if (!url()) {
      // PGlite is in-process: closing it is the closest thing to losing it. Opened from the
      // migrated image: initdb (several seconds of CPU) would only be thrown away.
      const lost = await openMigratedPglite();
      await lost.close();
      const worker = new Worker({ db: lost.db, clock, logger: silent, metrics: workerMetrics() });
      expect(await worker.tick()).toBeUndefined();
      expect(worker.healthy).toBe(false);
      return;
    }
    // One connection, so cutting its backend is cutting the worker off, as a restart would.
    const own = await openDatabase({ databaseUrl: url(), maxConnections: 1 });
    const metrics = workerMetrics();
    const worker = new Worker({ db: own.db, clock, logger: silent, metrics });
    expect(await worker.tick()).toBeDefined();
    const [backend] = rowsOf<{ pid: number }>(
      await own.db.execute(sql`select pg_backend_pid() as pid`),
    );
    const admin = await openDatabase({ databaseUrl: url() });
    await admin.db.execute(sql`select pg_terminate_backend(${backend?.pid}::int)`);
    // Termination is a signal: wait until the backend is gone, or a tick could still reach it
    // and the cut would land on the tick after (the flake this once was).
    for (let i = 0; i < 500; i++) {
      const alive = rowsOf(
        await admin.db.execute(
          sql`select 1 from pg_stat_activity where pid = ${backend?.pid}::int`,
        ),
      );
      if (alive.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await admin.close();
    const afterCut = await worker.tick();
    if (afterCut === undefined) expect(worker.healthy).toBe(false);
    expect(await worker.tick()).toBeDefined();
    expect(worker.healthy).toBe(true);
    await own.close();
  });
});
