import fc from 'fast-check';

// Inputs for the properties of checkEvent's reader without zod (plain-event-properties.test.ts):
// valid events of every type, the same with one change, and values that are no event.
const nested = fc.integer({ min: 1, max: 40 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { v: value };
  return value;
});
/** Text every check takes: emoji (surrogate pairs), the longest id, built-in names. */
export const goodText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.constantFrom('x'.repeat(255), '😀', 'a\ud83d\ude00b', 'constructor', '__proto__', 'toString'),
);
/** Text some check refuses: empty, too long, NUL, lone surrogates in every position. */
export const badText = fc.oneof(
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
/** Instants the schema takes: any second of the range, its bounds, leap days, offsets. */
export const goodInstant = fc.oneof(
  fc.integer({ min: FIRST, max: END - 1 }).map(canonical),
  fc.constantFrom(
    ...['2000-01-01T00:00:00Z', '2059-12-31T23:59:59Z', '2000-02-29T12:00:00Z'],
    ...['2024-02-29T23:59:59Z', '2026-11-23T10:00:00+01:00', '2026-11-23T10:00Z'],
    ...['2026-11-23T10:00:00.999Z', '2026-11-23T10:00:00-0230', '2000-01-01T00:30:00-01:00'],
  ),
);
/** Instants it refuses: just outside the range, days and times that do not exist, other forms. */
export const badInstant = fc.oneof(
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
export const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
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
export const input: fc.Arbitrary<unknown> = fc.oneof(
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
