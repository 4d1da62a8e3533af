import { describe, expect, it } from 'vitest';
import { parseConfig } from './config/parse.js';
import { checkInteractions } from './contact-center/parse.js';
import { parseEvents } from './events/parse.js';
import { nulProblems } from './nul-text.js';

describe('the NUL character', () => {
  it('is found in values and keys at any depth, by path', () => {
    expect(nulProblems({ a: ['ok', 'b\u0000'], 'k\u0000': 1 })).toEqual([
      { path: 'a[1]', message: 'must not contain the NUL character (\\u0000)' },
      { path: 'k\u0000', message: 'must not contain the NUL character (\\u0000)' },
    ]);
    expect(nulProblems({ a: 'fine', b: [1, null, { c: 'also fine' }] })).toEqual([]);
  });

  it('is refused in events, configs and interactions, with the field named', () => {
    const event = {
      id: 'e',
      ticket: 'T',
      type: 'ticket.created',
      at: '2026-11-23T09:00:00Z',
      by: 'customer',
      fields: { status: 'new', subject: 'a\u0000' },
    };
    expect(() => parseEvents([event])).toThrow(/fields\.subject/);
    expect(() =>
      parseConfig({
        policies: [{ id: 'p\u0000', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
      }),
    ).toThrow(/policies\[0\]\.id/);
    const checked = checkInteractions([
      { id: 'c', queue: 'q\u0000', offeredAt: '2026-11-23T09:00:00Z' },
    ]);
    expect(checked).toEqual({
      problems: [{ path: '[0].queue', message: 'must not contain the NUL character (\\u0000)' }],
    });
  });
});
