import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { explainJson } from '../src/engine/explain-json.js';
import { CONFIG, histories } from './histories.js';

const engine = new Engine(CONFIG);
const settings = { seed: 424242, numRuns: 300 };
const lastOf = (events: { at: number }[]) => Math.max(...events.map((e) => e.at));
const view = (events: Parameters<Engine['evaluate']>[0], now: number) =>
  explainJson(engine.evaluate(events, now), now);

describe("a ticket's state is a pure function of its events", () => {
  it('shuffling, duplicating and delivering in parts never changes the result', () => {
    fc.assert(
      fc.property(
        histories,
        fc.func(fc.integer()),
        fc.array(fc.nat(), { maxLength: 5 }),
        (events, order, dupes) => {
          const now = lastOf(events) + 3 * 86_400_000;
          const shuffled = [...events].sort(
            (a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : 1),
          );
          const duplicated = [
            ...shuffled,
            ...dupes.map((i) => shuffled[i % shuffled.length] as (typeof events)[0]),
          ];
          const half = Math.floor(duplicated.length / 2);
          const inParts = [...duplicated.slice(half), ...duplicated.slice(0, half)];
          const expected = view(events, now);
          expect(view(shuffled, now)).toEqual(expected);
          expect(view(duplicated, now)).toEqual(expected);
          expect(view(inParts, now)).toEqual(expected);
        },
      ),
      settings,
    );
  });

  it('a later "now" never erases a breach, a fired warning or an outcome', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 1, max: 72 * 3600 }), (events, later) => {
        const now = lastOf(events);
        const before = view(events, now);
        const after = view(events, now + later * 1000);
        const cycles = (doc: typeof before) =>
          new Map(
            doc.tickets.flatMap((t) =>
              t.cycles.map((c) => [`${t.ticket}/${c.metric}/${c.cycle}`, c]),
            ),
          );
        const next = cycles(after);
        for (const [key, c] of cycles(before)) {
          const d = next.get(key);
          expect(d, key).toBeDefined();
          if (!d) continue;
          expect(d.warningsFired.slice(0, c.warningsFired.length)).toEqual(c.warningsFired);
          if (c.breachedAt) expect(d.breachedAt).toBe(c.breachedAt);
          if (c.status === 'achieved' || c.status === 'cancelled' || c.stoppedAt)
            expect(d).toEqual(c);
          expect(d.elapsedSeconds).toBeGreaterThanOrEqual(c.elapsedSeconds);
        }
      }),
      settings,
    );
  });
});
