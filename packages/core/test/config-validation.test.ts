import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../src/config/parse.js';
import { ConfigError, type Problem } from '../src/errors.js';

const calendar = { id: 'office', timezone: 'Europe/Berlin', hours: { mon: [['09:00', '17:00']] } };
const policy = { id: 'p', calendar: 'office', targets: { first_response: { '*': '1h' } } };
/** A config with the office calendar and one policy changed by `change`. */
const withPolicy = (change: Record<string, unknown>) => ({
  calendars: [calendar],
  policies: [{ ...policy, ...change }],
});
/** A config with one calendar changed by `change`. */
const withCalendar = (change: Record<string, unknown>) => ({
  calendars: [{ ...calendar, ...change }],
});

/** The problems a config is rejected with; fails the test if it is accepted. */
function problemsOf(config: unknown, parse: (value: never) => unknown = parseConfig): Problem[] {
  try {
    parse(config as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error(`the config was accepted: ${JSON.stringify(config)}`);
}

/** [what is wrong, the config, the one problem's exact path, a part of its message]. */
const cases: [string, unknown, string, string][] = [
  [
    'a target that is not a duration',
    withPolicy({ targets: { first_response: { high: '4x' } } }),
    'policies[0].targets.first_response.high',
    '"4x" is not a duration',
  ],
  [
    'an empty target',
    withPolicy({ targets: { resolution: { '*': '' } } }),
    'policies[0].targets.resolution.*',
    '"" is not a duration',
  ],
  [
    'a target given as a number',
    withPolicy({ targets: { resolution: { '*': 3600 } } }),
    'policies[0].targets.resolution.*',
    'must be a string',
  ],
  [
    'an unknown metric',
    withPolicy({ targets: { first_reply: { '*': '1h' } } }),
    'policies[0].targets',
    'unknown key "first_reply"',
  ],
  [
    'a policy without targets',
    { calendars: [calendar], policies: [{ id: 'p', calendar: 'office' }] },
    'policies[0].targets',
    'is required',
  ],
  [
    'a time out of range',
    withCalendar({ hours: { mon: [['09:00', '25:00']] } }),
    'calendars[0].hours.mon[0][1]',
    '"25:00" is not a time HH:MM',
  ],
  [
    'a time without two-digit hours',
    withCalendar({ hours: { tue: [['9:00', '17:00']] } }),
    'calendars[0].hours.tue[0][0]',
    '"9:00" is not a time HH:MM',
  ],
  [
    'an interval that opens when it closes',
    withCalendar({ hours: { mon: [['09:00', '09:00']] } }),
    'calendars[0].hours.mon[0]',
    'opens and closes at 09:00',
  ],
  [
    'an interval that opens at 24:00',
    withCalendar({ hours: { wed: [['24:00', '06:00']] } }),
    'calendars[0].hours.wed[0][0]',
    'cannot open at 24:00',
  ],
  [
    'an unknown weekday',
    withCalendar({ hours: { monday: [['09:00', '17:00']] } }),
    'calendars[0].hours',
    'unknown key "monday"',
  ],
  [
    'hours neither 24x7 nor weekly',
    withCalendar({ hours: '9to5' }),
    'calendars[0].hours',
    '"9to5" is not "24x7" or weekly hours',
  ],
  [
    'a calendar with no hours at all',
    withCalendar({ hours: { mon: [], sat: [] } }),
    'calendars[0].hours',
    'no business hours on any day',
  ],
  [
    'an unknown time zone',
    withCalendar({ timezone: 'Mars/Olympus' }),
    'calendars[0].timezone',
    '"Mars/Olympus" is not an IANA time zone',
  ],
  [
    'a policy naming an unknown calendar',
    { calendars: [calendar], policies: [{ ...policy, calendar: 'nowhere' }] },
    'policies[0].calendar',
    '"nowhere" is not a calendar',
  ],
  [
    'a calendar id used twice',
    { calendars: [calendar, calendar] },
    'calendars[1].id',
    '"office" is used twice',
  ],
  [
    'a policy id used twice',
    { calendars: [calendar], policies: [policy, policy] },
    'policies[1].id',
    '"p" is used twice',
  ],
  [
    'a warning over 100%',
    withPolicy({ warnings: ['75%', '120%'] }),
    'policies[0].warnings[1]',
    '"120%" is not a warning',
  ],
  [
    'a warning of 0%',
    withPolicy({ warnings: ['0%'] }),
    'policies[0].warnings[0]',
    '"0%" is not a warning',
  ],
  [
    'a warning that is text',
    withPolicy({ warnings: ['abc'] }),
    'policies[0].warnings[0]',
    '"abc" is not a warning',
  ],
  [
    'a warning listed twice',
    withPolicy({ warnings: ['75%', '30m', '75%'] }),
    'policies[0].warnings[2]',
    '"75%" is listed twice',
  ],
  [
    'a pause on an unknown status',
    withPolicy({ pause: { resolution: ['pending', 'waiting'] } }),
    'policies[0].pause.resolution[1]',
    'must be one of new, open, pending, on_hold, solved, closed',
  ],
  [
    'a pause for an unknown metric',
    withPolicy({ pause: { resolve: ['pending'] } }),
    'policies[0].pause',
    'unknown key "resolve"',
  ],
  [
    'a bad reopen',
    withPolicy({ reopen: 'resume' }),
    'policies[0].reopen',
    'must be one of continue, restart',
  ],
  [
    'a bad retarget',
    withPolicy({ retarget: 'reset' }),
    'policies[0].retarget',
    'must be one of keep, restart',
  ],
  [
    'a condition on an unknown field',
    withPolicy({ when: { field: 'colour', eq: 'red' } }),
    'policies[0].when.field',
    '"colour" is not a field',
  ],
  [
    'a condition with two operators',
    withPolicy({ when: { all: [{ field: 'team', eq: 'a', ne: 'b' }] } }),
    'policies[0].when.all[0]',
    'needs exactly one operator',
  ],
  [
    'a condition with an unknown operator',
    withPolicy({ when: { field: 'team', like: 'a' } }),
    'policies[0].when',
    'unknown: like',
  ],
  [
    '`in` without a list',
    withPolicy({
      when: {
        any: [
          { field: 'team', eq: 'x' },
          { field: 'team', in: 'a' },
        ],
      },
    }),
    'policies[0].when.any[1].in',
    'must be a list',
  ],
  [
    'a holiday that is not a date',
    withCalendar({ holidays: ['2026-12-25', '2026-13-01'] }),
    'calendars[0].holidays[1]',
    '"2026-13-01" is not a date YYYY-MM-DD',
  ],
  [
    'a holiday on a day that does not exist',
    withCalendar({ holidays: ['2026-02-30'] }),
    'calendars[0].holidays[0]',
    '"2026-02-30" is not a date',
  ],
  [
    'a holiday with bad hours',
    withCalendar({ holidays: [{ date: '2026-12-24', hours: [['12:00', '09:60']] }] }),
    'calendars[0].holidays[0].hours[0][1]',
    '"09:60" is not a time HH:MM',
  ],
  [
    'an unknown public-holiday country',
    withCalendar({ publicHolidays: { country: 'XX' } }),
    'calendars[0].publicHolidays',
    '"XX" is not a country/region the holiday library knows',
  ],
  [
    'an unknown public-holiday state',
    withCalendar({ publicHolidays: { country: 'DE', state: 'XX' } }),
    'calendars[0].publicHolidays',
    '"DE/XX" is not a country/region',
  ],
  [
    'an unknown top-level key',
    { calendars: [calendar], polices: [] },
    '(root)',
    'unknown key "polices"',
  ],
  ['calendars not a list', { calendars: { office: calendar } }, 'calendars', 'must be a list'],
  ['a config that is not an object', 'calendars', '(root)', 'must be an object, not string'],
  ['a config that is null', null, '(root)', 'must be an object, not null'],
];

describe('config validation names each problem by its path', () => {
  for (const [name, config, path, message] of cases) {
    it(name, () => {
      expect(problemsOf(config)).toEqual([{ path, message: expect.stringContaining(message) }]);
    });
  }

  it('lists every problem of a config at once', () => {
    const found = problemsOf({
      calendars: [
        { ...calendar, timezone: 'Nowhere/City', hours: { mon: [['08:00', '08:00']] } },
        calendar,
        { ...calendar, id: 'shop', holidays: ['25.12.2026'] },
      ],
      policies: [
        {
          ...policy,
          calendar: 'missing',
          targets: { resolution: { '*': '2x' }, first_reply: {} },
          warnings: ['0%', '50%', '50%'],
          reopen: 'again',
        },
        {
          ...policy,
          id: 'q',
          when: { field: 'colour', eq: 'red' },
          pause: { resolution: ['waiting'] },
        },
        { ...policy, id: 'q' },
      ],
      extra: true,
    });
    expect(found.map((p) => p.path).sort()).toEqual(
      [
        '(root)',
        'calendars[0].timezone',
        'calendars[0].hours.mon[0]',
        'calendars[1].id',
        'calendars[2].holidays[0]',
        'policies[0].calendar',
        'policies[0].targets',
        'policies[0].targets.resolution.*',
        'policies[0].warnings[0]',
        'policies[0].warnings[2]',
        'policies[0].reopen',
        'policies[1].when.field',
        'policies[1].pause.resolution[0]',
        'policies[2].id',
      ].sort(),
    );
    expect(found).toHaveLength(14);
    // The error's message lists them all too, one a line.
    expect(() =>
      parseConfig({
        calendars: [{ ...calendar, timezone: 'X' }],
        policies: [{ ...policy, reopen: 'x' }],
      }),
    ).toThrow(
      /invalid config \(2 problems\):\n {2}calendars\[0\]\.timezone: .*\n {2}policies\[0\]\.reopen: /,
    );
  });
});

describe('config text', () => {
  it('names the line of a YAML syntax error', () => {
    expect(problemsOf('calendars:\n  - id: a\n   timezone: [', parseConfigText)).toEqual([
      { path: 'line 3', message: expect.any(String) },
    ]);
    expect(problemsOf('policies:\n  - id: a\n    id: b\n', parseConfigText)).toEqual([
      { path: 'line 3', message: expect.stringContaining('unique') },
    ]);
  });

  it('reads YAML and JSON, then validates them by path', () => {
    const yaml = [
      'calendars:',
      '  - id: emea',
      '    timezone: Europe/Berlin',
      '    hours: { mon: [["09:00","17:00"]], tue: [["09:00","17:00"]] }',
      '    holidays: ["2026-12-25"]',
      'policies:',
      '  - id: urgent',
      '    when: { field: priority, eq: urgent }',
      '    calendar: 24x7',
      '    targets: { first_response: { "*": 30m }, resolution: { "*": 4h } }',
      '    warnings: ["75%", "90%"]',
    ].join('\n');
    const config = parseConfigText(yaml);
    expect(config.policies[0]?.targets).toEqual({
      first_response: { '*': 1800 },
      resolution: { '*': 14_400 },
    });
    expect(parseConfigText(JSON.stringify({ policies: [] }))).toEqual({
      calendars: [],
      policies: [],
      contracts: [],
      connectors: {},
    });
    expect(parseConfigText('')).toEqual({
      calendars: [],
      policies: [],
      contracts: [],
      connectors: {},
    });
    expect(problemsOf(yaml.replace('30m', '30x'), parseConfigText)).toEqual([
      { path: 'policies[0].targets.first_response.*', message: expect.stringContaining('"30x"') },
    ]);
  });
});

describe('a valid config', () => {
  const config = parseConfig({
    calendars: [
      {
        id: 'emea',
        timezone: 'Europe/Berlin',
        hours: {
          mon: [
            ['09:00', '12:30'],
            ['13:30', '17:00'],
          ],
          tue: [['22:00', '06:00']],
          wed: [['09:00', '24:00']],
          sat: [],
        },
        holidays: ['2026-12-25', { date: '2026-12-24', hours: [['09:00', '12:00']] }],
        publicHolidays: { country: 'DE', state: 'BY' },
      },
      { id: 'always', timezone: 'UTC', hours: '24x7' },
    ],
    policies: [
      {
        id: 'vip',
        when: {
          all: [
            { field: 'tags', contains: 'vip' },
            { field: 'channel', in: ['email', 'web'] },
            {
              not: {
                any: [
                  { field: 'custom.tier', exists: false },
                  { field: 'team', ne: 'x' },
                ],
              },
            },
            { field: 'priority', not_in: ['low'] },
            { field: 'tags', not_contains: 'spam' },
          ],
        },
        calendar: 'emea',
        targets: {
          first_response: { urgent: '30m', high: '1h', normal: '4h', low: '8h' },
          next_response: { '*': '4h' },
          periodic_update: { '*': '1h30m' },
          resolution: { urgent: '4h', high: '1d', '*': '3d' },
        },
        warnings: ['75%', '90%', '30m', '100%'],
        pause: { first_response: ['on_hold'], resolution: ['pending'] },
        reopen: 'restart',
        retarget: 'restart',
      },
      { id: 'default', calendar: 'always', targets: { resolution: { '*': '45s' } } },
    ],
  });

  it('keeps every feature', () => {
    const [emea] = config.calendars;
    expect(emea?.week).toEqual([
      [
        { open: 540, close: 750 },
        { open: 810, close: 1020 },
      ],
      [{ open: 1320, close: 360 }],
      [{ open: 540, close: 1440 }],
      [],
      [],
      [],
      [],
    ]);
    expect([...(emea?.holidays ?? [])]).toEqual([
      ['2026-12-25', []],
      ['2026-12-24', [{ open: 540, close: 720 }]],
    ]);
    expect(emea?.publicHolidays).toEqual({ country: 'DE', state: 'BY' });
    expect(config.calendars[1]?.week).toEqual(Array(7).fill([{ open: 0, close: 1440 }]));
    const [vip] = config.policies;
    expect(vip?.targets.resolution).toEqual({ urgent: 14_400, high: 86_400, '*': 259_200 });
    expect(vip?.targets.periodic_update).toEqual({ '*': 5400 });
    expect(vip?.warnings).toEqual([
      { text: '75%', kind: 'percent', value: 75 },
      { text: '90%', kind: 'percent', value: 90 },
      { text: '30m', kind: 'remaining', value: 1800 },
      { text: '100%', kind: 'percent', value: 100 },
    ]);
    expect(vip?.pause).toEqual({
      first_response: ['on_hold'],
      next_response: [],
      periodic_update: [],
      resolution: ['pending'],
    });
    expect([vip?.reopen, vip?.retarget]).toEqual(['restart', 'restart']);
    expect(vip?.when).toMatchObject({
      all: [{ field: 'tags', op: 'contains', value: 'vip' }, {}, {}, {}, {}],
    });
  });

  it('applies the defaults', () => {
    const fallback = config.policies[1];
    expect(fallback?.pause).toEqual({
      first_response: [],
      next_response: [],
      periodic_update: [],
      resolution: ['pending', 'on_hold'],
    });
    expect([fallback?.reopen, fallback?.retarget]).toEqual(['continue', 'keep']);
    expect(fallback?.warnings).toEqual([]);
    expect(fallback?.when).toEqual({ always: true });
    expect(fallback?.targets).toEqual({ resolution: { '*': 45 } });
  });
});

describe('the connectors section', () => {
  it('keeps each helpdesk mapping and lists every bad entry by path', () => {
    const config = parseConfig({
      connectors: {
        zendesk: { baseUrl: 'https://acme.zendesk.com', teams: { '360001': 'billing' } },
        github: { labelPriorities: { P1: 'urgent' }, agentLogins: ['octocat'] },
        jira: { statuses: { 'Awaiting approval': 'on_hold' }, teamField: 'customfield_10001' },
      },
    });
    expect(config.connectors.zendesk?.teams).toEqual({ '360001': 'billing' });
    expect(config.connectors.jira?.statuses).toEqual({ 'Awaiting approval': 'on_hold' });
    expect(parseConfig({}).connectors).toEqual({});
    let problems: readonly Problem[] = [];
    try {
      parseConfig({
        connectors: {
          zendesk: { baseUrl: 'not a url', secret: 'x' },
          jira: { statuses: { Waiting: 'asleep' } },
          freshdesk: {},
        },
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((p) => p.path).sort()).toEqual([
      'connectors',
      'connectors.jira.statuses.Waiting',
      'connectors.zendesk',
      'connectors.zendesk.baseUrl',
    ]);
  });
});
