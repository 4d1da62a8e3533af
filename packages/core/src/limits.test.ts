import { describe, expect, it } from 'vitest';
import { aheadProblem, instantRangeProblem, LIMITS } from './limits.js';

const INT4_MAX = 2 ** 31 - 1;

describe('LIMITS', () => {
  it('keeps every elapsed and target second of an accepted input inside int4', () => {
    expect((LIMITS.endInstant - LIMITS.firstInstant) / 1000).toBeLessThan(INT4_MAX);
    expect(LIMITS.maxDurationSeconds).toBeLessThan(INT4_MAX);
  });

  it('names instants outside [2000, 2060) and passes those inside', () => {
    expect(instantRangeProblem(LIMITS.firstInstant)).toBeUndefined();
    expect(instantRangeProblem(LIMITS.endInstant - 1000)).toBeUndefined();
    for (const at of [LIMITS.firstInstant - 1000, LIMITS.endInstant, -8.64e15, 8.64e15])
      expect(instantRangeProblem(at)).toBe(
        'must be from 2000-01-01T00:00:00Z and before 2060-01-01T00:00:00Z',
      );
  });

  it('names an instant more than 24 hours after the clock given', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(aheadProblem(now + LIMITS.maxAheadMs, now)).toBeUndefined();
    expect(aheadProblem(now - 86_400_000 * 365, now)).toBeUndefined();
    expect(aheadProblem(now + LIMITS.maxAheadMs + 1000, now)).toBe(
      'is more than 24 hours after now (2026-11-23T10:00:00Z)',
    );
  });
});
