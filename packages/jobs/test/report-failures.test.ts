import { Writable } from 'node:stream';
import { rowsOf, saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { workerMetrics } from '../src/metrics.js';
import { Worker } from '../src/worker.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const MARKER = 'AGENT-MARKER-77aa';
const CONFIG = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
};

describeEachDriver('worker report periods', (handle) => {
  it('logs and counts a tenant whose stored report shape fails, and computes the others', async () => {
    const { db } = handle();
    for (const tenant of ['acme', 'globex']) await saveConfig(db, tenant, CONFIG, 'test');
    // acme's shape was written by an earlier version, in a format this one does not read.
    await db.execute(sql`
      insert into report_shapes (tenant_id, zone, unit, shape, used_at) values
        ('acme', 'UTC', 'day', ${`agent:${MARKER}`}, ${new Date(NOW).toISOString()}::timestamptz),
        ('globex', 'UTC', 'day', '[[],{}]', ${new Date(NOW).toISOString()}::timestamptz)`);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const metrics = workerMetrics();
    const worker = new Worker({ db, clock: () => NOW, logger: pino(sink), metrics });

    // A tick computes 10 periods at most, fewer when they take over 2 s of real time (a busy
    // machine): globex's 35 days take four ticks or more, acme failing in each.
    const stored = async () =>
      rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from report_periods where tenant_id = 'globex'`,
        ),
      )[0]?.n;
    let ticks = 0;
    while (((await stored()) ?? 0) < 35) {
      expect(await worker.tick()).toBeDefined();
      ticks += 1;
      expect(ticks).toBeLessThanOrEqual(35);
    }
    expect(worker.healthy).toBe(true);
    expect(await stored()).toBe(35);
    const warned = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'report periods failed; the others go on');
    expect(warned).toHaveLength(ticks);
    expect(warned[0]).toMatchObject({
      level: 40,
      tenant: 'acme',
      unit: 'day',
      zone: 'UTC',
      error: { message: 'stored report shape is not one this version reads' },
    });
    expect(lines.join('')).not.toContain(MARKER);
    const text = await metrics.registry.metrics();
    expect(text).toContain(`breachless_worker_report_failures_total{tenant="acme"} ${ticks}`);
    expect(text).not.toContain('breachless_worker_report_failures_total{tenant="globex"}');
    expect(text).toContain('breachless_worker_tick_failures_total 0');
  });
});
