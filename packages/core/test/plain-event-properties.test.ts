import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBySchema, checkEvent } from '../src/events/parse.js';
import { plainEvent } from '../src/events/plain-event.js';

// checkEvent reads the common valid event without zod (plain-event.ts). Whatever it is
// given, it must answer what the schema alone answers: the same event, key for key and in
// the same order, or the same problems.

const nested = fc.integer({ min: 1, max: 40 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { v: value };
  return value;
});
/** Text every check takes: emoji (surrogate pairs), the longest id, built-in names. */
const goodText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.constantFrom('x'.repeat(255), '😀', 'a\ud83d\ude00b', 'constructor', '__proto__', 'toString'),
);
/** Text some check refuses: empty, too long, NUL, lone surrogates in every position. */
const badText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', 'x'.repeat(256), 'a\u0000', '\u0000', '\ud800', 'x\udc00', '\udbff'),
  fc.constantFrom('\ud800\ud800\udc00', '\udc00\ud800', 'a\ud83d\ude00\ude00'),
);
/** Anything a JSON body (or a careless caller) can put where a value is expected. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, Number.NaN, 1e308, 10n),
  fc.constantFrom({}, [], Object.create(null), new Date(0), ['a', 1], { status: 'new' }),
  nested,
);

const FIRST = Date.UTC(2000, 0, 1) / 1000;
const END = Date.UTC(2060, 0, 1) / 1000;
const canonical = (seconds: number) => `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
const goodInstant = fc.oneof(
  fc.integer({ min: FIRST, max: END - 1 }).map(canonical),
  fc.constantFrom(
    ...['2000-01-01T00:00:00Z', '2059-12-31T23:59:59Z', '2000-02-29T12:00:00Z'],
    ...['2024-02-29T23:59:59Z', '2026-11-23T10:00:00+01:00', '2026-11-23T10:00Z'],
    ...['2026-11-23T10:00:00.999Z', '2026-11-23T10:00:00-0230', '2000-01-01T00:30:00-01:00'],
  ),
);
const badInstant = fc.oneof(
  fc.integer({ min: FIRST - 86_400, max: FIRST - 1 }).map(canonical),
  fc.integer({ min: END, max: END + 86_400 }).map(canonical),
  fc.integer({ min: -8.64e12, max: 8.64e12 }).map((s) => new Date(s * 1000).toISOString()),
  fc.constantFrom(
    ...['2026-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2026-11-23T24:00:00Z'],
    ...['2026-11-23T10:60:00Z', '2026-11-23T10:00:60Z', '2026-13-01T00:00:00Z'],
    ...['2026-00-10T00:00:00Z', '2026-11-00T00:00:00Z', '0050-01-01T00:00:00Z'],
    ...['2026-1a-23T10:00:00Z', '2026-11-23 10:00:00Z', '2026-11-23T10:00:00z'],
    ...['2026-11-23T10:-1:00Z', '2026-11-23T1:00:00ZZ', '２０２６-11-23T10:00:00Z'],
    ...['2026-11-23T10:00:00', '2000-01-01T00:30:00+01:00', '+275760-09-13T00:00:00Z'],
  ),
);

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const goodFields = fc.record(
  {
    status: fc.constantFrom(...STATUSES),
    priority: fc.option(goodText, { nil: null }),
    team: fc.option(goodText, { nil: null }),
    channel: fc.option(goodText, { nil: null }),
    assignee: fc.option(goodText, { nil: null }),
    requester: fc.option(goodText, { nil: null }),
    organization: fc.option(goodText, { nil: null }),
    brand: fc.option(goodText, { nil: null }),
    subject: fc.option(fc.string({ unit: 'grapheme', maxLength: 300 }), { nil: null }),
    url: fc.option(goodText, { nil: null }),
    tags: fc.array(goodText, { maxLength: 3 }),
    custom: fc.dictionary(
      goodText.filter((k) => k !== '__proto__'),
      fc.oneof(goodText, fc.constantFrom(null, 0, -1.5, true)),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: [] },
);
const base = { id: goodText, ticket: goodText, tenant: goodText, at: goodInstant };
const required = ['id', 'ticket', 'at', 'type'] as const;
/** Valid events of every type, optional keys sometimes left out. */
const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      ...base,
      type: fc.constant('ticket.created'),
      by: fc.constantFrom('customer', 'agent'),
      fields: goodFields,
    },
    { requiredKeys: [...required, 'fields'] },
  ),
  fc.record(
    { ...base, type: fc.constant('ticket.updated'), fields: goodFields },
    { requiredKeys: [...required, 'fields'] },
  ),
  fc.record(
    {
      ...base,
      type: fc.constant('message'),
      author: fc.constantFrom('customer', 'agent', 'system'),
      public: fc.boolean(),
    },
    { requiredKeys: [...required, 'author', 'public'] },
  ),
  fc.record({ ...base, type: fc.constant('ticket.deleted') }, { requiredKeys: [...required] }),
);

const DELETE = Symbol('delete');
const TOP_KEYS = ['id', 'ticket', 'tenant', 'at', 'type', 'by', 'fields', 'author', 'public'];
const FIELD_KEYS = ['status', 'priority', 'team', 'channel', 'assignee', 'requester'];
FIELD_KEYS.push('organization', 'brand', 'subject', 'url', 'tags', 'custom');
/** One change to a valid event: a key set to a near-valid or wrong value, added or removed. */
const change = fc.record({
  where: fc.constantFrom('top', 'fields', 'custom', 'tags'),
  key: fc.oneof(
    fc.constantFrom(...TOP_KEYS, ...FIELD_KEYS, 'extra', '__proto__', 'constructor'),
    fc.constantFrom('0', '1', '2'),
  ),
  value: fc.oneof(
    goodText,
    badText,
    goodInstant,
    badInstant,
    anything,
    fc.constantFrom(DELETE, 'ticket.created', 'message', 'agent', 'system', 'new', false),
  ),
});

type Change = { where: string; key: string; value: unknown };

/** A copy of `event` with `change` made, the input's own objects left as they were. */
function changed(event: Record<string, unknown>, c: Change): unknown {
  const copy: Record<string, unknown> = { ...event };
  const fields: Record<string, unknown> = { ...(event.fields as object) };
  if (event.fields !== undefined) copy.fields = fields;
  if (c.where === 'custom') fields.custom = { ...(fields.custom as object) };
  if (c.where === 'tags') fields.tags = [...((fields.tags as unknown[]) ?? [])];
  const target = (c.where === 'top' ? copy : c.where === 'fields' ? fields : fields[c.where]) as
    | Record<string, unknown>
    | unknown[];
  if (c.value === DELETE) delete (target as Record<string, unknown>)[c.key];
  else
    Object.defineProperty(target, c.key, {
      value: c.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** Valid events, valid events with one change, and inputs that are no event at all. */
const input: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: validEvent },
  { weight: 6, arbitrary: fc.tuple(validEvent, change).map(([e, c]) => changed(e, c)) },
  { weight: 1, arbitrary: validEvent.map((e) => Object.assign(Object.create(null), e)) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      anything,
      goodText,
      validEvent.map((e) => [e]),
    ),
  },
  {
    weight: 1,
    arbitrary: validEvent.map((e) => ({ ...e, fields: { custom: { [Symbol('s')]: 1 } } })),
  },
  {
    weight: 1,
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this case is about
    arbitrary: validEvent.map((e) => ({ ...e, fields: { tags: [, 'a'] } })),
  },
);

/** JSON, bigints included: a key the schema passes through may hold anything. */
const json = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

function expectSame(value: unknown): void {
  const fast = checkEvent(value);
  const schema = checkBySchema(value);
  expect(fast).toStrictEqual(schema);
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
    fc.assert(fc.property(input, expectSame), { numRuns: 3000 });
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
