import { describe, expect, it } from 'vitest';
import { queueStats } from './queue-stats.js';
import {
  abandonmentRate,
  averageSpeedOfAnswer,
  InteractionError,
  serviceLevel,
} from './service-level.js';
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
];

describe('contact-center service level', () => {
  it('counts abandons in the denominator by default', () => {
    // 2 of 3 answered within 20 s, over 3 answered + 2 abandoned.
    expect(serviceLevel(calls, { thresholdSeconds: 20 })).toBe(40);
  });

  it('can leave abandons out, or ignore the short ones', () => {
    expect(serviceLevel(calls, { thresholdSeconds: 20, abandoned: 'exclude' })).toBe(66.67);
    // The 3-second abandon is ignored: 2 / (3 + 1).
    expect(serviceLevel(calls, { thresholdSeconds: 20, shortAbandonSeconds: 5 })).toBe(50);
  });

  it('gives the average speed of answer and the abandonment rate', () => {
    expect(averageSpeedOfAnswer(calls)).toBe(25);
    expect(abandonmentRate(calls)).toBe(33.33);
    expect(abandonmentRate(calls, { shortAbandonSeconds: 5 })).toBe(20);
    expect(serviceLevel([], { thresholdSeconds: 20 })).toBeNull();
  });

  it('splits figures by queue and channel', () => {
    const rows = queueStats(calls, { thresholdSeconds: 20, byChannel: true });
    expect(
      rows.map((r) => [r.queue, r.channel, r.offered, r.answered, r.abandoned, r.serviceLevelPct]),
    ).toEqual([
      ['billing', 'chat', 2, 1, 1, 0],
      ['billing', 'voice', 3, 2, 1, 66.67],
      ['sales', null, 1, 0, 0, null],
    ]);
  });

  it('rejects interactions that cannot have happened', () => {
    expect(() =>
      serviceLevel([{ id: 'x', queue: 'q', offeredAt: t0, answeredAt: s(1), abandonedAt: s(2) }], {
        thresholdSeconds: 20,
      }),
    ).toThrow(InteractionError);
    expect(() =>
      averageSpeedOfAnswer([{ id: 'y', queue: 'q', offeredAt: t0, answeredAt: s(-1) }]),
    ).toThrow(/before it was offered/);
  });
});
