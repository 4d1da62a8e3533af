import { describe, expect, it } from 'vitest';
import { queueStats } from './queue-stats.js';
import type { QueueInteraction } from './types.js';

const t0 = Date.parse('2026-11-23T09:00:00Z');
const s = (seconds: number) => t0 + seconds * 1000;
const calls: QueueInteraction[] = [
  { id: '1', queue: 'billing', channel: 'voice', offeredAt: t0, answeredAt: s(10) },
  { id: '2', queue: 'billing', channel: 'voice', offeredAt: t0, answeredAt: s(20) },
  { id: '3', queue: 'billing', channel: 'chat', offeredAt: t0, answeredAt: s(45) },
  { id: '4', queue: 'billing', channel: 'voice', offeredAt: t0, abandonedAt: s(3) },
  { id: '5', queue: 'billing', channel: 'chat', offeredAt: t0, abandonedAt: s(60) },
  { id: '6', queue: 'sales', offeredAt: t0 },
  { id: '7', queue: 'billing', channel: 'voice', offeredAt: t0, abandonedAt: s(5) },
  { id: '8', queue: 'sales', channel: 'chat', offeredAt: t0, answeredAt: s(30) },
  { id: '9', queue: 'Sales', channel: 'chat', offeredAt: t0, answeredAt: s(1) },
];

describe('queueStats', () => {
  it('gives every figure per queue', () => {
    const rows = queueStats(calls, { thresholdSeconds: 20 });
    // Ordinal order: 'Sales' (capital S) sorts before 'billing'.
    expect(rows.map((r) => r.queue)).toEqual(['Sales', 'billing', 'sales']);
    expect(rows[1]).toEqual({
      queue: 'billing',
      offered: 6,
      answered: 3,
      abandoned: 3,
      waiting: 0,
      shortAbandoned: 0,
      serviceLevelPct: 33.33, // 2 within 20 s / (3 + 3)
      averageSpeedOfAnswerSeconds: 25, // (10 + 20 + 45) / 3
      abandonmentRatePct: 50, // 3 / 6
    });
    // Call 6 still waits: offered, in no other figure. Call 8 answered after 30 s.
    expect(rows[2]).toMatchObject({
      offered: 2,
      answered: 1,
      abandoned: 0,
      waiting: 1,
      serviceLevelPct: 0,
      averageSpeedOfAnswerSeconds: 30,
      abandonmentRatePct: 0,
    });
    expect('channel' in (rows[0] ?? {})).toBe(false);
  });

  it('splits by channel, a missing channel last, with the variants applied per group', () => {
    const rows = queueStats(calls, {
      thresholdSeconds: 20,
      abandoned: 'count',
      shortAbandonSeconds: 5,
      byChannel: true,
    });
    expect(
      rows.map((r) => [
        r.queue,
        r.channel,
        r.offered,
        r.answered,
        r.abandoned,
        r.shortAbandoned,
        r.serviceLevelPct,
        r.averageSpeedOfAnswerSeconds,
        r.abandonmentRatePct,
      ]),
    ).toEqual([
      ['Sales', 'chat', 1, 1, 0, 0, 100, 1, 0],
      // Answered 45 s, abandoned 60 s: 0 within / 2; abandoned 1 of 2.
      ['billing', 'chat', 2, 1, 1, 0, 0, 45, 50],
      // Call 4 (3 s) is a short abandon, call 7 (5 s) is not: 2 within / (2 + 1); 1 of 3.
      ['billing', 'voice', 3, 2, 1, 1, 66.67, 15, 33.33],
      ['sales', 'chat', 1, 1, 0, 0, 0, 30, 0],
      ['sales', null, 1, 0, 0, 0, null, null, 0],
    ]);
    const excluded = queueStats(calls, {
      thresholdSeconds: 20,
      abandoned: 'exclude',
      byChannel: true,
    });
    // Billing voice without abandons in the denominator: 2 / 2.
    expect(
      excluded.find((r) => r.queue === 'billing' && r.channel === 'voice')?.serviceLevelPct,
    ).toBe(100);
  });

  it('has no rows without interactions', () => {
    expect(queueStats([], { thresholdSeconds: 20 })).toEqual([]);
  });
});
