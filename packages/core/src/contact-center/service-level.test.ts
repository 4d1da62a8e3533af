import { describe, expect, it } from 'vitest';
import { abandonmentRate, averageSpeedOfAnswer, serviceLevel } from './service-level.js';
import type { QueueInteraction } from './types.js';

const t0 = Date.parse('2026-11-23T09:00:00Z');
const s = (seconds: number) => t0 + seconds * 1000;
/** Answered after 10, 20 and 45 s; abandoned after 3, 60 and 5 s; one still waiting. */
const calls: QueueInteraction[] = [
  { id: '1', queue: 'billing', channel: 'voice', offeredAt: t0, answeredAt: s(10) },
  { id: '2', queue: 'billing', channel: 'voice', offeredAt: t0, answeredAt: s(20) },
  { id: '3', queue: 'billing', channel: 'chat', offeredAt: t0, answeredAt: s(45) },
  { id: '4', queue: 'billing', channel: 'voice', offeredAt: t0, abandonedAt: s(3) },
  { id: '5', queue: 'billing', channel: 'chat', offeredAt: t0, abandonedAt: s(60) },
  { id: '6', queue: 'sales', offeredAt: t0 },
  { id: '7', queue: 'billing', channel: 'voice', offeredAt: t0, abandonedAt: s(5) },
];

describe('service level', () => {
  it('is answered within the threshold over answered + abandoned', () => {
    // Within 20 s: calls 1 and 2 (20 s is within 20 s). Denominator 3 answered + 3 abandoned.
    expect(serviceLevel(calls, { thresholdSeconds: 20 })).toBe(33.33);
    expect(serviceLevel(calls, { thresholdSeconds: 20, abandoned: 'count' })).toBe(33.33);
    // At 19 s only call 1 is within: 1 / 6.
    expect(serviceLevel(calls, { thresholdSeconds: 19 })).toBe(16.67);
    expect(serviceLevel(calls, { thresholdSeconds: 60 })).toBe(50);
  });

  it('leaves abandons out of the denominator with `exclude`', () => {
    // 2 / 3 answered.
    expect(serviceLevel(calls, { thresholdSeconds: 20, abandoned: 'exclude' })).toBe(66.67);
    // Nothing answered: no denominator at all, whatever was abandoned.
    const abandonedOnly = calls.filter((c) => c.abandonedAt !== undefined);
    expect(serviceLevel(abandonedOnly, { thresholdSeconds: 20, abandoned: 'exclude' })).toBeNull();
    expect(serviceLevel(abandonedOnly, { thresholdSeconds: 20 })).toBe(0);
  });

  it('ignores abandons strictly under the short-abandon limit', () => {
    // Limit 5 s: call 4 (3 s) is ignored, call 7 (exactly 5 s) is not. 2 / (3 + 2).
    expect(serviceLevel(calls, { thresholdSeconds: 20, shortAbandonSeconds: 5 })).toBe(40);
    // Limit 6 s: calls 4 and 7 are ignored. 2 / (3 + 1).
    expect(serviceLevel(calls, { thresholdSeconds: 20, shortAbandonSeconds: 6 })).toBe(50);
    // Both variants at once: abandons are out anyway. 2 / 3.
    expect(
      serviceLevel(calls, { thresholdSeconds: 20, abandoned: 'exclude', shortAbandonSeconds: 6 }),
    ).toBe(66.67);
  });

  it('has no value without answered or abandoned contacts', () => {
    expect(serviceLevel([], { thresholdSeconds: 20 })).toBeNull();
    expect(serviceLevel([calls[5] as QueueInteraction], { thresholdSeconds: 20 })).toBeNull();
  });
});

describe('average speed of answer', () => {
  it('is the mean wait of answered contacts, in seconds', () => {
    // (10 + 20 + 45) / 3; abandons and the waiting call do not count.
    expect(averageSpeedOfAnswer(calls)).toBe(25);
    // 1.5 s and 2 s: 1.75 s, milliseconds kept.
    expect(
      averageSpeedOfAnswer([
        { id: 'a', queue: 'q', offeredAt: t0, answeredAt: t0 + 1500 },
        { id: 'b', queue: 'q', offeredAt: t0, answeredAt: t0 + 2000 },
      ]),
    ).toBe(1.75);
    // 1 ms and 2 ms: 0.0015 s, to two decimals.
    expect(
      averageSpeedOfAnswer([
        { id: 'a', queue: 'q', offeredAt: t0, answeredAt: t0 + 1 },
        { id: 'b', queue: 'q', offeredAt: t0, answeredAt: t0 + 2 },
      ]),
    ).toBe(0);
    expect(averageSpeedOfAnswer(calls.filter((c) => c.answeredAt === undefined))).toBeNull();
  });
});

describe('abandonment rate', () => {
  it('is abandoned over offered, short abandons out of both', () => {
    // 3 abandoned of 7 offered (the waiting call was offered too).
    expect(abandonmentRate(calls)).toBe(42.86);
    // Limit 5 s: call 4 is not offered any more: 2 / 6.
    expect(abandonmentRate(calls, { shortAbandonSeconds: 5 })).toBe(33.33);
    // Limit 6 s: calls 4 and 7 out: 1 / 5.
    expect(abandonmentRate(calls, { shortAbandonSeconds: 6 })).toBe(20);
    expect(abandonmentRate([])).toBeNull();
    // Everything was a short abandon: nothing was offered.
    expect(abandonmentRate([calls[3] as QueueInteraction], { shortAbandonSeconds: 5 })).toBeNull();
  });
});
