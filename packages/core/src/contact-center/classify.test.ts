import { describe, expect, it } from 'vitest';
import { BreachlessError } from '../errors.js';
import { classify, InteractionError } from './classify.js';
import { queueStats } from './queue-stats.js';
import { serviceLevel } from './service-level.js';
import type { QueueInteraction } from './types.js';

const t0 = Date.parse('2026-11-23T09:00:00Z');

function rejection(interaction: QueueInteraction): InteractionError {
  try {
    classify([interaction]);
  } catch (error) {
    if (error instanceof InteractionError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('classify', () => {
  it('splits answered, abandoned, waiting and short abandons', () => {
    const split = classify(
      [
        { id: 'a', queue: 'q', offeredAt: t0, answeredAt: t0 },
        { id: 'b', queue: 'q', offeredAt: t0, abandonedAt: t0 + 1999 },
        { id: 'c', queue: 'q', offeredAt: t0, abandonedAt: t0 + 2000 },
        { id: 'd', queue: 'q', offeredAt: t0 },
      ],
      2,
    );
    expect(split.answered.map((i) => i.id)).toEqual(['a']);
    expect(split.abandoned.map((i) => i.id)).toEqual(['c']);
    expect([split.offered, split.waiting, split.shortAbandoned]).toEqual([3, 1, 1]);
  });

  it('rejects an interaction both answered and abandoned, naming it', () => {
    const error = rejection({
      id: 'x',
      queue: 'q',
      offeredAt: t0,
      answeredAt: t0 + 1000,
      abandonedAt: t0 + 2000,
    });
    expect(error).toBeInstanceOf(BreachlessError);
    expect(error.code).toBe('interaction_invalid');
    expect(error.interactionId).toBe('x');
    expect(error.message).toBe('interaction x: both answered and abandoned');
  });

  it('rejects an answer or abandon before the offer, and instants that are not numbers', () => {
    expect(rejection({ id: 'y', queue: 'q', offeredAt: t0, answeredAt: t0 - 1 }).message).toBe(
      'interaction y: answered before it was offered',
    );
    expect(rejection({ id: 'z', queue: 'q', offeredAt: t0, abandonedAt: t0 - 1000 }).message).toBe(
      'interaction z: abandoned before it was offered',
    );
    expect(rejection({ id: 'n', queue: 'q', offeredAt: Number.NaN }).message).toMatch(/offeredAt/);
    // Every figure checks, not only classify.
    const bad = { id: 'w', queue: 'q', offeredAt: t0, answeredAt: t0 - 1 };
    expect(() => serviceLevel([bad], { thresholdSeconds: 20 })).toThrow(InteractionError);
    expect(() => queueStats([bad], { thresholdSeconds: 20 })).toThrow(InteractionError);
  });

  it('rejects options that are not seconds', () => {
    expect(() => serviceLevel([], { thresholdSeconds: -1 })).toThrow(RangeError);
    expect(() => serviceLevel([], { thresholdSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => classify([], -5)).toThrow(/shortAbandonSeconds/);
    expect(() => serviceLevel([], { thresholdSeconds: 20, abandoned: 'ignore' as never })).toThrow(
      /count" or "exclude/,
    );
  });
});
