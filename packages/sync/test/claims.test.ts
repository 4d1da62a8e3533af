// Connections shared by any number of workers through PostgreSQL: one claim at a time
// (FOR UPDATE SKIP LOCKED and a lease), a lapsed lease taken over, the old holder's writes
// refused; failures back off with jitter, rate limits wait Retry-After; health says so, to
// chat admins too (`/sla connections` through db's chat queries).
import { chatQueries, EngineCache, openDatabase } from '@breachless/db';
import {
  claimConnection,
  connectionHealth,
  finishRun,
  LeaseLostError,
  rotateCredentials,
  saveConnection,
  saveProgress,
} from '@breachless/db/sync';
import { describeEachDriver } from '@breachless/db/testing';
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '../src/backoff.js';

const T0 = Date.parse('2026-11-02T10:00:00Z');
const connection = (tenant: string) => ({
  tenant,
  platform: 'zendesk' as const,
  baseUrl: 'https://acme.zendesk.com',
  credentials: { email: 'a@acme.com', token: 'tok' },
  cursor: '0',
});

describeEachDriver('sync connections', (handle, url) => {
  it('gives each due connection to one claimer at a time, and a lapsed lease to the next', async () => {
    const { db } = handle();
    for (const t of ['a', 'b']) await saveConnection(db, connection(t), T0);
    // On PostgreSQL a second connection claims at the same time; PGlite has one.
    const other = url() ? await openDatabase({ databaseUrl: url() as string }) : handle();
    try {
      const claims = await Promise.all([
        claimConnection(db, T0, 'w1', 60_000),
        claimConnection(other.db, T0, 'w2', 60_000),
        claimConnection(db, T0, 'w3', 60_000),
      ]);
      expect(claims.map((c) => c?.tenant ?? null).sort()).toEqual(['a', 'b', null].sort());
      const held = claims.find((c) => c?.owner === 'w1' || c?.owner === 'w2');
      if (!held) throw new Error('no claim');
      expect(held.credentials).toEqual({ email: 'a@acme.com', token: 'tok' });
      expect(await claimConnection(db, T0 + 30_000, 'w4', 60_000)).toBeNull();
      const taken = await claimConnection(db, T0 + 61_000, 'w4', 60_000);
      expect(taken?.owner).toBe('w4');
      const progress = {
        cursor: '5',
        cursorAt: T0,
        account: { records: 1, stored: 1, seen: 0, duplicates: 0, rejected: 0 },
      };
      const stale = claims.find((c) => c?.tenant === taken?.tenant);
      if (!stale) throw new Error('no stale claim');
      await expect(saveProgress(db, stale, progress, T0 + 62_000, 60_000)).rejects.toBeInstanceOf(
        LeaseLostError,
      );
    } finally {
      if (other !== handle()) await other.close();
    }
  });

  it('schedules by outcome and shows it in the health, never the credentials', async () => {
    const { db } = handle();
    await saveConnection(db, connection('c'), T0);
    const c = await claimConnection(db, T0, 'w', 60_000, { tenant: 'c', platform: 'zendesk' });
    if (!c) throw new Error('not claimed');
    await finishRun(
      db,
      c,
      { kind: 'failed', message: 'zendesk: 503 down', nextRunAt: T0 + 30_000 },
      T0,
    );
    let [h] = await connectionHealth(db, T0 + 1000, 'c');
    expect(h).toMatchObject({
      state: 'failing',
      failures: 1,
      lastError: 'zendesk: 503 down',
      nextRunAt: new Date(T0 + 30_000).toISOString(),
    });
    expect(JSON.stringify(h)).not.toContain('tok');
    expect(await claimConnection(db, T0 + 10_000, 'w', 60_000)).toBeNull();
    const again = await claimConnection(db, T0 + 30_000, 'w', 60_000);
    if (!again) throw new Error('not due again');
    await saveProgress(
      db,
      again,
      {
        cursor: '9',
        cursorAt: T0 + 20_000,
        account: { records: 3, stored: 2, seen: 1, duplicates: 0, rejected: 0 },
      },
      T0 + 31_000,
      60_000,
    );
    await finishRun(db, again, { kind: 'caught-up', nextRunAt: T0 + 331_000 }, T0 + 31_000);
    [h] = await connectionHealth(db, T0 + 40_000, 'c');
    expect(h).toMatchObject({
      state: 'ok',
      failures: 0,
      lagSeconds: 20,
      backfill: { records: 3, stored: 2, seen: 1 },
      repaired: 0,
    });
    expect(await rotateCredentials(db, 'c', 'zendesk', { token: 'new' }, T0 + 50_000)).toBe(true);
    const rotated = await claimConnection(db, T0 + 50_000, 'w', 60_000);
    expect(rotated).toMatchObject({
      credentials: { email: 'a@acme.com', token: 'new' },
      cursor: '9',
      phase: 'reconcile',
    });
  });
  it('answers /sla connections with the asking tenant’s connections, never another’s nor a credential', async () => {
    const { db } = handle();
    const github = { baseUrl: 'https://api.github.com', credentials: { token: 'gh-secret' } };
    await saveConnection(
      db,
      { tenant: 'acme', platform: 'github', ...github, settings: { repos: ['a/b'] }, cursor: '0' },
      T0,
    );
    await saveConnection(
      db,
      { tenant: 'other', platform: 'github', ...github, settings: { repos: ['c/d'] }, cursor: '0' },
      T0,
    );
    const scope = { tenant: 'acme', platform: 'slack', channel: 'C1', user: 'U1' };
    const q = chatQueries(db, new EngineCache(), scope);
    const listed = await q.connections(T0);
    expect(listed).toEqual([
      {
        platform: 'github',
        state: 'backfilling',
        lastSuccessAt: null,
        lagSeconds: null,
        repaired: 0,
        lastError: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain('gh-secret');
  });
});

describe('backoff', () => {
  it('doubles from 30 s to an hour, jittered over its upper half; Retry-After plus a tenth at most', () => {
    expect([0, 1, 2].map((n) => backoffMs(n, () => 0))).toEqual([15_000, 30_000, 60_000]);
    expect(backoffMs(3, () => 0.999_999)).toBeLessThanOrEqual(240_000);
    expect(backoffMs(30, () => 0)).toBe(1_800_000);
    expect(retryAfterMs(45_000, () => 0)).toBe(45_000);
    expect(retryAfterMs(45_000, () => 0.5)).toBe(47_250);
    expect(retryAfterMs(0, () => 0.5)).toBe(500);
  });
});
