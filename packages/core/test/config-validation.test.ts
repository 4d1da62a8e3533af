import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../src/config/parse.js';
import { ConfigError } from '../src/errors.js';

const calendar = { id: 'office', timezone: 'Europe/Berlin', hours: { mon: [['09:00', '17:00']] } };
const policy = { id: 'p', calendar: 'office', targets: { first_response: { '*': '1h' } } };

function problems(config: unknown) {
  try {
    parseConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('the config was accepted');
}

const cases: [string, unknown, string][] = [
  [
    'not a duration',
    {
      calendars: [calendar],
      policies: [{ ...policy, targets: { first_response: { high: '4x' } } }],
    },
    'policies[0].targets.first_response.high: "4x" is not a duration',
  ],
  [
    'unknown metric',
    { policies: [{ ...policy, calendar: '24x7', targets: { first_reply: { '*': '1h' } } }] },
    'policies[0].targets: unknown key "first_reply"',
  ],
  [
    'time out of range',
    { calendars: [{ ...calendar, hours: { mon: [['09:00', '25:00']] } }] },
    'calendars[0].hours.mon[0][1]: "25:00" is not a time HH:MM',
  ],
  [
    'open equals close',
    { calendars: [{ ...calendar, hours: { mon: [['09:00', '09:00']] } }] },
    'calendars[0].hours.mon[0]: opens and closes at 09:00',
  ],
  [
    'opens at 24:00',
    { calendars: [{ ...calendar, hours: { mon: [['24:00', '06:00']] } }] },
    'calendars[0].hours.mon[0][0]: an interval cannot open at 24:00',
  ],
  [
    'unknown weekday',
    { calendars: [{ ...calendar, hours: { monday: [['09:00', '17:00']] } }] },
    'calendars[0].hours: unknown key "monday"',
  ],
  [
    'hours neither 24x7 nor weekly',
    { calendars: [{ ...calendar, hours: '9to5' }] },
    'calendars[0].hours: "9to5" is not "24x7" or weekly hours',
  ],
  [
    'unknown zone',
    { calendars: [{ ...calendar, timezone: 'Mars/Olympus' }] },
    'calendars[0].timezone: "Mars/Olympus" is not an IANA time zone',
  ],
  [
    'unknown calendar',
    { policies: [{ ...policy, calendar: 'nowhere' }] },
    'policies[0].calendar: "nowhere" is not a calendar',
  ],
  [
    'duplicate calendar',
    { calendars: [calendar, calendar] },
    'calendars[1].id: "office" is used twice',
  ],
  [
    'duplicate policy',
    { calendars: [calendar], policies: [policy, policy] },
    'policies[1].id: "p" is used twice',
  ],
  [
    'warning over 100%',
    { calendars: [calendar], policies: [{ ...policy, warnings: ['120%'] }] },
    'policies[0].warnings[0]: "120%" is not a warning',
  ],
  [
    'warning not a level',
    { calendars: [calendar], policies: [{ ...policy, warnings: ['soon'] }] },
    'policies[0].warnings[0]: "soon" is not a warning',
  ],
  [
    'warning twice',
    { calendars: [calendar], policies: [{ ...policy, warnings: ['75%', '75%'] }] },
    'policies[0].warnings[1]: "75%" is listed twice',
  ],
  [
    'bad pause status',
    { calendars: [calendar], policies: [{ ...policy, pause: { resolution: ['waiting'] } }] },
    'policies[0].pause.resolution[0]',
  ],
  [
    'bad reopen',
    { calendars: [calendar], policies: [{ ...policy, reopen: 'resume' }] },
    'policies[0].reopen',
  ],
  [
    'bad retarget',
    { calendars: [calendar], policies: [{ ...policy, retarget: 'reset' }] },
    'policies[0].retarget',
  ],
  [
    'unknown condition field',
    { calendars: [calendar], policies: [{ ...policy, when: { field: 'colour', eq: 'red' } }] },
    'policies[0].when.field: "colour" is not a field',
  ],
  [
    'two operators',
    { calendars: [calendar], policies: [{ ...policy, when: { field: 'team', eq: 'a', ne: 'b' } }] },
    'policies[0].when: needs exactly one operator',
  ],
  [
    'in without a list',
    {
      calendars: [calendar],
      policies: [{ ...policy, when: { any: [{ field: 'team', in: 'a' }] } }],
    },
    'policies[0].when.any[0].in: must be a list',
  ],
  [
    'bad holiday date',
    { calendars: [{ ...calendar, holidays: ['2026-13-01'] }] },
    'calendars[0].holidays[0]: "2026-13-01" is not a date YYYY-MM-DD',
  ],
  [
    'unknown country',
    { calendars: [{ ...calendar, publicHolidays: { country: 'XX' } }] },
    'calendars[0].publicHolidays: "XX" is not a country/region the holiday library knows',
  ],
  [
    'no hours at all',
    { calendars: [{ ...calendar, hours: {} }] },
    'calendars[0].hours: no business hours on any day',
  ],
  [
    'unknown top-level key',
    { calendars: [calendar], polices: [] },
    '(root): unknown key "polices"',
  ],
  [
    'missing target map',
    { calendars: [calendar], policies: [{ id: 'p', calendar: 'office' }] },
    'policies[0].targets: is required',
  ],
];

describe('config validation names each problem by path', () => {
  for (const [name, config, expected] of cases) {
    it(name, () => expect(problems(config).join('\n')).toContain(expected));
  }

  it('lists every problem of a config at once', () => {
    const found = problems({
      calendars: [{ ...calendar, timezone: 'Nowhere/City' }, calendar],
      policies: [
        {
          ...policy,
          calendar: 'missing',
          targets: { resolution: { '*': '2x' } },
          warnings: ['0%'],
        },
      ],
    });
    expect(found).toHaveLength(5);
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => parseConfigText('calendars:\n  - id: a\n   timezone: [')).toThrow(/line \d/);
  });

  it('accepts every feature and applies the defaults', () => {
    const config = parseConfig({
      calendars: [
        {
          ...calendar,
          hours: { mon: [['22:00', '06:00']], tue: [['09:00', '24:00']] },
          holidays: ['2026-12-25', { date: '2026-12-24', hours: [['09:00', '12:00']] }],
          publicHolidays: { country: 'DE', state: 'BY' },
        },
        { id: 'always', timezone: 'UTC', hours: '24x7' },
      ],
      policies: [
        {
          ...policy,
          when: {
            not: {
              any: [
                { field: 'custom.tier', exists: true },
                { field: 'tags', not_contains: 'x' },
              ],
            },
          },
          warnings: ['75%', '30m'],
        },
      ],
    });
    const [p] = config.policies;
    expect(p?.pause.resolution).toEqual(['pending', 'on_hold']);
    expect(p?.pause.first_response).toEqual([]);
    expect([p?.reopen, p?.retarget]).toEqual(['continue', 'keep']);
    expect(p?.warnings).toEqual([
      { text: '75%', kind: 'percent', value: 75 },
      { text: '30m', kind: 'remaining', value: 1800 },
    ]);
    expect(config.calendars[0]?.holidays.get('2026-12-24')).toEqual([{ open: 540, close: 720 }]);
  });
});
