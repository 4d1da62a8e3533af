import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientDataProblems } from '../src/client-data.js';
import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import { explainJson } from '../src/engine/explain-json.js';
import { BreachlessError } from '../src/errors.js';
import { checkEvent } from '../src/events/parse.js';
import type { TicketEvent } from '../src/events/types.js';
import { LIMITS } from '../src/limits.js';

const INT4_MAX = 2 ** 31 - 1;
const { firstInstant, endInstant } = LIMITS;

/** Words that name built-in properties, beside ordinary ones, so lookups meet both. */
const safeWord = fc.constantFrom(
  ...['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'],
  ...['high', 'low', '*', 'ops', 'billing', '😀'],
);
/** Text no column can take: empty, too long for an index, a lone surrogate, NUL. */
const badText = fc.constantFrom('', 'x'.repeat(256), 'a\ud800', 'b\u0000');
/**
 * Mostly `good`, sometimes `bad`: a config with one bad part is refused whole. Without bias,
 * or fast-check's preference for extreme indexes would pick `bad` far more than 1 in 41.
 */
function mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.noBias(fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: bad }));
}
const word = mostly(safeWord, badText);
const status = mostly(fc.constantFrom('new', 'open', 'pending', 'on_hold', 'solved'), safeWord);
const type = mostly(
  fc.constantFrom('ticket.created', 'ticket.updated', 'message', 'message', 'ticket.deleted'),
  safeWord,
);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
/**
 * Instants of a ticket's life (hours after `base`), or sometimes at the edges of the range
 * and far outside it, as ISO text.
 */
const rawInstant = (base: number) =>
  mostly(
    fc.integer({ min: 0, max: 240 }).map((h) => iso(Math.min(base + h * HOUR, endInstant - 1000))),
    fc.oneof(
      fc.constantFrom(firstInstant - 1000, endInstant, firstInstant, endInstant - 1000).map(iso),
      fc.integer({ min: -8.64e15, max: 8.64e15 }).map(iso),
      fc.constantFrom('0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '9999-12-31T00:00:00Z'),
    ),
  );
const duration = mostly(
  fc.oneof(
    fc.constantFrom('1m', '30m', '1h', '8h', '2d', '30d', '365d'),
    fc.integer({ min: 0, max: 365 }).map((d) => `${d}d`),
  ),
  fc.constantFrom('366d', '30000d', '99999999999999999999h'),
);

/** Objects nested `depth` levels, built without recursion. */
const nested = fc.integer({ min: 0, max: 3_000 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { v: value };
  return value;
});

const fields = fc.record(
  {
    status,
    priority: word,
    team: word,
    custom: mostly<Record<string, unknown>>(
      fc.dictionary(word, word, { maxKeys: 3 }),
      nested.map((v) => ({ v })),
    ),
  },
  { requiredKeys: [] },
);
const rawEvent = (base: number, ticket: string, eventType = type) =>
  fc.record({
    id: mostly(fc.uuid(), word),
    ticket: mostly(fc.constant(ticket), word),
    type: eventType,
    at: rawInstant(base),
    by: fc.constantFrom('customer', 'agent'),
    author: fc.constantFrom('customer', 'agent', 'system'),
    public: fc.boolean(),
    fields,
  });

/** A ticket's events: mostly a creation first, then anything. */
const history = (base: number, ticket: string) =>
  fc
    .tuple(
      rawEvent(base, ticket, mostly(fc.constant('ticket.created'), safeWord)),
      fc.array(rawEvent(base, ticket), { maxLength: 6 }),
    )
    .map(([created, rest]) => [created, ...rest]);

const minute = fc.integer({ min: 0, max: 1439 }).map((m) => {
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  return `${hh}:${String(m % 60).padStart(2, '0')}`;
});
const rawCalendar = (id: string) =>
  fc.record(
    {
      id: mostly(fc.constant(id), word),
      timezone: mostly(
        fc.constantFrom('UTC', 'America/New_York', 'Australia/Lord_Howe'),
        fc.constant('constructor'),
      ),
      hours: fc.oneof(
        fc.constant('24x7'),
        fc.dictionary(
          fc.constantFrom('mon', 'wed', 'sat'),
          fc.array(fc.tuple(minute, minute), { minLength: 1, maxLength: 2 }),
          { minKeys: 1 },
        ),
      ),
      publicHolidays: mostly<{ country: string; state?: string }>(
        fc.constantFrom({ country: 'US', state: 'NY' }, { country: 'DE' }),
        fc.constantFrom({ country: 'constructor' }, { country: 'DE', state: '__proto__' }),
      ),
    },
    { requiredKeys: ['id', 'timezone', 'hours'] },
  );
const rawPolicy = (id: string, calendars: number) =>
  fc.record({
    id: mostly(fc.constant(id), word),
    calendar: mostly(
      fc.constantFrom('24x7', ...Array.from({ length: calendars }, (_, i) => `c${i}`)),
      word,
    ),
    when: fc.oneof(
      fc.constant({}),
      word.map((w) => ({ field: 'priority', eq: w })),
    ),
    targets: fc.dictionary(
      fc.constantFrom('first_response', 'next_response', 'periodic_update', 'resolution'),
      fc.dictionary(mostly(fc.constantFrom('*', '*', 'high', 'constructor'), word), duration, {
        minKeys: 1,
        maxKeys: 3,
      }),
      { minKeys: 1 },
    ),
    warnings: fc.uniqueArray(fc.oneof(duration, fc.constantFrom('50%', '90%')), { maxLength: 2 }),
  });
const rawConfig = fc
  .tuple(fc.nat({ max: 2 }), fc.integer({ min: 1, max: 3 }))
  .chain(([calendars, policies]) =>
    fc.record({
      calendars: fc.tuple(...Array.from({ length: calendars }, (_, i) => rawCalendar(`c${i}`))),
      policies: fc.tuple(
        ...Array.from({ length: policies }, (_, i) => rawPolicy(`p${i}`, calendars)),
      ),
    }),
  );

/** Runs `parse`; anything thrown must be one of ours, with problems, never a crash. */
function accepted<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    expect(error).toBeInstanceOf(BreachlessError);
    return undefined;
  }
}

/**
 * A config, events around one instant of the range, and "now": days later, or up to the
 * range's end, where a ticket from 2000 has run for 60 years (int4 holds 68).
 */
const hostileInput = fc.integer({ min: firstInstant, max: endInstant - 1000 }).chain((base) =>
  fc.record({
    config: rawConfig,
    events: fc
      .tuple(history(base, 'T1'), history(base, 'constructor'), history(base, '__proto__'))
      .map((tickets) => tickets.flat()),
    now: fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((h) => Math.min(base + h * HOUR, endInstant - 1000)),
      fc.integer({ min: base, max: endInstant - 1000 }),
    ),
  }),
);

describe('whatever validation accepts can be evaluated and stored', () => {
  it('evaluates without throwing, every target and elapsed second a whole int4', () => {
    fc.assert(
      fc.property(hostileInput, ({ config, events, now }) => {
        const valid = accepted(() => parseConfig(config));
        if (!valid) return;
        const checked = events.map((e) => checkEvent(e));
        const ok = checked.flatMap((c) => ('event' in c ? [c.event] : []));
        for (const c of checked) if ('problems' in c) expect(c.problems.length).toBeGreaterThan(0);
        const results = new Engine(valid).evaluate(ok as TicketEvent[], now, { trace: true });
        for (const cycle of results.flatMap((t) => t.cycles)) {
          for (const seconds of [cycle.targetSeconds, cycle.elapsedSeconds]) {
            expect(Number.isInteger(seconds)).toBe(true);
            expect(seconds).toBeGreaterThanOrEqual(0);
            expect(seconds).toBeLessThanOrEqual(INT4_MAX);
          }
        }
        // Every instant of the result formats: "Invalid time value" was how explain died.
        expect(() => JSON.stringify(explainJson(results, now, true))).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('the generated inputs reach valid configs, measured cycles and prototype keys', () => {
    let configs = 0;
    let cycles = 0;
    let builtIn = 0;
    for (const { config, events, now } of fc.sample(hostileInput, { seed: 7, numRuns: 150 })) {
      const valid = accepted(() => parseConfig(config));
      if (!valid) continue;
      configs++;
      const ok = events.flatMap((e) => {
        const c = checkEvent(e);
        return 'event' in c ? [c.event] : [];
      });
      for (const t of new Engine(valid).evaluate(ok, now)) {
        cycles += t.cycles.length;
        if (['constructor', '__proto__', 'toString'].includes(String(t.fields.priority))) builtIn++;
      }
    }
    expect(configs).toBeGreaterThan(50);
    expect(cycles).toBeGreaterThan(50);
    expect(builtIn).toBeGreaterThan(10);
  });

  it('names what PostgreSQL cannot store, at any depth, without a stack overflow', () => {
    fc.assert(
      fc.property(nested, word, (deep, text) => {
        const problems = clientDataProblems({ a: deep, [text]: text });
        const unstorable = text.includes('\u0000') || text.includes('\ud800');
        expect(problems.some((p) => p.message.includes('nested'))).toBe(
          JSON.stringify(deep).split('{').length - 1 >= LIMITS.maxDepth,
        );
        expect(problems.filter((p) => !p.message.includes('nested')).length).toBe(
          unstorable ? 2 : 0,
        );
      }),
      { numRuns: 200 },
    );
  });
});
