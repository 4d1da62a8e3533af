import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evaluation, TicketCheckpoint } from '../src/engine/checkpoint.js';
import { Engine } from '../src/engine/engine.js';
import { byTicket } from '../src/engine/order.js';
import type { TicketResult } from '../src/engine/types.js';
import type { TicketEvent } from '../src/events/types.js';
import { CONFIG, histories } from './histories.js';

const engine = new Engine(CONFIG);
const HOUR = 3_600_000;

/** What a store of one ticket holds: its fields and each reported cycle, all of it as JSON. */
interface Stored {
  checkpoint: TicketCheckpoint | undefined;
  ticket: string;
  cycles: Map<string, string>;
}

const keyOf = (metric: string, cycle: number) => `${metric}/${cycle}`;
const ticketJson = (t: TicketResult) => JSON.stringify([t.policy, t.fields, t.state]);

/** Writes an evaluation as the database does: every cycle, or the changed ones. */
function write(stored: Stored, evaluation: Evaluation): void {
  const { result, changed } = evaluation;
  if (changed === null) stored.cycles.clear();
  for (const c of changed ?? []) stored.cycles.delete(keyOf(c.metric, c.cycle));
  for (const c of result.cycles) stored.cycles.set(keyOf(c.metric, c.cycle), JSON.stringify(c));
  stored.ticket = ticketJson(result);
  stored.checkpoint = evaluation.checkpoint;
}

/**
 * Histories delivered in time order, cut into batches at random points (events of one
 * instant may fall into two batches), each batch evaluated at an instant from an hour
 * before its first event (its events are then in the future) to days after its last.
 */
const deliveries = histories.chain((events) => {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  return fc.record({
    events: fc.constant(sorted),
    cuts: fc.uniqueArray(fc.nat({ max: sorted.length }), { maxLength: sorted.length }),
    offsets: fc.array(fc.integer({ min: -1, max: 72 }), {
      minLength: sorted.length + 1,
      maxLength: sorted.length + 1,
    }),
  });
});

describe('continuing from a checkpoint', () => {
  it('stores what a whole evaluation gives, batch after batch, at any instant', () => {
    let continued = 0;
    let steps = 0;
    fc.assert(
      fc.property(deliveries, ({ events, cuts, offsets }) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), events.length];
        const delivered: TicketEvent[] = [];
        const stores = new Map<string, Stored>();
        for (const [i, end] of bounds.slice(1).entries()) {
          const batch = events.slice(bounds[i], end);
          if (batch.length === 0) continue;
          delivered.push(...batch);
          const now = (batch[0] as TicketEvent).at + (offsets[i] ?? 0) * HOUR;
          const whole = new Map(engine.evaluate(delivered, now).map((t) => [t.ticket, t]));
          for (const [ticket, fresh] of byTicket(batch)) {
            const stored = stores.get(ticket) ?? {
              checkpoint: undefined,
              ticket: '',
              cycles: new Map(),
            };
            stores.set(ticket, stored);
            let evaluation =
              stored.checkpoint && engine.continueFrom(stored.checkpoint, fresh, now);
            if (evaluation) continued++;
            else {
              const all = byTicket(delivered).get(ticket) ?? [];
              evaluation = engine.evaluateWithCheckpoint(ticket, all, now);
            }
            write(stored, evaluation);
            steps++;
            const expected = whole.get(ticket);
            // A ticket with no event up to `now` is not in a whole evaluation at all.
            expect(evaluation.checkpoint.lastAt === null).toBe(expected === undefined);
            if (!expected) continue;
            expect(stored.ticket).toBe(ticketJson(expected));
            expect(stored.cycles).toEqual(
              new Map(expected.cycles.map((c) => [keyOf(c.metric, c.cycle), JSON.stringify(c)])),
            );
          }
        }
      }),
      { seed: 15_03, numRuns: 400 },
    );
    // Most batches continue; the others (an event at or before the last instant) start over.
    expect(continued).toBeGreaterThan(steps / 3);
  });

  it('evaluates again only the cycles an event can change', () => {
    const created: TicketEvent = {
      id: 'c',
      ticket: 'T',
      at: Date.parse('2026-11-23T14:00:00Z'),
      type: 'ticket.created',
      by: 'customer',
      fields: { status: 'new', tags: ['vip'] },
    };
    const turns: TicketEvent[] = [created];
    for (let i = 1; i <= 200; i++)
      turns.push({
        id: `m${i}`,
        ticket: 'T',
        at: created.at + i * 60_000,
        type: 'message',
        author: i % 2 ? 'agent' : 'customer',
        public: true,
      });
    const first = engine.evaluateWithCheckpoint('T', turns, created.at + 300 * 60_000);
    expect(first.changed).toBeNull();
    expect(first.result.cycles.length).toBeGreaterThan(200);
    const reply: TicketEvent = {
      ...(turns[1] as TicketEvent),
      id: 'r',
      at: created.at + 301 * 60_000,
    };
    const next = engine.continueFrom(first.checkpoint, [reply], reply.at) as Evaluation;
    // The cycles open before (resolution, the last periodic update and the next response the
    // customer's last message started) and the periodic update the reply starts.
    expect(next.changed?.map((c) => c.metric).sort()).toEqual([
      'next_response',
      'periodic_update',
      'periodic_update',
      'resolution',
    ]);
    expect(next.result.cycles.length).toBe(4);
    // A checkpoint is continued once; an event before its last instant needs the whole ticket.
    expect(engine.continueFrom(first.checkpoint, [], reply.at)).toBeUndefined();
    const late = { ...reply, id: 'late', at: created.at };
    expect(engine.continueFrom(next.checkpoint, [late], reply.at)).toBeUndefined();
    expect(new Engine(CONFIG).continueFrom(next.checkpoint, [], reply.at)).toBeUndefined();
  });

  it('counts the bytes it holds, text of the fields included', () => {
    const at = Date.parse('2026-11-23T14:00:00Z');
    const event = (subject: string): TicketEvent => ({
      id: 'c',
      ticket: 'T',
      at,
      type: 'ticket.created',
      by: 'customer',
      fields: { status: 'new', subject },
    });
    const small = engine.evaluateWithCheckpoint('T', [event('hi')], at).checkpoint.bytes;
    const large = engine.evaluateWithCheckpoint('T', [event('x'.repeat(1_000_000))], at).checkpoint
      .bytes;
    expect(small).toBeGreaterThan(0);
    expect(large - small).toBeGreaterThan(1_900_000);
    // Events still in the future are held too.
    const pending = engine.evaluateWithCheckpoint(
      'T',
      [event('x'.repeat(1_000_000))],
      at - 1,
    ).checkpoint;
    expect(pending.lastAt).toBeNull();
    expect(pending.bytes).toBeGreaterThan(1_900_000);
  });
});
