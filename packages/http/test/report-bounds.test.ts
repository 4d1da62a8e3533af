import { rowsOf } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
// Five closed days: a report by day computes and stores each of them the first time.
const FIVE_DAYS = '/v1/reports/compliance?from=2026-11-10&to=2026-11-14&by=day';

describeEachDriver('report bounds (issue 15, item 6)', (handle) => {
  const h = harness(handle, NOW);
  const periods = async (tenant: string) =>
    rowsOf<{ n: number }>(
      await handle().db.execute(
        sql`select count(*)::int as n from report_periods where tenant_id = ${tenant}`,
      ),
    )[0]?.n ?? 0;
  /** A logger and a promise of its first line with message `msg`. */
  const watch = (msg: string) => {
    let seen: (line: Record<string, unknown>) => void = () => {};
    const line = new Promise<Record<string, unknown>>((resolve) => {
      seen = resolve;
    });
    const logger = pino(
      { level: 'info' },
      {
        write: (text: string) => {
          const parsed = JSON.parse(text) as Record<string, unknown>;
          if (parsed.msg === msg) seen(parsed);
        },
      },
    );
    return { logger, line };
  };

  it('refuses a period over 366 days (92 by day), naming the limit, before any work', async () => {
    const year = 'the period covers at most 366 days: ask for a longer one in parts';
    const quarter = 'the period covers at most 92 days by day: ask for a longer one in parts';
    for (const [path, message] of [
      ['/v1/reports/compliance?from=1990-01-01&to=2026-11-23&by=day,team', quarter],
      ['/v1/reports/compliance?from=2026-08-01&to=2026-11-01&by=team,day', quarter],
      ['/v1/reports/compliance?from=2025-01-01&to=2026-01-02&by=month', year],
      ['/v1/reports/compliance?from=2025-01-01&to=2026-01-02', year],
      ['/v1/reports/queues?from=2025-01-01&to=2026-01-02', year],
    ]) {
      const { status, body } = await h.getJson('long', path as string);
      expect([path, status, body]).toEqual([
        path,
        400,
        { error: 'invalid query', problems: [{ path: 'to', message }] },
      ]);
    }
    expect(await periods('long')).toBe(0);
    // A whole leap year by month, and a whole quarter by day, are within the limits.
    const leap = '/v1/reports/compliance?from=2024-01-01&to=2024-12-31&by=month';
    expect((await h.getJson('long', leap)).status).toBe(200);
    expect(await periods('long')).toBe(12);
    const quarterByDay = '/v1/reports/compliance?from=2026-08-01&to=2026-10-31&by=day';
    expect((await h.getJson('long', quarterByDay)).status).toBe(200);
    expect(await periods('long')).toBe(12 + 92);
  });

  it('stops computing periods once the client is gone', async () => {
    const { logger, line } = watch('request work stopped');
    const gone = new AbortController();
    gone.abort();
    const res = await h.app({ logger }).request(FIVE_DAYS, {
      headers: { authorization: `Bearer ${await h.token('gone')}` },
      signal: gone.signal,
    });
    expect(res.status).toBe(503);
    expect(await line).toMatchObject({ why: 'client gone', route: '/v1/reports/compliance' });
    expect(await periods('gone')).toBe(0);
    // The control: the same report, the client waiting, computes and stores all five.
    expect((await h.getJson('gone', FIVE_DAYS)).status).toBe(200);
    expect(await periods('gone')).toBe(5);
  });

  it('answers 202 when the report outlasts its patience, and computes every period for the next ask', async () => {
    const token = await h.token('slow');
    // Its patience spent at once: the report needs the database, so it is not done by then.
    let patience = () => Promise.resolve();
    const app = h.app({ reportPatience: () => patience() });
    const get = () =>
      Promise.resolve(app.request(FIVE_DAYS, { headers: { authorization: `Bearer ${token}` } }));
    const res = await get();
    expect([res.status, await res.json()]).toEqual([
      202,
      { status: 'running', retryAfterSeconds: 5 },
    ]);
    // Asked again with time to wait: the same computation, run to its end, all five stored.
    patience = () => new Promise<void>(() => {});
    expect((await get()).status).toBe(200);
    expect(await periods('slow')).toBe(5);
  });
});
