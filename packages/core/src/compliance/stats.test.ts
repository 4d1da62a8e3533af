import { describe, expect, it } from 'vitest';
import { compliancePct, elapsedStats, percentile } from './stats.js';

describe('elapsed statistics', () => {
  it('interpolates percentiles between the closest ranks, like percentile_cont', () => {
    // Rank 0.9 x 3 = 2.7: 30 + 0.7 x (40 - 30). Rank 0.5 x 3 = 1.5: halfway from 20 to 30.
    expect(percentile([10, 20, 30, 40], 0.9)).toBe(37);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    // Rank 0.9 x 9 = 8.1: 90 + 0.1 x 10 (with float noise the rounding removes).
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(91);
    // Rank 0.9 x 2 = 1.8: 5 + 0.8 x 2 = 6.6, a decimal the result keeps.
    expect(percentile([1, 5, 7], 0.9)).toBe(6.6);
    expect(percentile([1, 5, 7], 0.5)).toBe(5);
    expect(percentile([1, 5, 7], 0)).toBe(1);
    expect(percentile([1, 5, 7], 1)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });

  it('gives count, average, min, max, median and p90 of unsorted values', () => {
    // Sorted [10, 20, 30, 40, 100]: sum 200; median the middle one; p90 at rank 3.6.
    expect(elapsedStats([40, 10, 30, 100, 20])).toEqual({
      count: 5,
      avg: 40,
      min: 10,
      max: 100,
      p50: 30,
      p90: 76,
    });
    // Sorted [3, 3, 4]: avg 10 / 3; p90 at rank 1.8 = 3 + 0.8 x 1.
    expect(elapsedStats([3, 4, 3])).toEqual({
      count: 3,
      avg: 3.33,
      min: 3,
      max: 4,
      p50: 3,
      p90: 3.8,
    });
    expect(elapsedStats([])).toEqual({
      count: 0,
      avg: null,
      min: null,
      max: null,
      p50: null,
      p90: null,
    });
  });

  it('rounds an average on a half up, as the database would', () => {
    // 199 x 1 s and one 2 s: 201 / 200 = 1.005, which 1.005 * 100 in floats rounds down.
    const values = [...Array.from({ length: 199 }, () => 1), 2];
    expect(elapsedStats(values).avg).toBe(1.01);
  });

  it('rounds compliance to two decimals, halves up, and has none without outcomes', () => {
    // 40 / 43 = 93.023...%.
    expect(compliancePct(40, 3)).toBe(93.02);
    // 23 / 160 = 14.375% exactly: 14.38, where (23 / 160) * 100 in floats gives 14.37.
    expect(compliancePct(23, 137)).toBe(14.38);
    expect(compliancePct(2, 1)).toBe(66.67);
    expect(compliancePct(1, 2)).toBe(33.33);
    expect(compliancePct(5, 0)).toBe(100);
    expect(compliancePct(0, 5)).toBe(0);
    expect(compliancePct(0, 0)).toBeNull();
  });
});
