import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { ConfigError, type Problem } from '../errors.js';
import { parseEvents } from '../events/parse.js';
import { LIMITS } from '../limits.js';
import { formatInstant } from '../time/instant.js';
import { parseConfig, parseConfigText } from './parse.js';

function problems(value: unknown): Problem[] {
  try {
    parseConfig(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  return [];
}

const policy = (extra: Record<string, unknown>) => ({
  id: 'p',
  calendar: '24x7',
  targets: { first_response: { '*': '1h' } },
  ...extra,
});
const calendar = (extra: Record<string, unknown>) => ({
  id: 'c',
  timezone: 'UTC',
  hours: '24x7',
  ...extra,
});

describe('durations fit the int4 target_seconds, with a year to spare', () => {
  it('takes targets and remaining-time warnings up to 365d and names longer ones', () => {
    const max = { targets: { resolution: { '*': '365d' } }, warnings: ['365d'] };
    expect(problems({ policies: [policy(max)] })).toEqual([]);
    const long = {
      targets: { resolution: { '*': '30000d', high: '99999999999999999999h', low: '365d1s' } },
      warnings: ['366d'],
    };
    const message = 'must be at most 365d';
    expect(problems({ policies: [policy(long)] })).toEqual([
      { path: 'policies[0].targets.resolution.*', message },
      { path: 'policies[0].targets.resolution.high', message },
      { path: 'policies[0].targets.resolution.low', message },
      { path: 'policies[0].warnings[0]', message },
    ]);
  });

  it('needs a target reachable within 10 years of its calendar’s weekly hours', () => {
    const sparse = calendar({ hours: { mon: [['09:00', '09:01']] } });
    const reachable = { calendar: 'c', targets: { resolution: { '*': '8h40m' } } };
    expect(problems({ calendars: [sparse], policies: [policy(reachable)] })).toEqual([]);
    // The longest target allowed, from the last accepted instant: due ten years on, computed.
    const engine = new Engine(parseConfig({ calendars: [sparse], policies: [policy(reachable)] }));
    const created = parseEvents([
      { id: 'e', ticket: 'T', type: 'ticket.created', at: '2059-12-31T23:59:59Z', fields: {} },
    ]);
    const [ticket] = engine.evaluate(created, LIMITS.endInstant - 1000);
    const due = ticket?.cycles[0]?.dueAt ?? 0;
    expect(formatInstant(due)).toBe('2069-12-16T09:01:00Z');
    const far = { calendar: 'c', targets: { resolution: { '*': '30d', urgent: '8h41m' } } };
    const message =
      'calendar c is open 1m a week: a target must be at most 8h40m (10 years of its hours)';
    expect(problems({ calendars: [sparse], policies: [policy(far)] })).toEqual([
      { path: 'policies[0].targets.resolution.*', message },
      { path: 'policies[0].targets.resolution.urgent', message },
    ]);
    // Overnight hours count in full: 22:00-06:00 is 8 hours.
    const night = calendar({ hours: { fri: [['22:00', '06:00']] } });
    const year = { calendar: 'c', targets: { resolution: { '*': '173d8h' } } };
    expect(problems({ calendars: [night], policies: [policy(year)] })).toEqual([]);
  });
});

describe('ids fit an index row', () => {
  it('takes calendar, policy and priority ids up to 255 characters', () => {
    const max = 'x'.repeat(LIMITS.maxIdLength);
    const long = `${max}y`;
    expect(
      problems({
        calendars: [calendar({ id: max })],
        policies: [policy({ id: max, calendar: max, targets: { resolution: { [max]: '1h' } } })],
      }),
    ).toEqual([]);
    const found = problems({
      calendars: [calendar({ id: long })],
      policies: [policy({ id: long, targets: { resolution: { [long]: '1h' } } })],
    });
    expect(found.map((p) => p.path)).toEqual([
      'calendars[0].id',
      'policies[0].id',
      `policies[0].targets.resolution.${long}`,
    ]);
    expect(new Set(found.map((p) => p.message))).toEqual(
      new Set(['must be at most 255 characters']),
    );
  });
});

describe('helpdesk mappings give fields that fit', () => {
  it('names a mapped team or priority longer than an event field may be', () => {
    const long = 'x'.repeat(LIMITS.maxIdLength + 1);
    const connectors = {
      zendesk: { teams: { '360001': long, '360002': 'billing' } },
      github: { labelPriorities: { P1: long } },
    };
    expect(problems({ connectors })).toEqual([
      { path: 'connectors.zendesk.teams.360001', message: 'must be at most 255 characters' },
      { path: 'connectors.github.labelPriorities.P1', message: 'must be at most 255 characters' },
    ]);
  });
});

describe('a config a real team never reaches is refused before validation', () => {
  const many = <T>(n: number, make: (i: number) => T) =>
    Array.from({ length: n }, (_, i) => make(i));

  it('counts calendars, policies, holidays and conditions', () => {
    const calendars = many(LIMITS.maxCalendars + 1, (i) => calendar({ id: `c${i}` }));
    const policies = many(LIMITS.maxPolicies + 1, (i) => policy({ id: `p${i}` }));
    expect(problems({ calendars, policies })).toEqual([
      { path: 'calendars', message: 'has 101 calendars: a config may have at most 100' },
      { path: 'policies', message: 'has 201 policies: a config may have at most 200' },
    ]);
    const dates = many(LIMITS.maxHolidays / 2 + 1, (i) =>
      new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const leaves = many(LIMITS.maxConditions, () => ({ field: 'team', eq: 'x' }));
    expect(
      problems({
        calendars: [calendar({ id: 'a', holidays: dates }), calendar({ id: 'b', holidays: dates })],
        policies: [policy({ when: { any: leaves } })],
      }),
    ).toEqual([
      { path: '(root)', message: 'has 5002 holidays: a config may have at most 5000' },
      { path: '(root)', message: 'has 1001 conditions: a config may have at most 1000' },
    ]);
  });

  it('takes the largest config allowed', () => {
    const dates = many(LIMITS.maxHolidays / LIMITS.maxCalendars, (i) =>
      new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const calendars = many(LIMITS.maxCalendars, (i) =>
      calendar({ id: `c${i}`, hours: { mon: [['09:00', '17:00']] }, holidays: dates }),
    );
    const when = { all: [{ field: 'team', eq: 'x' }, { not: { field: 'priority', eq: 'y' } }] };
    const policies = many(LIMITS.maxPolicies, (i) => policy({ id: `p${i}`, calendar: 'c1', when }));
    const config = parseConfig({ calendars, policies });
    expect([config.calendars.length, config.policies.length]).toEqual([100, 200]);
  });
});

describe('public holidays by the library’s own lists', () => {
  it('names a country, state or region with a built-in name', () => {
    const message = (where: string) =>
      `"${where}" is not a country/region the holiday library knows`;
    for (const [spec, where] of [
      [{ country: 'constructor' }, 'constructor'],
      [{ country: '__proto__' }, '__proto__'],
      [{ country: 'US', state: 'toString' }, 'US/toString'],
      [{ country: 'DE', state: 'BY', region: 'hasOwnProperty' }, 'DE/BY/hasOwnProperty'],
    ] as const)
      expect(problems({ calendars: [calendar({ publicHolidays: spec })] })).toEqual([
        { path: 'calendars[0].publicHolidays', message: message(where) },
      ]);
    expect(
      problems({ calendars: [calendar({ publicHolidays: { country: 'US', state: 'NY' } })] }),
    ).toEqual([]);
  });
});

describe('config text', () => {
  it('refuses flow nesting beyond the limit before the YAML reader runs', () => {
    const deep = `calendars: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseConfigText(deep)).toThrow('(file): is nested more than 32 levels deep');
    // An apostrophe in plain text opens no quote that could hide the brackets after it.
    expect(() => parseConfigText(`note: don't\n${deep}`)).toThrow('is nested more than 32');
    const quoted = `policies: []\nnote: "${'['.repeat(100)}"\nother: it's [fine]`;
    expect(() => parseConfigText(quoted)).toThrow(/unknown keys "note", "other"/);
  });

  it('names deep block nesting instead of the reader’s stack overflow', () => {
    let text = 'calendars:\n';
    for (let i = 1; i < 1200; i++) text += `${' '.repeat(i)}-\n`;
    expect(() => parseConfigText(text)).toThrow(/line \d+: is nested more than 32 levels deep/);
  });
});
