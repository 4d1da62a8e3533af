import { formatInstant } from '@breachless/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from './iso-instant.js';

describe('isoInstant', () => {
  it('writes what formatInstant writes, for any instant', () => {
    const bounds = [Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1];
    const at = fc.oneof(
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2070, 0, 1) }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.constantFrom(0, -1, ...bounds, ...bounds.map((b) => b - 1), Date.UTC(2000, 1, 29)),
      fc.integer({ min: 1970, max: 2100 }).map((y) => Date.UTC(y, 2, 1) - 1),
    );
    fc.assert(
      fc.property(at, (ms) => {
        expect(isoInstant(ms)).toBe(formatInstant(ms));
      }),
      { numRuns: 20_000 },
    );
  });
});
