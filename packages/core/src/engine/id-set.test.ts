import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet } from './id-set.js';

/** Adds every id to an IdSet and to a Set; the answers of each add, side by side. */
function both(ids: readonly string[]) {
  const [ours, plain] = [new IdSet(), new Set<string>()];
  return ids.map((id) => {
    const before = plain.size;
    return [ours.add(id), plain.add(id).size !== before];
  });
}

describe('IdSet', () => {
  it('answers "new" exactly when a Set would, through its growths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 }),
        fc.integer({ min: 0, max: 2999 }),
        (ids, repeat) => {
          // Again the ids up to `repeat`: duplicates of ids added before and after growths.
          for (const [ours, plain] of both([...ids, ...ids.slice(0, repeat)]))
            expect(ours).toBe(plain);
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
  });

  it('still answers exactly when ids are chosen to share a slot (it hands over to a Set)', () => {
    // FNV-1a as id-set.ts computes it: 100 ids whose hashes agree in the low 10 bits all
    // start probing at one slot of the first table (1,024 slots), past the longest probe.
    const fnv = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
      return h;
    };
    const crowded: string[] = [];
    for (let i = 0; crowded.length < 100; i++)
      if ((fnv(`id-${i}`) & 1023) === 7) crowded.push(`id-${i}`);
    const answers = both([...crowded, ...crowded.slice(0, 50), 'other', 'other']);
    expect(answers.filter(([ours]) => ours)).toHaveLength(101);
    for (const [ours, plain] of answers) expect(ours).toBe(plain);
  });
});
