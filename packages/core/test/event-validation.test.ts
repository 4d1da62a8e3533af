import { describe, expect, it } from 'vitest';
import { EventsError } from '../src/errors.js';
import { parseEvents, parseEventsNdjson } from '../src/events/parse.js';

const ok = {
  id: 'e1',
  ticket: 'T-1',
  type: 'ticket.created',
  at: '2026-11-23T10:00:00Z',
  fields: { status: 'new' },
};

function problems(values: unknown[]) {
  try {
    parseEvents(values);
  } catch (error) {
    expect(error).toBeInstanceOf(EventsError);
    return (error as EventsError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('the events were accepted');
}

describe('event validation names the event and the field', () => {
  const cases: [string, unknown, string][] = [
    ['missing id', { ...ok, id: undefined }, '[0]: id: is required'],
    ['missing ticket', { ...ok, ticket: undefined }, '[0]: ticket: is required'],
    ['missing at', { ...ok, at: undefined }, '[0]: at: is required'],
    ['unknown type', { ...ok, type: 'ticket.merged' }, '[0]: type: must be one of ticket.created'],
    [
      'no offset',
      { ...ok, at: '2026-11-23T10:00:00' },
      '[0]: at: "2026-11-23T10:00:00" is not an ISO-8601 instant with an offset or Z',
    ],
    [
      'impossible date',
      { ...ok, at: '2026-02-30T10:00:00Z' },
      '[0]: at: "2026-02-30T10:00:00Z" is not an ISO-8601',
    ],
    [
      'message without author',
      { id: 'm', ticket: 'T', type: 'message', at: ok.at, public: true },
      '[0]: author: is required',
    ],
    [
      'message without public',
      { id: 'm', ticket: 'T', type: 'message', at: ok.at, author: 'agent' },
      '[0]: public: is required',
    ],
    ['bad status', { ...ok, fields: { status: 'waiting' } }, '[0]: fields.status'],
    ['fields not an object', { ...ok, fields: 'open' }, '[0]: fields: must be a object'],
    ['not an object', 'hello', '[0]: (root): must be a JSON object'],
  ];
  for (const [name, value, expected] of cases)
    it(name, () => expect(problems([value]).join('\n')).toContain(expected));

  it('rejects a batch whole, listing every bad event', () => {
    const found = problems([
      ok,
      { ...ok, id: 'e2', at: 'yesterday' },
      ok,
      { ...ok, id: 'e4', type: 'nope' },
    ]);
    expect(found.map((p) => p.split(':')[0])).toEqual(['[1]', '[3]']);
  });

  it('names file:line in NDJSON, including lines that are not JSON', () => {
    const text = `${JSON.stringify(ok)}\n\n{"id":\n${JSON.stringify({ ...ok, at: '2026-11-23' })}\n`;
    expect(() => parseEventsNdjson(text, 'events.ndjson')).toThrow(EventsError);
    try {
      parseEventsNdjson(text, 'events.ndjson');
    } catch (error) {
      expect((error as EventsError).problems.map((p) => p.path)).toEqual([
        'events.ndjson:3',
        'events.ndjson:4: at',
      ]);
    }
  });

  it('keeps unknown keys out, and truncates instants to whole seconds', () => {
    const [event] = parseEvents([{ ...ok, at: '2026-11-23T10:00:00.987+01:00', colour: 'red' }]);
    expect(event?.at).toBe(Date.parse('2026-11-23T09:00:00Z'));
    expect(event).not.toHaveProperty('colour');
  });
});
