import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { cycleJson, explainJson } from '../src/engine/explain-json.js';
import type { CycleResult, TicketResult } from '../src/engine/types.js';
import type { TicketEvent } from '../src/events/types.js';
import { CONFIG, histories, lastOf } from './histories.js';

const engine = new Engine(CONFIG);
const HOUR = 3_600_000;

/** The `explain --json` document, timelines included, so that every step is compared. */
const view = (events: readonly TicketEvent[], now: number) =>
  explainJson(engine.evaluate(events, now, { trace: true }), now, true);

/** A history, an evaluation instant after its last event, and a way to redeliver it. */
const delivery = histories.chain((events) =>
  fc.record({
    events: fc.constant(events),
    now: fc.integer({ min: 0, max: 5 * 24 }).map((h) => lastOf(events) + h * HOUR),
    order: fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
    again: fc.subarray(events),
    cuts: fc.array(fc.nat({ max: events.length }), { maxLength: 4 }),
  }),
);

describe('the generated histories', () => {
  it('reach every policy, metric, status, warning kind and timeline entry', () => {
    const seen = new Set<string>();
    for (const events of fc.sample(histories, { seed: 1, numRuns: 200 })) {
      for (const t of engine.evaluate(events, lastOf(events) + 5 * HOUR, { trace: true })) {
        seen.add(`policy ${t.policy}`);
        for (const c of t.cycles) {
          seen.add(c.metric).add(c.status);
          for (const level of c.warningsFired) seen.add(`warning ${level}`);
          for (const entry of c.timeline ?? []) seen.add(entry.kind);
        }
      }
    }
    expect([...seen].sort()).toEqual(
      [
        ...['urgent', 'vip', 'emea', 'standard'].map((p) => `policy ${p}`),
        ...['first_response', 'next_response', 'periodic_update', 'resolution'],
        ...['running', 'paused', 'achieved', 'breached', 'cancelled'],
        ...['50%', '10m', '75%', '90%', '100%', '2h', '30m'].map((w) => `warning ${w}`),
        ...['started', 'paused', 'resumed', 'retargeted', 'reopened', 'warning', 'breached'],
        ...['stopped', 'cancelled'],
      ]
        .filter((x, i, all) => all.indexOf(x) === i)
        .sort(),
    );
  });
});

describe("a ticket's state is a pure function of its events", () => {
  it('shuffled, duplicated and delivered in parts, the events give the same result', () => {
    fc.assert(
      fc.property(delivery, ({ events, now, order, again, cuts }) => {
        const expected = view(events, now);
        // Out of order.
        expect(view(order, now)).toEqual(expected);
        // Twice: the same ids with the same content, late and in between.
        const copies = again.map((e) => structuredClone(e));
        expect(view([...order, ...copies], now)).toEqual(expected);
        expect(view([...copies, ...order, ...copies], now)).toEqual(expected);
        // In parts, the parts concatenated in another order (late batches).
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), order.length];
        const parts = bounds.slice(1).map((end, i) => order.slice(bounds[i], end));
        expect(view(parts.reverse().flat(), now)).toEqual(expected);
      }),
      { seed: 424242, numRuns: 300 },
    );
  });

  it("each ticket's result depends on its own events alone", () => {
    fc.assert(
      fc.property(delivery, ({ events, now }) => {
        const together = view(events, now);
        for (const entry of together.tickets) {
          const alone = view(
            events.filter((e) => e.ticket === entry.ticket),
            now,
          );
          expect(alone.tickets).toEqual([entry]);
        }
      }),
      { seed: 4243, numRuns: 150 },
    );
  });
});

describe('a later "now", with no new events, only lets time pass', () => {
  const key = (t: TicketResult, c: CycleResult) => `${t.ticket}/${c.metric}/${c.cycle}`;
  const cyclesOf = (results: TicketResult[]) =>
    new Map(results.flatMap((t) => t.cycles.map((c) => [key(t, c), c] as const)));
  const json = (c: CycleResult) => cycleJson(c);

  it('never erases a breach, a fired warning or an outcome', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: 0, max: 48 * 3600 }),
        fc.integer({ min: 1, max: 5 * 86_400 }),
        (events, first, later) => {
          const now1 = lastOf(events) + first * 1000;
          const now2 = now1 + later * 1000;
          const before = cyclesOf(engine.evaluate(events, now1));
          const after = cyclesOf(engine.evaluate(events, now2));
          expect([...after.keys()]).toEqual([...before.keys()]);
          for (const [name, c1] of before) {
            const c2 = after.get(name) as CycleResult;
            // Fired levels only grow, at the end, and only with instants in [now1, now2).
            expect(c2.fired.slice(0, c1.fired.length), name).toEqual(c1.fired);
            for (const level of c2.fired.slice(c1.fired.length)) {
              expect(level.at, name).toBeGreaterThanOrEqual(c1.status === 'paused' ? 0 : now1);
              expect(level.at, name).toBeLessThan(now2);
            }
            expect(c2.warningsFired.slice(0, c1.warningsFired.length), name).toEqual(
              c1.warningsFired,
            );
            switch (c1.status) {
              case 'achieved':
              case 'cancelled':
                expect(json(c2), name).toEqual(json(c1));
                break;
              case 'breached':
                expect(c2.status, name).toBe('breached');
                expect(c2.breachedAt, name).toBe(c1.breachedAt);
                if (c1.stoppedAt !== null) expect(json(c2), name).toEqual(json(c1));
                break;
              case 'paused':
                // No clock runs; a level already reached at the last event fires right after it.
                expect(c2.elapsedSeconds, name).toBe(c1.elapsedSeconds);
                if (c2.status !== 'paused') {
                  expect(c2.status, name).toBe('breached');
                  expect(c2.breachedAt, name).toBeLessThanOrEqual(now1);
                }
                break;
              case 'running': {
                // The clock runs on, and the cycle is due where it said it would be.
                const calendar = engine.calendars.get(c1.calendar ?? '');
                expect(calendar, name).toBeDefined();
                expect(c2.elapsedSeconds, name).toBe(
                  c1.elapsedSeconds + (calendar?.between(now1, now2) ?? Number.NaN),
                );
                const due = c1.dueAt as number;
                if (now2 > due) {
                  expect(c2.status, name).toBe('breached');
                  expect(c2.breachedAt, name).toBe(due);
                } else {
                  expect(c2.status, name).toBe('running');
                  expect(c2.dueAt, name).toBe(due);
                }
                break;
              }
            }
          }
        },
      ),
      { seed: 777, numRuns: 300 },
    );
  });
});
