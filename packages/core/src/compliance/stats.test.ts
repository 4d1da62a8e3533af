import { describe, expect, it } from 'vitest';
import { compliancePct, elapsedStats, percentile } from './stats.js';

describe('elapsed statistics', () => {
  it('interpolates percentiles like percentile_cont', () => {
    expect(percentile([10, 20, 30, 40], 0.9)).toBe(37);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('gives count, average, min, max, median and p90 of unsorted values', () => {
    expect(elapsedStats([40, 10, 30, 20, 100])).toEqual({
      count: 5,
      avg: 40,
      min: 10,
      max: 100,
      p50: 30,
      p90: 76,
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

  it('rounds compliance to two decimals and has none without outcomes', () => {
    expect(compliancePct(40, 3)).toBe(93.02);
    expect(compliancePct(0, 0)).toBeNull();
    expect(compliancePct(0, 5)).toBe(0);
  });
});
