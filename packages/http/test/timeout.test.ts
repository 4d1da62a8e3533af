import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

describeEachDriver('request timeout', (handle) => {
  const h = harness(handle, Date.parse('2026-11-23T09:00:00Z'));

  it('answers 503 JSON when the database keeps a request waiting past the limit', async () => {
    const token = await h.token('acme');
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // Another transaction holds the cycles table until the test lets go. On PostgreSQL the
    // at-risk query waits for the lock; PGlite, one connection, queues every query behind it.
    const holder = handle().db.transaction(async (tx) => {
      await tx.execute(sql`lock table cycles in access exclusive mode`);
      locked();
      await released;
    });
    await lockTaken;
    const request = () =>
      h.app({ requestTimeoutMs: 50 }).request('/v1/at-risk', {
        headers: { authorization: `Bearer ${token}` },
      });
    const stuck = await Promise.resolve(request()).finally(release);
    await holder;
    expect(stuck.status).toBe(503);
    expect(await stuck.json()).toEqual({ error: 'request timed out' });
    // The same request, the lock gone, answers in time.
    expect((await request()).status).toBe(200);
  });
});
