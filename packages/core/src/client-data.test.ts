import { describe, expect, it } from 'vitest';
import { clientDataProblems, isTooDeep } from './client-data.js';
import { parseConfig } from './config/parse.js';
import { checkInteractions } from './contact-center/parse.js';
import { parseEvents } from './events/parse.js';
import { LIMITS } from './limits.js';

const NUL = 'must not contain the NUL character (\\u0000)';
const SURROGATE = 'must not contain a lone UTF-16 surrogate (like \\ud800)';
const event = (fields: Record<string, unknown>) => ({
  id: 'e',
  ticket: 'T',
  type: 'ticket.created',
  at: '2026-11-23T09:00:00Z',
  by: 'customer',
  fields: { status: 'new', ...fields },
});

/** `depth` objects inside one another, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? { x: value } : [value];
  return value;
}

describe('the NUL character', () => {
  it('is found in values and keys at any depth, by path, in document order', () => {
    expect(clientDataProblems({ a: ['ok', 'b\u0000'], 'k\u0000': 1 })).toEqual([
      { path: 'a[1]', message: NUL },
      { path: 'k\u0000', message: NUL },
    ]);
    expect(clientDataProblems({ a: 'fine', b: [1, null, { c: 'also fine' }] })).toEqual([]);
  });

  it('is refused in events, configs and interactions, with the field named', () => {
    expect(() => parseEvents([event({ subject: 'a\u0000' })])).toThrow(/fields\.subject/);
    expect(() =>
      parseConfig({
        policies: [{ id: 'p\u0000', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
      }),
    ).toThrow(/policies\[0\]\.id/);
    const checked = checkInteractions([
      { id: 'c', queue: 'q\u0000', offeredAt: '2026-11-23T09:00:00Z' },
    ]);
    expect(checked).toEqual({ problems: [{ path: '[0].queue', message: NUL }] });
  });
});

describe('lone surrogates (PostgreSQL refuses them as text)', () => {
  it('are found in values and keys, while a well-formed pair passes', () => {
    expect(clientDataProblems({ a: 'x\ud800', b: '\udc00y', 'k\udbff': 'ok', c: '😀' })).toEqual([
      { path: 'a', message: SURROGATE },
      { path: 'b', message: SURROGATE },
      { path: 'k\udbff', message: SURROGATE },
    ]);
  });

  it('are refused in events and configs by path', () => {
    expect(() => parseEvents([event({ team: 'ops\ud800' })])).toThrow(
      /\[0\]: fields\.team: must not contain a lone UTF-16 surrogate/,
    );
    expect(() =>
      parseConfig({ calendars: [{ id: '\udfff', timezone: 'UTC', hours: '24x7' }] }),
    ).toThrow(/calendars\[0\]\.id: must not contain a lone/);
  });
});

describe('nesting depth', () => {
  it(`passes ${LIMITS.maxDepth} levels and names the first container beyond`, () => {
    expect(clientDataProblems(nested(LIMITS.maxDepth))).toEqual([]);
    const problems = clientDataProblems(nested(LIMITS.maxDepth + 1));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toMatch(/^\[0\]\.x\[0\]/);
    expect(problems[0]?.message).toBe(`is nested more than ${LIMITS.maxDepth} levels deep`);
    expect(isTooDeep(problems)).toBe(true);
  });

  it('a million levels is a problem, not a stack overflow, in events and configs', () => {
    const deep = nested(1_000_000);
    expect(isTooDeep(clientDataProblems(deep))).toBe(true);
    expect(() => parseEvents([event({ custom: { deep } })])).toThrow(
      /\[0\]: fields\.custom\.deep.*: is nested more than 32 levels deep/,
    );
    let condition: unknown = { field: 'team', eq: 'x' };
    for (let i = 0; i < 100_000; i++) condition = { not: condition };
    expect(() =>
      parseConfig({
        policies: [{ id: 'p', calendar: '24x7', when: condition, targets: {} }],
      }),
    ).toThrow(/policies\[0\]\.when(\.not)+: is nested more than 32 levels deep/);
  });
});
