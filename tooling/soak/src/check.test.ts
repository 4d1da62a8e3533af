import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { goodRun, kinds } from './testing.js';

describe('the soak checker', () => {
  it('passes a run done right: withdrawn, stale and unrouted levels each explained', () => {
    const result = check(goodRun());
    expect(result.problems).toEqual({});
    expect(result.ok).toBe(true);
    expect(result.counts['notifications withdrawn by a later event']).toBe(1);
    expect(result.counts['notifications suppressed']).toBe(1);
    expect(result.counts['notifications unrouted']).toBe(2);
    expect(result.counts['notifications sent']).toBe(3);
    expect(result.counts['tickets checked']).toBe(5);
    expect(result.counts['cycles checked']).toBe(5);
  });

  it('finds an acknowledged event lost', () => {
    const run = goodRun();
    expect(kinds({ ...run, events: run.events.filter((e) => e.event.id !== 'B-r') })).toContain(
      'event lost',
    );
  });

  it('finds an event stored other than it was sent', () => {
    const run = goodRun();
    const events = run.events.map((e) =>
      e.event.id === 'B-c' ? { ...e, event: { ...e.event, at: e.event.at + 1 } } : e,
    );
    expect(kinds({ ...run, events })).toContain('event changed');
  });

  it('finds an event sent, never acknowledged and not stored', () => {
    const run = goodRun();
    const acked = new Map(run.acked);
    acked.delete('B-r');
    const events = run.events.filter((e) => e.event.id !== 'B-r');
    expect(kinds({ ...run, acked, events })).toContain('event never accepted');
  });

  it('finds an event stored that nobody sent', () => {
    const run = goodRun();
    const [first] = run.events;
    if (!first) throw new Error('no events');
    const stranger = { ...first, seq: 99, event: { ...first.event, id: 'A-x' } };
    expect(kinds({ ...run, events: [...run.events, stranger] })).toEqual(['event not sent']);
  });
});
