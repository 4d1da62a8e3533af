import { describe, expect, it } from 'vitest';
import { EventsError, type Problem } from '../errors.js';
import { LIMITS } from '../limits.js';
import { parseEvents } from './parse.js';

const created = {
  id: 'e1',
  ticket: 'T-1',
  type: 'ticket.created',
  at: '2026-11-23T10:00:00Z',
  fields: { status: 'new' },
};
const RANGE = 'must be from 2000-01-01T00:00:00Z and before 2060-01-01T00:00:00Z';

function problems(value: unknown): Problem[] {
  try {
    parseEvents([value]);
  } catch (error) {
    expect(error).toBeInstanceOf(EventsError);
    return [...(error as EventsError).problems];
  }
  return [];
}

describe('event bounds that match storage', () => {
  it('takes instants from 2000 up to (not including) 2060, and names the others', () => {
    expect(problems({ ...created, at: '2000-01-01T00:00:00Z' })).toEqual([]);
    expect(problems({ ...created, at: '2059-12-31T23:59:59Z' })).toEqual([]);
    for (const at of [
      '0000-01-01T00:00:00Z',
      '1957-12-31T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '2000-01-01T00:30:00+01:00',
      '2060-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ])
      expect(problems({ ...created, at })).toEqual([{ path: '[0]: at', message: RANGE }]);
    expect(problems({ ...created, at: '+275760-09-13T00:00:00Z' })[0]?.message).toMatch(
      /is not an ISO-8601 instant/,
    );
  });

  it('takes ids and indexed fields up to 255 characters', () => {
    const max = 'x'.repeat(LIMITS.maxIdLength);
    const long = `${max}x`;
    const fields = { status: 'new', team: max, assignee: max, tags: [max] };
    expect(problems({ ...created, id: max, ticket: max, tenant: max, fields })).toEqual([]);
    const bad = { ...created, id: long, ticket: long, fields: { team: long, tags: ['a', long] } };
    expect(problems(bad)).toEqual(
      ['id', 'ticket', 'fields.team', 'fields.tags[1]'].map((path) => ({
        path: `[0]: ${path}`,
        message: 'must be at most 255 characters',
      })),
    );
  });

  it('keeps long free text, which is stored only in the event body', () => {
    const subject = 's'.repeat(10_000);
    expect(problems({ ...created, fields: { subject, url: `https://x/${subject}` } })).toEqual([]);
  });

  it('reads a type or status with a built-in name as an unknown one, by path', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect(problems({ ...created, type: word })).toEqual([
        {
          path: '[0]: type',
          message: 'must be one of ticket.created, ticket.updated, message, ticket.deleted',
        },
      ]);
      expect(problems({ ...created, fields: { status: word } })[0]?.path).toBe(
        '[0]: fields.status',
      );
    }
  });
});
