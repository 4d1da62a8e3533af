import { describe, expect, it } from 'vitest';
import { checkInteractions } from './parse.js';

describe('checkInteractions', () => {
  it('reads interactions, instants to milliseconds, optional fields left out', () => {
    expect(
      checkInteractions([
        {
          id: 'c1',
          queue: 'billing',
          channel: 'phone',
          offeredAt: '2026-11-23T09:00:00Z',
          answeredAt: '2026-11-23T09:00:15Z',
        },
        { id: 'c2', queue: 'billing', offeredAt: '2026-11-23T10:00:00+01:00', extra: true },
      ]),
    ).toEqual({
      interactions: [
        {
          id: 'c1',
          queue: 'billing',
          channel: 'phone',
          offeredAt: Date.parse('2026-11-23T09:00:00Z'),
          answeredAt: Date.parse('2026-11-23T09:00:15Z'),
        },
        { id: 'c2', queue: 'billing', offeredAt: Date.parse('2026-11-23T09:00:00Z') },
      ],
    });
  });

  it('lists every problem by index and field', () => {
    expect(
      checkInteractions([
        { id: '', queue: 'q', offeredAt: '2026-11-23T09:00:00' },
        {
          id: 'b',
          queue: 'q',
          offeredAt: '2026-11-23T09:00:00Z',
          answeredAt: '2026-11-23T08:00:00Z',
          abandonedAt: '2026-11-23T09:01:00Z',
        },
        'nope',
      ]),
    ).toEqual({
      problems: [
        { path: '[0].id', message: 'must not be empty' },
        {
          path: '[0].offeredAt',
          message: '"2026-11-23T09:00:00" is not an ISO-8601 instant with an offset or Z',
        },
        { path: '[1].abandonedAt', message: 'an interaction is answered or abandoned, not both' },
        { path: '[1].answeredAt', message: 'before offeredAt' },
        { path: '[2].(interaction)', message: expect.stringContaining('expected object') },
      ],
    });
  });
});
