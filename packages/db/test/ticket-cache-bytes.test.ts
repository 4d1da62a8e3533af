import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import { TicketCache } from '../src/ingest/ticket-cache.js';

const engine = new Engine(
  parseConfig({
    policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
  }),
);
const AT = Date.parse('2026-11-23T13:00:00Z');

/** A ticket created with a subject of `size` characters, evaluated to a checkpoint. */
function checkpointOf(ticket: string, size: number) {
  const created: TicketEvent = {
    id: `${ticket}-created`,
    ticket,
    at: AT,
    type: 'ticket.created',
    by: 'customer',
    fields: { status: 'new', subject: 'x'.repeat(size) },
  };
  return engine.evaluateWithCheckpoint(ticket, [created], AT).checkpoint;
}

describe('the ticket cache', () => {
  it('stays under its byte bound however many large tickets it is given', () => {
    const maxBytes = 4 * 2 ** 20;
    const cache = new TicketCache({ maxBytes });
    // 200 tickets, each with a subject of a million characters (2 MB as UTF-16): 100 times
    // the bound, as 106 requests of one 2 MB event each were in the issue.
    for (let i = 0; i < 200; i++)
      cache.set('t', `T-${i}`, {
        revision: i,
        checkpoint: checkpointOf(`T-${i}`, 2 ** 20),
        notified: true,
        lastSeq: null,
      });
    expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(4);
    // The most recent stays, the oldest went first.
    expect(cache.take('t', 'T-199')).toBeDefined();
    expect(cache.take('t', 'T-0')).toBeUndefined();
  });

  it('does not keep a ticket larger than the whole bound', () => {
    const cache = new TicketCache({ maxBytes: 2 ** 20 });
    cache.set('t', 'small', {
      revision: 1,
      checkpoint: checkpointOf('small', 10),
      notified: true,
      lastSeq: null,
    });
    cache.set('t', 'huge', {
      revision: 2,
      checkpoint: checkpointOf('huge', 2 ** 20),
      notified: true,
      lastSeq: null,
    });
    expect(cache.take('t', 'huge')).toBeUndefined();
    expect(cache.take('t', 'small')).toBeDefined();
    expect(cache.bytes).toBe(0);
  });

  it('bounds the entries too, and hands an entry out once', () => {
    const cache = new TicketCache({ maxEntries: 3 });
    for (let i = 0; i < 5; i++)
      cache.set('t', `T-${i}`, {
        revision: i,
        checkpoint: checkpointOf(`T-${i}`, 10),
        notified: true,
        lastSeq: null,
      });
    expect(cache.size).toBe(3);
    expect(cache.take('t', 'T-1')).toBeUndefined();
    expect(cache.take('t', 'T-3')?.revision).toBe(3);
    // Taken out while the recompute continues it: a rollback leaves nothing behind.
    expect(cache.take('t', 'T-3')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
