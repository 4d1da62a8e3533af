import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isoText } from '../src/ingest/event-copy.js';

it("writes every instant as Date's ISO text does, whatever it met before", () => {
  const bound = 8.64e15;
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.integer({ min: -bound, max: bound }),
          // Around the years 0 and 10000, where the text's width changes, and the epoch.
          fc.integer({
            min: -62_167_219_200_000 - 2 * 86_400_000,
            max: -62_167_219_200_000 + 86_400_000,
          }),
          fc.integer({
            min: 253_402_300_800_000 - 86_400_000,
            max: 253_402_300_800_000 + 86_400_000,
          }),
          fc.integer({ min: -86_400_000, max: 86_400_000 }),
        ),
        { minLength: 1, maxLength: 50 },
      ),
      (instants) => {
        for (const ms of instants) expect(isoText(ms)).toBe(new Date(ms).toISOString());
      },
    ),
    { numRuns: 2000 },
  );
  expect(() => isoText(Number.NaN)).toThrow(RangeError);
});
