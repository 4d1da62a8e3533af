import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBySchema, checkEvent } from '../src/events/parse.js';
import { plainEvent } from '../src/events/plain-event.js';
import { badInstant, badText, goodInstant, goodText, input, validEvent } from './event-inputs.js';

// checkEvent reads the common valid event without zod (plain-event.ts). Whatever it is
// given, it must answer what the schema alone answers: the same event, key for key and in
// the same order, or the same problems.

/** JSON, bigints included: a key the schema passes through may hold anything. */
const json = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

/**
 * `a` and `b` the same, value for value (Object.is), key for key in the same order, and with
 * the same prototypes. Not `toStrictEqual`: its type check compares each object's
 * `constructor` with `===`, so two copies of `{ constructor: NaN }` (a key an event's fields
 * may hold) failed it while both paths had answered alike.
 */
function expectIdentical(a: unknown, b: unknown, path = 'answer'): void {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    expect(Object.is(a, b), `${path}: ${String(a)} against ${String(b)}`).toBe(true);
    return;
  }
  expect(Object.getPrototypeOf(a), `${path}'s prototype`).toBe(Object.getPrototypeOf(b));
  expect(Reflect.ownKeys(a), `${path}'s keys`).toEqual(Reflect.ownKeys(b));
  for (const key of Reflect.ownKeys(a))
    expectIdentical(
      (a as Record<PropertyKey, unknown>)[key],
      (b as Record<PropertyKey, unknown>)[key],
      `${path}.${String(key)}`,
    );
}

function expectSame(value: unknown): void {
  const fast = checkEvent(value);
  const schema = checkBySchema(value);
  expectIdentical(fast, schema);
  if ('event' in fast && 'event' in schema) {
    expect(json(fast.event)).toBe(json(schema.event));
    expect(Object.keys(fast.event)).toEqual(Object.keys(schema.event));
    const fieldsOf = (e: object) => (e as { fields?: object }).fields;
    expect(Object.keys(fieldsOf(fast.event) ?? {})).toEqual(
      Object.keys(fieldsOf(schema.event) ?? {}),
    );
    // Copies, as the schema's are: a caller changing its input later changes no event.
    // (Only where the type has fields: others pass a `fields` key through as it came.)
    const own = ['ticket.created', 'ticket.updated'].includes(fast.event.type);
    const before = fieldsOf(value as object) as { tags?: unknown; custom?: unknown } | undefined;
    const after = fieldsOf(fast.event) as { tags?: unknown; custom?: unknown } | undefined;
    if (own && before !== undefined && after !== undefined) {
      expect(after).not.toBe(before);
      if (after.tags !== undefined) expect(after.tags).not.toBe(before.tags);
      if (after.custom !== undefined) expect(after.custom).not.toBe(before.custom);
    }
  }
}

describe('checkEvent without zod for the common event', () => {
  it('answers what the schema answers, event or problems, for any input', () => {
    // The example is one a run found: fields with a `constructor` key.
    const constructorKey = {
      id: ' ',
      ticket: ' ',
      at: '2000-01-01T00:00:00Z',
      type: 'ticket.created',
      fields: { constructor: Number.NaN },
    };
    fc.assert(fc.property(input, expectSame), { numRuns: 3000, examples: [[constructorKey]] });
  });

  it('reads every valid event itself, and answers the schema', () => {
    fc.assert(
      fc.property(validEvent, (e) => {
        expect(plainEvent(e)).toBeDefined();
        expectSame(e);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads instants as the schema does, digit by digit and at every bound', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const shaped = fc
      .tuple(
        fc.integer({ min: 1990, max: 2070 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
      )
      .map(([y, mo, d, h, mi, s]) => {
        return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}Z`;
      });
    /** A shaped instant with one character replaced: the reader must not guess. */
    const spoiled = fc
      .tuple(
        shaped,
        fc.nat({ max: 19 }),
        fc.constantFrom('x', '/', ':', ';', ' ', 'z', '+', '-', '٣', '0'),
      )
      .map(([text, i, c]) => `${text.slice(0, i)}${c}${text.slice(i + 1)}`);
    const at = fc.oneof(shaped, spoiled, goodInstant, badInstant);
    const event = { id: 'e', ticket: 't', type: 'ticket.deleted' };
    fc.assert(
      fc.property(at, (text) => expectSame({ ...event, at: text })),
      { numRuns: 3000 },
    );
  });

  it('reads text as the schema does, in every place text goes', () => {
    const unit = fc.constantFrom('a', '\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '😀', 'é');
    const text = fc.oneof(
      fc.array(unit, { maxLength: 5 }).map((units) => units.join('')),
      fc.integer({ min: 253, max: 257 }).map((n) => 'x'.repeat(n)),
      fc.integer({ min: 250, max: 256 }).map((n) => `${'x'.repeat(n)}😀`),
      goodText,
      badText,
    );
    const places: ((t: string) => Record<string, unknown>)[] = [
      (t) => ({ id: t }),
      (t) => ({ ticket: t }),
      (t) => ({ tenant: t }),
      (t) => ({ fields: { team: t } }),
      (t) => ({ fields: { subject: t } }),
      (t) => ({ fields: { tags: ['a', t] } }),
      (t) => ({ fields: { custom: { [t]: 1 } } }),
      (t) => ({ fields: { custom: { k: t } } }),
    ];
    const event = { id: 'e', ticket: 't', type: 'ticket.updated', at: '2026-11-23T10:00:00Z' };
    fc.assert(
      fc.property(text, fc.nat({ max: places.length - 1 }), (t, place) =>
        expectSame({ ...event, fields: {}, ...places[place]?.(t) }),
      ),
      { numRuns: 3000 },
    );
  });

  it('reads the events an import maps, emoji included, itself', () => {
    const at = '2016-02-29T01:16:00Z';
    const events = [
      {
        id: 'INC1#created',
        ticket: 'INC1',
        type: 'ticket.created',
        at,
        by: 'customer',
        fields: {
          status: 'new',
          priority: 'normal',
          team: null,
          custom: { category: 'Category 55' },
        },
      },
      {
        id: 'INC1#0002',
        ticket: 'INC1',
        type: 'ticket.updated',
        at,
        fields: { status: 'solved', subject: 'café 😀' },
      },
      {
        id: 'INC1#0002/first-response',
        ticket: 'INC1',
        type: 'message',
        at,
        author: 'agent',
        public: true,
      },
      {
        id: 'INC1#gone',
        ticket: 'INC1',
        tenant: 'acme',
        type: 'ticket.deleted',
        at: '2016-02-29T02:16:00+01:00',
      },
    ];
    for (const e of events) {
      expect(plainEvent(e)).toBeDefined();
      expectSame(e);
    }
  });
});
