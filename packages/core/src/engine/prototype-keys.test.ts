import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import type { Policy } from '../config/types.js';
import { parseEvents } from '../events/parse.js';
import { Engine } from './engine.js';
import { applyFields } from './fields.js';
import { compareEvents } from './order.js';
import { matches, targetOf } from './policy-match.js';

/** Names every plain object inherits: as data they must mean nothing more than any word. */
const BUILT_INS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

const config = parseConfig({
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { high: '1h', '*': '4h' }, resolution: { high: '1d' } },
    },
  ],
});
const policy = config.policies[0] as Policy;

describe('lookups keyed by client data never read a built-in property', () => {
  it('a priority with a built-in name gets the `*` target, or none, like any unknown one', () => {
    for (const priority of BUILT_INS) {
      expect(targetOf(policy, 'first_response', priority)).toBe(4 * 3600);
      expect(targetOf(policy, 'resolution', priority)).toBeNull();
    }
    expect(targetOf(policy, 'first_response', 'high')).toBe(3600);
  });

  it('a custom field is present only when the ticket has it', () => {
    for (const key of BUILT_INS) {
      const leaf = { field: `custom.${key}`, op: 'exists' as const, value: true };
      expect(matches(leaf, { custom: {} })).toBe(false);
      expect(matches(leaf, {})).toBe(false);
      expect(matches(leaf, { custom: JSON.parse(`{"${key}": "yes"}`) })).toBe(true);
    }
    expect(matches({ field: 'team', op: 'exists', value: true }, {})).toBe(false);
  });

  it('applies a change keyed `__proto__` as data, never as the prototype', () => {
    const changes = JSON.parse('{"__proto__": {"status": "solved"}, "team": "ops"}');
    const next = applyFields({ status: 'open' }, changes);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(next.status).toBe('open');
    expect(next.team).toBe('ops');
  });

  it('orders an event whose type slipped past validation after the known ones', () => {
    const at = Date.parse('2026-11-23T10:00:00Z');
    const known = { id: 'b', ticket: 'T', at, type: 'ticket.deleted' } as const;
    const odd = { ...known, id: 'a', type: 'constructor' } as unknown as typeof known;
    expect(compareEvents(known, odd)).toBeLessThan(0);
    expect(compareEvents(odd, known)).toBeGreaterThan(0);
  });

  it('takes calendars and policies with built-in names as ids', () => {
    const named = parseConfig({
      calendars: [{ id: 'constructor', timezone: 'UTC', hours: '24x7', holidays: ['2026-11-24'] }],
      policies: [
        { id: '__proto__', calendar: 'constructor', targets: { resolution: { '*': '1d' } } },
      ],
    });
    const events = parseEvents([
      {
        id: 'c',
        ticket: 'toString',
        type: 'ticket.created',
        at: '2026-11-23T12:00:00Z',
        fields: {},
      },
    ]);
    const [result] = new Engine(named).evaluate(events, Date.parse('2026-11-26T00:00:00Z'));
    expect(result?.policy).toBe('__proto__');
    // The holiday on the 24th closes the day: 12 hours on the 23rd, 12 on the 25th.
    expect(result?.cycles.map((c) => [c.calendar, c.status, c.breachedAt])).toEqual([
      ['constructor', 'breached', Date.parse('2026-11-25T12:00:00Z')],
    ]);
  });

  it('evaluates tickets with built-in priorities, teams and custom keys like unknown ones', () => {
    const engine = new Engine(config);
    const now = Date.parse('2026-11-24T10:00:00Z');
    const ticket = (id: string, word: string) =>
      parseEvents([
        {
          id: `${id}-c`,
          ticket: id,
          type: 'ticket.created',
          at: '2026-11-23T10:00:00Z',
          fields: { priority: word, team: word, custom: { [word]: word } },
        },
        {
          id: `${id}-u`,
          ticket: id,
          type: 'ticket.updated',
          at: '2026-11-23T11:00:00Z',
          fields: { priority: word },
        },
      ]);
    const shape = (id: string, word: string) => {
      const [result] = engine.evaluate(ticket(id, word), now);
      return result?.cycles.map((c) => [c.metric, c.status, c.targetSeconds, c.elapsedSeconds]);
    };
    const unknown = shape('U', 'no-such-word');
    expect(unknown).toEqual([['first_response', 'breached', 14_400, 86_400]]);
    for (const word of BUILT_INS) expect(shape(word, word)).toEqual(unknown);
  });
});
