import { describe, expect, it } from 'vitest';
import { EventsError, type Problem } from '../src/errors.js';
import { parseEvents, parseEventsNdjson } from '../src/events/parse.js';

const created = {
  id: 'e1',
  ticket: 'T-1',
  type: 'ticket.created',
  at: '2026-11-23T10:00:00Z',
  fields: { status: 'new', priority: 'high' },
};
const message = {
  id: 'e2',
  ticket: 'T-1',
  type: 'message',
  at: created.at,
  author: 'agent',
  public: true,
};
const without = (value: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));

/** The problems a batch is rejected with; fails the test if it is accepted. */
function rejected(parse: () => unknown): Problem[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(EventsError);
    return [...(error as EventsError).problems];
  }
  throw new Error('the events were accepted');
}

/** An NDJSON file whose line 1 is a good event and line 2 the event under test. */
const file = (bad: unknown) => `${JSON.stringify(created)}\n${JSON.stringify(bad)}\n`;

describe('a bad event is named by file:line and field', () => {
  /** [what is wrong, the event, the field named, a part of the message]. */
  const cases: [string, unknown, string, string | RegExp][] = [
    ['no id', without(created, 'id'), 'id', 'is required'],
    ['an empty id', { ...created, id: '' }, 'id', /./],
    ['an id that is a number', { ...created, id: 7 }, 'id', 'must be a string'],
    ['no ticket', without(created, 'ticket'), 'ticket', 'is required'],
    ['no type', without(created, 'type'), 'type', /is required|must be one of/],
    [
      'an unknown type',
      { ...created, type: 'ticket.merged' },
      'type',
      'must be one of ticket.created',
    ],
    ['no at', without(created, 'at'), 'at', 'is required'],
    [
      'at without an offset',
      { ...created, at: '2026-11-23T10:00:00' },
      'at',
      '"2026-11-23T10:00:00" is not an ISO-8601 instant with an offset or Z',
    ],
    ['at as a date alone', { ...created, at: '2026-11-23' }, 'at', 'is not an ISO-8601 instant'],
    [
      'an impossible date',
      { ...created, at: '2026-02-30T10:00:00Z' },
      'at',
      '"2026-02-30T10:00:00Z"',
    ],
    ['an impossible hour', { ...created, at: '2026-11-23T24:00:00Z' }, 'at', 'is not an ISO-8601'],
    [
      'an offset out of range',
      { ...created, at: '2026-11-23T10:00:00+25:00' },
      'at',
      'is not an ISO-8601',
    ],
    ['a message without author', without(message, 'author'), 'author', 'is required'],
    [
      'an unknown author',
      { ...message, author: 'bot' },
      'author',
      'must be one of customer, agent, system',
    ],
    ['a message without public', without(message, 'public'), 'public', 'is required'],
    ['public as text', { ...message, public: 'true' }, 'public', 'must be a boolean'],
    [
      'a bad status',
      { ...created, fields: { status: 'waiting' } },
      'fields.status',
      'must be one of new, open, pending, on_hold, solved, closed',
    ],
    ['tags not a list', { ...created, fields: { tags: 'vip' } }, 'fields.tags', 'must be a list'],
    ['fields not an object', { ...created, fields: 'open' }, 'fields', 'must be an object'],
    [
      'an update without fields',
      { ...without(created, 'fields'), type: 'ticket.updated' },
      'fields',
      'is required',
    ],
    ['created by a system', { ...created, by: 'system' }, 'by', 'must be one of customer, agent'],
    ['not an object', ['an', 'array'], '(root)', 'must be a JSON object'],
  ];
  for (const [name, event, field, message] of cases) {
    it(name, () => {
      expect(rejected(() => parseEventsNdjson(file(event), 'events.ndjson'))).toEqual([
        {
          path: `events.ndjson:2: ${field}`,
          message:
            typeof message === 'string'
              ? expect.stringContaining(message)
              : expect.stringMatching(message),
        },
      ]);
    });
  }

  it('names a line that is not JSON', () => {
    expect(
      rejected(() => parseEventsNdjson(`${JSON.stringify(created)}\n{"id":\n`, 'in.ndjson')),
    ).toEqual([{ path: 'in.ndjson:2', message: 'not valid JSON' }]);
  });
});

describe('a batch is all-or-nothing', () => {
  it('one bad event rejects the batch, and every bad event is listed', () => {
    const lines = [
      created,
      { ...created, id: 'e2', at: 'yesterday' },
      message,
      '{"id": "e4",',
      { ...message, id: 'e5', author: undefined, public: 'yes' },
      { ...created, id: 'e6' },
    ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
    // Blank lines are skipped but still counted.
    const text = `${lines.slice(0, 3).join('\n')}\n\n${lines.slice(3).join('\n')}\n`;
    expect(rejected(() => parseEventsNdjson(text, 'batch.ndjson')).map((p) => p.path)).toEqual([
      'batch.ndjson:2: at',
      'batch.ndjson:5',
      'batch.ndjson:6: author',
      'batch.ndjson:6: public',
    ]);
  });

  it('names items by index in an array body', () => {
    expect(
      rejected(() =>
        parseEvents([created, { ...created, id: 'x', type: 'nope' }, message, null]),
      ).map((p) => p.path),
    ).toEqual(['[1]: type', '[3]: (root)']);
  });

  it('a good batch parses whole, in order, with Windows line endings too', () => {
    const text = [
      created,
      message,
      { id: 'e3', ticket: 'T-1', type: 'ticket.deleted', at: created.at },
    ]
      .map((e) => JSON.stringify(e))
      .join('\r\n');
    expect(parseEventsNdjson(text).map((e) => `${e.id} ${e.type}`)).toEqual([
      'e1 ticket.created',
      'e2 message',
      'e3 ticket.deleted',
    ]);
  });
});

describe('a good event', () => {
  it('keeps the keys the engine reads, ignoring unknown ones', () => {
    const [event] = parseEvents([
      { ...created, colour: 'red', tenant: 'acme', fields: { ...created.fields, colour: 'blue' } },
    ]);
    expect(event).toEqual({
      id: 'e1',
      ticket: 'T-1',
      tenant: 'acme',
      type: 'ticket.created',
      at: Date.parse('2026-11-23T10:00:00Z'),
      by: 'customer',
      fields: expect.objectContaining({ status: 'new', priority: 'high' }),
    });
  });

  it('truncates instants to whole seconds and reads offsets', () => {
    const at = (text: string) => parseEvents([{ ...message, at: text }])[0]?.at;
    expect(at('2026-11-23T10:00:00.987+01:00')).toBe(Date.parse('2026-11-23T09:00:00Z'));
    expect(at('2026-11-23T10:00:59.999Z')).toBe(Date.parse('2026-11-23T10:00:59Z'));
    expect(at('2026-11-23T15:45:00+05:45')).toBe(Date.parse('2026-11-23T10:00:00Z'));
    expect(at('2026-11-23T10:00Z')).toBe(Date.parse('2026-11-23T10:00:00Z'));
  });

  it('defaults `by` to customer and accepts null to unset a field', () => {
    const [event] = parseEvents([
      {
        id: 'u',
        ticket: 'T-1',
        type: 'ticket.updated',
        at: created.at,
        fields: { team: null, custom: { a: 1 } },
      },
    ]);
    expect(event).toMatchObject({ fields: { team: null, custom: { a: 1 } } });
    expect(parseEvents([created])[0]).toMatchObject({ by: 'customer' });
  });
});
