import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { parseEvents } from '../events/parse.js';
import { Engine } from './engine.js';

const engine = new Engine(
  parseConfig({
    policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
  }),
);
const at = (iso: string) => Date.parse(iso);
const opened = { by: 'customer', fields: { status: 'new' } };
const reply = { author: 'agent', public: true };
const events = parseEvents([
  { id: 'b1', ticket: 'B', type: 'ticket.created', at: '2026-11-23T09:00:00Z', ...opened },
  { id: 'a2', ticket: 'A', type: 'message', at: '2026-11-23T10:30:00Z', ...reply },
  { id: 'a1', ticket: 'A', type: 'ticket.created', at: '2026-11-23T10:00:00Z', ...opened },
  { id: 'a2', ticket: 'A', type: 'ticket.deleted', at: '2026-11-23T10:10:00Z' },
]);

describe('Engine.explain', () => {
  it('explains one ticket from its events in any order, the first of an id winning', () => {
    const ticket = engine.explain('A', events, at('2026-11-23T12:00:00Z'));
    expect(ticket?.ticket).toBe('A');
    expect(ticket?.cycles.map((c) => [c.metric, c.status, c.stoppedAt])).toEqual([
      ['first_response', 'achieved', at('2026-11-23T10:30:00Z')],
    ]);
    // With the timeline: what started the cycle and what stopped it.
    expect(ticket?.cycles[0]?.timeline?.map((e) => e.kind)).toEqual(['started', 'stopped']);
  });

  it('gives what `evaluate` gives for that ticket, traced', () => {
    const now = at('2026-11-23T12:00:00Z');
    const whole = engine.evaluate(events, now, { trace: true }).find((t) => t.ticket === 'A');
    expect(engine.explain('A', events, now)).toEqual(whole);
  });

  it('has nothing for a ticket with no event up to now', () => {
    expect(engine.explain('A', events, at('2026-11-23T09:59:59Z'))).toBeUndefined();
    expect(engine.explain('C', events, at('2026-11-23T12:00:00Z'))).toBeUndefined();
  });
});
