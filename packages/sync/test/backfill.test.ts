// A backfill from the loopback Zendesk (src/zendesk/fake.ts, Zendesk's Incremental Ticket
// Event Export as documented) that stops halfway resumes from its stored cursor on another
// worker and stores every event once; from a date, it first stores in full the tickets
// created before it that are still open or were solved since; a helpdesk that is down delays the connection with a
// growing backoff and says so, and the next success clears it.
import { EngineCache, saveConfig } from '@breachless/db';
import { claimConnection, connectionHealth, saveConnection } from '@breachless/db/sync';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncOnce } from '../src/job.js';
import { FakeZendesk } from '../src/zendesk/fake.js';
import { fakeHistory } from '../src/zendesk/fake-history.js';
import { CONFIG } from './webhooks.js';

const START = Date.UTC(2026, 10, 2, 8) / 1000;
const history = fakeHistory({ tickets: 40, start: START, spacing: 600 });
let now = (START + 2 * 86_400) * 1000;
let fake: FakeZendesk;
beforeAll(async () => {
  fake = new FakeZendesk({ clock: () => now, pageSize: 25, perMinute: null });
  fake.add(...history.map((c) => c.audit));
  await fake.start();
});
afterAll(() => fake.close());

describeEachDriver('Zendesk backfill', (handle) => {
  const credentials = { email: 'agent@example.com', token: 'secret-token' };
  const only = { tenant: 'acme', platform: 'zendesk' };

  it('resumes from its cursor after stopping halfway, storing every event once', async () => {
    const { db } = handle();
    now = (START + 2 * 86_400) * 1000;
    await saveConfig(db, 'acme', CONFIG, 'test');
    await saveConnection(
      db,
      { ...only, platform: 'zendesk', baseUrl: fake.url, credentials, cursor: '0' },
      now,
    );
    const engines = new EngineCache();
    // Worker 1 reads three pages, then is gone (as if killed): its lease lapses.
    const first = await syncOnce({ db, engines, clock: () => now, owner: 'w1', maxPages: 3 }, only);
    expect(first).toMatchObject({
      phase: 'backfill',
      outcome: 'more',
      totals: { pages: 3, records: 75 },
    });
    const [halfway] = await connectionHealth(db, now, 'acme');
    expect(halfway).toMatchObject({ state: 'backfilling', backfill: { records: 75 } });
    // A worker that claims it next and dies before its first page holds it for its lease.
    const dead = await claimConnection(db, now, 'dead', 120_000);
    expect(JSON.parse(dead?.cursor ?? '{}').start).toBeGreaterThan(START);
    expect(await syncOnce({ db, engines, clock: () => now + 60_000, owner: 'w2' })).toBeNull();
    now += 121_000;
    const second = await syncOnce({ db, engines, clock: () => now, owner: 'w2' }, only);
    expect(second).toMatchObject({ phase: 'backfill', outcome: 'caught-up' });
    // From the stored cursor, not from the start.
    expect(second?.totals?.records).toBeLessThan(history.length);
    const [done] = await connectionHealth(db, now, 'acme');
    // Every audit's events once: one per webhook Zendesk sent for the same changes.
    const events = history.reduce((n, c) => n + c.webhooks.length, 0);
    expect(done?.state).toBe('ok');
    expect(done?.backfill.records).toBeGreaterThanOrEqual(history.length);
    expect(done?.backfill.stored).toBe(events);
    expect(done?.backfill.rejected).toBe(0);
  });

  it('says a helpdesk is down, backs off, and recovers', async () => {
    const { db } = handle();
    fake.down = true;
    now += 600_000;
    const options = {
      db,
      engines: new EngineCache(),
      clock: () => now,
      owner: 'w',
      random: () => 0,
    };
    expect(await syncOnce(options)).toMatchObject({
      outcome: 'failed',
      message: 'zendesk: 503 {"error":"ServiceUnavailable"}',
      nextRunAt: now + 15_000,
    });
    now += 15_000;
    expect(await syncOnce(options)).toMatchObject({ outcome: 'failed', nextRunAt: now + 30_000 });
    expect(await syncOnce(options)).toBeNull();
    const [down] = await connectionHealth(db, now, 'acme');
    expect(down).toMatchObject({
      state: 'failing',
      failures: 2,
      lastError: 'zendesk: 503 {"error":"ServiceUnavailable"}',
    });
    fake.down = false;
    now += 30_000;
    expect(await syncOnce(options)).toMatchObject({ outcome: 'caught-up', totals: { stored: 0 } });
    const [up] = await connectionHealth(db, now, 'acme');
    expect(up).toMatchObject({ state: 'ok', failures: 0 });
    expect(await claimConnection(db, now, 'other', 60_000)).toBeNull();
  });

  it('from a date, stores the tickets created before it and still open (or solved since) in full', async () => {
    const { db } = handle();
    const globex = { tenant: 'globex', platform: 'zendesk' as const };
    await saveConfig(db, 'globex', CONFIG, 'test');
    const since = START + 3 * 3600;
    const connection = { baseUrl: fake.url, credentials, cursor: String(since) };
    await saveConnection(db, { ...globex, ...connection }, now);
    const engines = new EngineCache();
    const run = await syncOnce({ db, engines, clock: () => now, owner: 'w' }, globex);
    expect(run).toMatchObject({ phase: 'backfill', outcome: 'caught-up' });
    const [health] = await connectionHealth(db, now, 'globex');
    // All but 1001 and 1003, solved before the date: their comments are not rejected.
    const read = history.filter((c) => ![1001, 1003].includes(c.audit.ticket_id));
    expect(health?.backfill.rejected).toBe(0);
    expect(health?.backfill.stored).toBe(read.reduce((n, c) => n + c.webhooks.length, 0));
  });
});
