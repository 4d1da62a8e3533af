// The worker process reads connected helpdesks at its ticks (src/main.ts wires the sync
// job): two workers against one PostgreSQL and a loopback Zendesk (packages/sync's fake of
// the Incremental Ticket Event Export) store every change once and stop cleanly on SIGTERM.
import { fileURLToPath } from 'node:url';
import { openDatabase, rowsOf, saveConfig } from '@breachless/db';
import { connectionHealth, saveConnection } from '@breachless/db/sync';
import { createScratchDatabase, serviceUnderTest } from '@breachless/db/testing';
import { FakeZendesk, fakeHistory } from '@breachless/sync/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

const base = process.env.TEST_DATABASE_URL;
const service = serviceUnderTest(
  'worker',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  {
    WORKER_PORT: '0',
    LOG_LEVEL: 'info',
    WORKER_SCHEDULE: '* * * * * *',
  },
);
afterAll(service.remove);

describe.runIf(base)('the worker syncs connected helpdesks', () => {
  it('two workers back-fill three tenants from Zendesk, each event stored once', async () => {
    const { url, drop } = await createScratchDatabase(base as string);
    const fake = new FakeZendesk({ clock: Date.now, perMinute: null });
    const start = Math.floor(Date.now() / 1000) - 86_400;
    fake.add(...fakeHistory({ tickets: 30, start, spacing: 600 }).map((c) => c.audit));
    await fake.start();
    const handle = await openDatabase({ databaseUrl: url });
    const workers = [] as ReturnType<typeof service.start>[];
    try {
      await handle.migrate();
      const tenants = ['t1', 't2', 't3'];
      for (const tenant of tenants) {
        await saveConfig(
          handle.db,
          tenant,
          { policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }] },
          'test',
        );
        const credentials = { email: 'agent@example.com', token: 'secret-token' };
        await saveConnection(
          handle.db,
          { tenant, platform: 'zendesk', baseUrl: fake.url, credentials, cursor: '0' },
          Date.now(),
        );
      }
      workers.push(service.start({ DATABASE_URL: url }), service.start({ DATABASE_URL: url }));
      for (const w of workers) expect((await w.outcome).port).toBeGreaterThan(0);
      // Until every connection has caught up (each worker reads at its one-second ticks).
      for (;;) {
        const health = await connectionHealth(handle.db, Date.now());
        if (health.every((h) => h.state === 'ok')) break;
        await new Promise((next) => setTimeout(next, 200));
      }
      const counts = await handle.db.execute(
        sql`select tenant_id, count(*)::int as n from ticket_events group by tenant_id order by tenant_id`,
      );
      const perTenant = rowsOf<{ tenant_id: string; n: number }>(counts);
      const health = await connectionHealth(handle.db, Date.now());
      const stored = health.map((h) => h.backfill.stored);
      expect(perTenant).toEqual(tenants.map((t, i) => ({ tenant_id: t, n: stored[i] })));
      expect(new Set(stored).size).toBe(1);
      expect(stored[0]).toBeGreaterThan(200);
      expect(health.every((h) => h.backfill.duplicates === 0 && h.lastError === null)).toBe(true);
      // Each connection's health is in the worker's /metrics.
      const port = (await workers[0]?.outcome)?.port;
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const tenant of tenants)
        expect(metrics).toContain(
          `breachless_sync_up{tenant="${tenant}",platform="zendesk",state="ok"} 1`,
        );
      expect(metrics).toMatch(
        /^breachless_sync_lag_seconds\{tenant="t1",platform="zendesk"\} \d+$/m,
      );
      for (const w of workers.splice(0)) expect(await w.stop()).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await handle.close();
      await fake.close();
      await drop();
    }
  });
});
