import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import { explainJson } from '../src/engine/explain-json.js';
import type { CycleResult, TicketResult } from '../src/engine/types.js';
import { parseEvents } from '../src/events/parse.js';
import { formatInstant, parseInstant } from '../src/time/instant.js';

/**
 * Engine rules the conformance scenarios do not pin down, each with numbers worked out by
 * hand. Times are UTC unless an offset is written; 2026-11-23 is a Monday, New York is at
 * -05:00 all month, and Thursday 2026-11-26 is a holiday in the `ny` calendar.
 */

const NY = {
  id: 'ny',
  timezone: 'America/New_York',
  hours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]),
  ),
  holidays: ['2026-11-26'],
};

const engineWith = (...policies: unknown[]) =>
  new Engine(parseConfig({ calendars: [NY], policies }));

const instant = (text: string) => {
  const at = parseInstant(text);
  if (at === undefined) throw new Error(`bad instant ${text}`);
  return at;
};
const iso = (at: number | null) => (at === null ? null : formatInstant(at));

/** Events of one ticket `T`, written as on the wire; ids e1, e2, ... in the order given. */
function history(...events: Record<string, unknown>[]) {
  return parseEvents(events.map((e, i) => ({ id: `e${i + 1}`, ticket: 'T', ...e })));
}
const created = (at: string, fields: Record<string, unknown> = {}, by = 'customer') => ({
  type: 'ticket.created',
  at,
  by,
  fields: { status: 'new', priority: 'normal', ...fields },
});
const updated = (at: string, fields: Record<string, unknown>) => ({
  type: 'ticket.updated',
  at,
  fields,
});
const message = (at: string, author: string, isPublic = true) => ({
  type: 'message',
  at,
  author,
  public: isPublic,
});
const deleted = (at: string) => ({ type: 'ticket.deleted', at });

function ticketAt(engine: Engine, events: ReturnType<typeof history>, now: string): TicketResult {
  const [ticket] = engine.evaluate(events, instant(now), { trace: true });
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

/** The reported cycles as `metric#cycle` → the fields worth comparing, instants in ISO. */
function cyclesAt(engine: Engine, events: ReturnType<typeof history>, now: string) {
  const out: Record<string, ReturnType<typeof summary>> = {};
  for (const c of ticketAt(engine, events, now).cycles) {
    // A record keeps the last of two equal keys: a duplicated cycle must fail instead.
    if (`${c.metric}#${c.cycle}` in out) throw new Error(`cycle ${c.metric}#${c.cycle} twice`);
    out[`${c.metric}#${c.cycle}`] = summary(c);
  }
  return out;
}
function summary(c: CycleResult) {
  return {
    status: c.status,
    startedAt: iso(c.startedAt),
    stoppedAt: iso(c.stoppedAt),
    elapsed: c.elapsedSeconds,
    dueAt: iso(c.dueAt),
    remaining: c.remainingSeconds,
    breachedAt: iso(c.breachedAt),
    warnings: c.warningsFired,
  };
}

const H = 3600;

describe('pauses', () => {
  const events = history(
    created('2026-11-23T10:00:00Z'),
    updated('2026-11-23T11:00:00Z', { status: 'on_hold' }),
    updated('2026-11-23T13:00:00Z', { status: 'open' }),
    updated('2026-11-23T14:00:00Z', { status: 'pending' }),
  );
  const targets = {
    first_response: { '*': '4h' },
    next_response: { '*': '4h' },
    resolution: { '*': '8h' },
  };

  it('a policy pause list replaces the default only for the metrics it names', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets,
      pause: { first_response: ['on_hold'] },
    });
    const cycles = cyclesAt(engine, events, '2026-11-23T15:00:00Z');
    // first_response pauses on on_hold only: runs 10-11, 13-15.
    expect(cycles['first_response#1']).toMatchObject({
      status: 'running',
      elapsed: 3 * H,
      dueAt: '2026-11-23T16:00:00Z',
      remaining: H,
    });
    // resolution keeps the default (pending and on_hold): runs 10-11 and 13-14.
    expect(cycles['resolution#1']).toMatchObject({
      status: 'paused',
      elapsed: 2 * H,
      dueAt: null,
      remaining: 6 * H,
    });
  });

  it('naming resolution alone makes pending count, and leaves first_response unpaused', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets,
      pause: { resolution: ['on_hold'] },
    });
    const cycles = cyclesAt(engine, events, '2026-11-23T15:00:00Z');
    expect(cycles['resolution#1']).toMatchObject({
      status: 'running',
      elapsed: 3 * H,
      dueAt: '2026-11-23T20:00:00Z',
    });
    expect(cycles['first_response#1']).toMatchObject({
      status: 'breached',
      elapsed: 5 * H,
      breachedAt: '2026-11-23T14:00:00Z',
      dueAt: null,
    });
  });

  it('on_hold pauses resolution by default', () => {
    const engine = engineWith({ id: 'p', calendar: '24x7', targets });
    const cycles = cyclesAt(engine, events, '2026-11-23T12:00:00Z');
    expect(cycles['resolution#1']).toMatchObject({
      status: 'paused',
      elapsed: H,
      remaining: 7 * H,
    });
    expect(cycles['first_response#1']).toMatchObject({ status: 'running', elapsed: 2 * H });
  });

  it('pausing exactly at the due instant still breaches: a paused cycle is open', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' } },
      pause: { first_response: ['on_hold'] },
    });
    const paused = history(
      created('2026-11-23T10:00:00Z'),
      updated('2026-11-23T11:00:00Z', { status: 'on_hold' }),
    );
    expect(cyclesAt(engine, paused, '2026-11-23T11:00:00Z')['first_response#1']).toMatchObject({
      status: 'paused',
      elapsed: H,
      remaining: 0,
      breachedAt: null,
    });
    expect(cyclesAt(engine, paused, '2026-11-23T11:00:01Z')['first_response#1']).toMatchObject({
      status: 'breached',
      elapsed: H,
      breachedAt: '2026-11-23T11:00:00Z',
    });
  });
});

describe('warning levels', () => {
  it('a remaining time larger than the target has threshold 0: it fires right after the start', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '30m' } },
      warnings: ['1h', '50%'],
    });
    const events = history(created('2026-11-23T10:00:00Z'));
    const at = (now: string) => cyclesAt(engine, events, now)['first_response#1']?.warnings;
    expect(at('2026-11-23T10:00:00Z')).toEqual([]);
    expect(at('2026-11-23T10:00:01Z')).toEqual(['1h']);
    expect(at('2026-11-23T10:15:00Z')).toEqual(['1h']);
    expect(at('2026-11-23T10:15:01Z')).toEqual(['1h', '50%']);
  });

  it('a level at 100% fires with the breach, not at a reply exactly on the due instant', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' } },
      warnings: ['100%', '75%'],
    });
    const start = created('2026-11-23T10:00:00Z');
    const onTime = history(start, message('2026-11-23T11:00:00Z', 'agent'));
    expect(cyclesAt(engine, onTime, '2026-11-23T12:00:00Z')['first_response#1']).toMatchObject({
      status: 'achieved',
      elapsed: H,
      breachedAt: null,
      warnings: ['75%'],
    });
    const late = history(start, message('2026-11-23T11:00:01Z', 'agent'));
    expect(cyclesAt(engine, late, '2026-11-23T12:00:00Z')['first_response#1']).toMatchObject({
      status: 'breached',
      elapsed: H + 1,
      breachedAt: '2026-11-23T11:00:00Z',
      warnings: ['75%', '100%'],
    });
    const [ticket] = engine.evaluate(late, instant('2026-11-23T12:00:00Z'));
    expect(ticket?.cycles[0]?.fired).toEqual([
      { level: '75%', at: instant('2026-11-23T10:45:00Z') },
      { level: '100%', at: instant('2026-11-23T11:00:00Z') },
      { level: 'breach', at: instant('2026-11-23T11:00:00Z') },
    ]);
  });

  it('a percentage is rounded up to the whole second', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '45s' } },
      warnings: ['75%'],
    });
    const events = history(created('2026-11-23T10:00:00Z'));
    // 75% of 45s is 33.75s: the level is reached at 34s, and fires once the cycle is open after it.
    const at = (now: string) => cyclesAt(engine, events, now)['first_response#1']?.warnings;
    expect(at('2026-11-23T10:00:34Z')).toEqual([]);
    expect(at('2026-11-23T10:00:35Z')).toEqual(['75%']);
  });

  it('a reply after closing time on the day the target runs out is late', () => {
    const engine = engineWith({
      id: 'p',
      calendar: 'ny',
      targets: { first_response: { '*': '8h' } },
    });
    const start = created('2026-11-23T09:00:00-05:00');
    const reply = (at: string) =>
      cyclesAt(engine, history(start, message(at, 'agent')), '2026-11-24T12:00:00Z')[
        'first_response#1'
      ];
    expect(reply('2026-11-23T17:00:00-05:00')).toMatchObject({
      status: 'achieved',
      elapsed: 8 * H,
    });
    // No business time passes after 17:00, yet the cycle was open after its due instant.
    expect(reply('2026-11-23T17:30:00-05:00')).toMatchObject({
      status: 'breached',
      elapsed: 8 * H,
      breachedAt: '2026-11-23T22:00:00Z',
    });
  });

  it('levels a retarget puts in the past fire at the change, in the order the policy lists them', () => {
    const engine = engineWith({
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { high: '2h', '*': '10h' } },
      warnings: ['90%', '50%'],
    });
    const events = history(
      created('2026-11-23T10:00:00Z'),
      updated('2026-11-23T13:00:00Z', { priority: 'high' }),
    );
    // 3h elapsed: 50% (1h) and 90% (1h48m) of the new 2h are past; the breach too.
    expect(cyclesAt(engine, events, '2026-11-23T13:00:01Z')['first_response#1']).toMatchObject({
      status: 'breached',
      breachedAt: '2026-11-23T13:00:00Z',
      warnings: ['90%', '50%'],
    });
  });
});

describe('deletion', () => {
  const engine = engineWith({
    id: 'p',
    calendar: '24x7',
    targets: {
      first_response: { '*': '1h' },
      next_response: { '*': '1h' },
      resolution: { '*': '4h' },
    },
    warnings: ['50%'],
  });
  const events = history(
    created('2026-11-23T10:00:00Z'),
    message('2026-11-23T11:30:00Z', 'agent'),
    deleted('2026-11-23T15:00:00Z'),
    message('2026-11-23T15:30:00Z', 'customer'),
    updated('2026-11-23T15:40:00Z', { status: 'open', priority: 'urgent' }),
  );

  it('cancels every cycle after a breach, stopped ones included, keeping their stop instants', () => {
    expect(cyclesAt(engine, events, '2026-11-23T14:59:59Z')).toMatchObject({
      'first_response#1': { status: 'breached', stoppedAt: '2026-11-23T11:30:00Z' },
      'resolution#1': { status: 'breached', breachedAt: '2026-11-23T14:00:00Z' },
    });
    const ticket = ticketAt(engine, events, '2026-11-23T16:00:00Z');
    expect(ticket.state).toBe('deleted');
    // Nothing after the deletion counts: no next_response for the customer's message.
    expect(cyclesAt(engine, events, '2026-11-23T16:00:00Z')).toEqual({
      'first_response#1': {
        status: 'cancelled',
        startedAt: '2026-11-23T10:00:00Z',
        stoppedAt: '2026-11-23T11:30:00Z',
        elapsed: 1.5 * H,
        dueAt: null,
        remaining: 0,
        breachedAt: null,
        warnings: ['50%'],
      },
      'resolution#1': {
        status: 'cancelled',
        startedAt: '2026-11-23T10:00:00Z',
        stoppedAt: '2026-11-23T15:00:00Z',
        elapsed: 5 * H,
        dueAt: null,
        remaining: 0,
        breachedAt: null,
        warnings: ['50%'],
      },
    });
  });
});

describe('what is not a response', () => {
  const engine = engineWith({
    id: 'p',
    calendar: '24x7',
    targets: {
      first_response: { '*': '1h' },
      next_response: { '*': '1h' },
      periodic_update: { '*': '2h' },
      resolution: { '*': '8h' },
    },
  });

  it('system messages and private notes neither stop nor start a cycle', () => {
    const events = history(
      created('2026-11-23T10:00:00Z'),
      message('2026-11-23T10:10:00Z', 'system', true),
      message('2026-11-23T10:20:00Z', 'agent', false),
      message('2026-11-23T10:30:00Z', 'customer', false),
      message('2026-11-23T10:40:00Z', 'system', false),
      message('2026-11-23T10:50:00Z', 'agent', true),
      message('2026-11-23T11:00:00Z', 'customer', false),
      message('2026-11-23T11:10:00Z', 'customer', true),
      message('2026-11-23T11:20:00Z', 'system', true),
      message('2026-11-23T11:30:00Z', 'agent', false),
    );
    expect(Object.keys(cyclesAt(engine, events, '2026-11-23T10:49:59Z')).sort()).toEqual([
      'first_response#1',
      'resolution#1',
    ]);
    expect(cyclesAt(engine, events, '2026-11-23T12:00:00Z')).toMatchObject({
      'first_response#1': { status: 'achieved', elapsed: 50 * 60 },
      // The private customer message at 11:00 starts nothing; the public one at 11:10 does.
      'next_response#1': { status: 'running', startedAt: '2026-11-23T11:10:00Z', elapsed: 50 * 60 },
      // Customer, system and private messages do not stop the periodic update.
      'periodic_update#1': {
        status: 'running',
        startedAt: '2026-11-23T10:50:00Z',
        elapsed: 70 * 60,
      },
      'resolution#1': { status: 'running', elapsed: 2 * H },
    });
  });
});

describe('closed is final', () => {
  const engine = engineWith(
    {
      id: 'vip',
      when: { field: 'tags', contains: 'vip' },
      calendar: '24x7',
      targets: { first_response: { '*': '10m' }, resolution: { '*': '1h' } },
    },
    {
      id: 'default',
      calendar: '24x7',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '1h' },
        resolution: { '*': '8h' },
      },
    },
  );
  const events = history(
    created('2026-11-23T10:00:00Z'),
    message('2026-11-23T10:10:00Z', 'agent'),
    updated('2026-11-23T10:30:00Z', { status: 'closed' }),
    message('2026-11-23T11:00:00Z', 'customer'),
    updated('2026-11-23T11:10:00Z', { status: 'open' }),
    updated('2026-11-23T11:20:00Z', { tags: ['vip'], priority: 'urgent' }),
    message('2026-11-23T11:30:00Z', 'agent'),
    deleted('2026-11-23T12:30:00Z'),
  );

  it('ignores every later event but deletion', () => {
    const ticket = ticketAt(engine, events, '2026-11-23T12:00:00Z');
    expect([ticket.state, ticket.policy, ticket.fields.status, ticket.fields.tags]).toEqual([
      'closed',
      'default',
      'closed',
      undefined,
    ]);
    expect(cyclesAt(engine, events, '2026-11-23T12:00:00Z')).toEqual({
      'first_response#1': {
        status: 'achieved',
        startedAt: '2026-11-23T10:00:00Z',
        stoppedAt: '2026-11-23T10:10:00Z',
        elapsed: 600,
        dueAt: null,
        remaining: 3000,
        breachedAt: null,
        warnings: [],
      },
      'resolution#1': {
        status: 'achieved',
        startedAt: '2026-11-23T10:00:00Z',
        stoppedAt: '2026-11-23T10:30:00Z',
        elapsed: 1800,
        dueAt: null,
        remaining: 8 * H - 1800,
        breachedAt: null,
        warnings: [],
      },
    });
  });

  it('a deletion still cancels a closed ticket', () => {
    const ticket = ticketAt(engine, events, '2026-11-23T13:00:00Z');
    expect(ticket.state).toBe('deleted');
    expect(ticket.cycles.map((c) => c.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('conditions select the first matching policy', () => {
  /** The policy chosen for a ticket created with `fields`, under `[hit when, miss]`. */
  function chosen(when: unknown, fields: Record<string, unknown>): string | null {
    const engine = engineWith(
      { id: 'hit', when, calendar: '24x7', targets: { resolution: { '*': '1h' } } },
      { id: 'miss', calendar: '24x7', targets: { resolution: { '*': '1h' } } },
    );
    const [ticket] = engine.evaluate(
      history({ type: 'ticket.created', at: '2026-11-23T10:00:00Z', fields }),
      instant('2026-11-23T10:30:00Z'),
    );
    return ticket?.policy ?? null;
  }

  const cases: [string, unknown, Record<string, unknown>, 'hit' | 'miss'][] = [
    ['ne: another value', { field: 'team', ne: 'billing' }, { team: 'sales' }, 'hit'],
    ['ne: the value', { field: 'team', ne: 'billing' }, { team: 'billing' }, 'miss'],
    ['ne: a missing field', { field: 'team', ne: 'billing' }, {}, 'hit'],
    ['in', { field: 'channel', in: ['email', 'web'] }, { channel: 'web' }, 'hit'],
    ['in: not listed', { field: 'channel', in: ['email', 'web'] }, { channel: 'chat' }, 'miss'],
    ['not_in: listed', { field: 'channel', not_in: ['email'] }, { channel: 'email' }, 'miss'],
    ['not_in: not listed', { field: 'channel', not_in: ['email'] }, { channel: 'chat' }, 'hit'],
    ['not_in: missing', { field: 'channel', not_in: ['email'] }, {}, 'hit'],
    ['exists: present', { field: 'assignee', exists: true }, { assignee: 'ana' }, 'hit'],
    ['exists: missing', { field: 'assignee', exists: true }, {}, 'miss'],
    ['exists: empty text', { field: 'assignee', exists: true }, { assignee: '' }, 'miss'],
    ['exists false: empty tags', { field: 'tags', exists: false }, { tags: [] }, 'hit'],
    ['exists false: null', { field: 'brand', exists: false }, { brand: null }, 'hit'],
    ['exists false: present', { field: 'brand', exists: false }, { brand: 'acme' }, 'miss'],
    ['not', { not: { field: 'priority', eq: 'low' } }, { priority: 'high' }, 'hit'],
    ['not: negated match', { not: { field: 'priority', eq: 'low' } }, { priority: 'low' }, 'miss'],
    [
      'any: second branch',
      {
        any: [
          { field: 'priority', eq: 'urgent' },
          { field: 'tags', contains: 'vip' },
        ],
      },
      { priority: 'low', tags: ['x', 'vip'] },
      'hit',
    ],
    [
      'any: no branch',
      {
        any: [
          { field: 'priority', eq: 'urgent' },
          { field: 'tags', contains: 'vip' },
        ],
      },
      { priority: 'low', tags: ['x'] },
      'miss',
    ],
    [
      'all: one branch fails',
      {
        all: [
          { field: 'organization', eq: 'acme' },
          { field: 'requester', ne: 'bob' },
        ],
      },
      { organization: 'acme', requester: 'bob' },
      'miss',
    ],
    ['not_contains on tags', { field: 'tags', not_contains: 'spam' }, { tags: ['spam'] }, 'miss'],
    [
      'contains on text is a substring test',
      { field: 'team', contains: 'bill' },
      { team: 'billing-eu' },
      'hit',
    ],
    ['custom.<key> eq', { field: 'custom.tier', eq: 'gold' }, { custom: { tier: 'gold' } }, 'hit'],
    [
      'custom.<key> missing',
      { field: 'custom.tier', exists: true },
      { custom: { plan: 'x' } },
      'miss',
    ],
    ['empty when matches all', {}, {}, 'hit'],
  ];
  for (const [name, when, fields, expected] of cases) {
    it(name, () => expect(chosen(when, fields)).toBe(expected));
  }

  it('custom fields merge by key; null unsets a field; the policy follows the current fields', () => {
    const engine = engineWith(
      {
        id: 'gold-us',
        when: {
          all: [
            { field: 'custom.tier', eq: 'gold' },
            { field: 'custom.region', eq: 'us' },
          ],
        },
        calendar: '24x7',
        targets: { resolution: { '*': '1h' } },
      },
      {
        id: 'gold',
        when: { field: 'custom.tier', eq: 'gold' },
        calendar: '24x7',
        targets: { resolution: { '*': '2h' } },
      },
      {
        id: 'team',
        when: { field: 'team', exists: true },
        calendar: '24x7',
        targets: { resolution: { '*': '3h' } },
      },
      { id: 'other', calendar: '24x7', targets: { resolution: { '*': '4h' } } },
    );
    const events = history(
      created('2026-11-23T10:00:00Z', { team: 'ops', custom: { tier: 'gold', region: 'eu' } }),
      updated('2026-11-23T10:10:00Z', { custom: { region: 'us' } }),
      updated('2026-11-23T10:20:00Z', { custom: { tier: 'silver' } }),
      updated('2026-11-23T10:30:00Z', { team: null }),
    );
    const policyAt = (now: string) => ticketAt(engine, events, now).policy;
    expect(policyAt('2026-11-23T10:05:00Z')).toBe('gold');
    expect(policyAt('2026-11-23T10:15:00Z')).toBe('gold-us');
    expect(ticketAt(engine, events, '2026-11-23T10:15:00Z').fields.custom).toEqual({
      tier: 'gold',
      region: 'us',
    });
    expect(policyAt('2026-11-23T10:25:00Z')).toBe('team');
    expect(policyAt('2026-11-23T10:35:00Z')).toBe('other');
    // Retarget keep: the resolution cycle takes each new target, keeping its start.
    expect(cyclesAt(engine, events, '2026-11-23T10:35:00Z')['resolution#1']).toMatchObject({
      status: 'running',
      elapsed: 35 * 60,
      dueAt: '2026-11-23T14:00:00Z',
    });
  });
});

describe('metrics without a target', () => {
  const engine = engineWith(
    {
      id: 'high',
      when: { field: 'priority', eq: 'high' },
      calendar: '24x7',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '2h' },
        resolution: { '*': '8h' },
      },
    },
    { id: 'plain', calendar: '24x7', targets: { resolution: { '*': '8h' } } },
  );

  it('are not reported, yet an open first_response still holds back next_response', () => {
    const events = history(
      created('2026-11-23T10:00:00Z'),
      message('2026-11-23T10:20:00Z', 'customer'),
      updated('2026-11-23T10:25:00Z', { priority: 'high' }),
      message('2026-11-23T10:30:00Z', 'agent'),
      message('2026-11-23T10:40:00Z', 'customer'),
    );
    // Under `plain` nothing but resolution is measured.
    expect(Object.keys(cyclesAt(engine, events, '2026-11-23T10:24:00Z'))).toEqual(['resolution#1']);
    // Raised to high at 10:25, the untracked first_response takes its target and keeps its
    // start; the customer message at 10:20 started no next_response.
    expect(cyclesAt(engine, events, '2026-11-23T11:00:00Z')).toMatchObject({
      'first_response#1': {
        status: 'achieved',
        elapsed: 30 * 60,
        startedAt: '2026-11-23T10:00:00Z',
      },
      'next_response#1': { status: 'running', startedAt: '2026-11-23T10:40:00Z', elapsed: 20 * 60 },
    });
  });

  it('still use their cycle numbers', () => {
    const events = history(
      created('2026-11-23T10:00:00Z'),
      message('2026-11-23T10:10:00Z', 'agent'),
      message('2026-11-23T10:20:00Z', 'customer'),
      message('2026-11-23T10:30:00Z', 'agent'),
      updated('2026-11-23T10:35:00Z', { priority: 'high' }),
      message('2026-11-23T10:40:00Z', 'customer'),
    );
    const cycles = cyclesAt(engine, events, '2026-11-23T11:00:00Z');
    expect(Object.keys(cycles).sort()).toEqual(['next_response#2', 'resolution#1']);
    expect(cycles['next_response#2']).toMatchObject({ status: 'running', elapsed: 20 * 60 });
  });
});

describe('due instants in business hours', () => {
  const engine = engineWith({
    id: 'p',
    calendar: 'ny',
    targets: { first_response: { high: '2h', '*': '4h' }, resolution: { high: '8h', '*': '16h' } },
  });
  const events = history(
    created('2026-11-23T09:00:00-05:00'),
    updated('2026-11-23T10:00:00-05:00', { status: 'pending' }),
    updated('2026-11-23T14:00:00-05:00', { status: 'open' }),
    updated('2026-11-23T15:00:00-05:00', { priority: 'high' }),
    updated('2026-11-24T10:00:00-05:00', { status: 'solved' }),
  );

  it('a paused cycle has no due instant, only its remaining time', () => {
    expect(cyclesAt(engine, events, '2026-11-23T12:00:00-05:00')['resolution#1']).toMatchObject({
      status: 'paused',
      elapsed: H,
      dueAt: null,
      remaining: 15 * H,
    });
  });

  it('a running cycle is due at add(now, target - elapsed)', () => {
    const now = '2026-11-23T14:30:00-05:00';
    const resolution = ticketAt(engine, events, now).cycles.find((c) => c.metric === 'resolution');
    // Ran 09:00-10:00 and 14:00-14:30: 1h30m of 16h; 14h30m left: 2h30m today, 8h Tuesday,
    // 4h Wednesday: due Wednesday 13:00.
    expect(summary(resolution as CycleResult)).toMatchObject({
      status: 'running',
      elapsed: 1.5 * H,
      dueAt: '2026-11-25T18:00:00Z',
    });
    const ny = engine.calendars.get('ny');
    expect(resolution?.dueAt).toBe(ny?.add(instant(now), 16 * H - 1.5 * H));
  });

  it('the timeline records each start, pause, resume, retarget and stop with the due instant', () => {
    const [ticket] = engine.evaluate(events, instant('2026-11-24T12:00:00-05:00'), { trace: true });
    const timeline = (metric: string) =>
      ticket?.cycles
        .find((c) => c.metric === metric)
        ?.timeline?.map((e) => [e.kind, iso(e.at), e.dueAt === undefined ? '-' : iso(e.dueAt)]);
    expect(timeline('resolution')).toEqual([
      // 16h from Monday 09:00: Monday and Tuesday, due Tuesday 17:00.
      ['started', '2026-11-23T14:00:00Z', '2026-11-24T22:00:00Z'],
      ['paused', '2026-11-23T15:00:00Z', null],
      // 15h left from Monday 14:00: 3h, 8h Tuesday, 4h Wednesday.
      ['resumed', '2026-11-23T19:00:00Z', '2026-11-25T18:00:00Z'],
      // Priority high: 8h, of which 2h are used: 2h today and 4h Tuesday.
      ['retargeted', '2026-11-23T20:00:00Z', '2026-11-24T18:00:00Z'],
      ['stopped', '2026-11-24T15:00:00Z', '-'],
    ]);
    expect(timeline('first_response')).toEqual([
      ['started', '2026-11-23T14:00:00Z', '2026-11-23T18:00:00Z'],
      ['breached', '2026-11-23T18:00:00Z', '-'],
      ['retargeted', '2026-11-23T20:00:00Z', null],
      ['stopped', '2026-11-24T15:00:00Z', '-'],
    ]);
    const json = explainJson(ticket ? [ticket] : [], instant('2026-11-24T12:00:00-05:00'));
    expect(json.tickets[0]?.cycles).toMatchObject([
      {
        metric: 'first_response',
        status: 'breached',
        elapsedSeconds: 9 * H,
        breachedAt: '2026-11-23T18:00:00Z',
      },
      { metric: 'resolution', status: 'achieved', elapsedSeconds: 5 * H, targetSeconds: 8 * H },
    ]);
  });
});
