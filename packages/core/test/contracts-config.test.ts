import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { ConfigError, type Problem } from '../src/errors.js';

/** The problems a config is refused with; fails the test when it is accepted. */
function problemsOf(config: unknown): Problem[] {
  try {
    parseConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error(`the config was accepted: ${JSON.stringify(config)}`);
}

const CALENDAR = {
  id: 'customer-hours',
  timezone: 'America/New_York',
  timezoneFrom: 'custom.timezone',
  hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
};

const version = (from: string, extra: Record<string, unknown> = {}) => ({
  from,
  calendar: 'customer-hours',
  targets: { first_response: { urgent: '30m', '*': '2h' } },
  ...extra,
});

const withContracts = (...contracts: unknown[]) => ({ calendars: [CALENDAR], contracts });

describe('contracts in the config', () => {
  it('reads versions, their bounds in the contract zone, goals, the fee and credit rules', () => {
    const config = parseConfig(
      withContracts({
        id: 'acme-gold',
        organizations: ['acme', 'acme-eu'],
        timezone: 'Europe/Berlin',
        versions: [
          version('2026-01-01', {
            goals: { first_response: '99.5%', resolution: '90%' },
            fee: { amount: 12000.5, currency: 'EUR' },
            credits: [
              {
                metric: 'resolution',
                tiers: [
                  { below: '90%', credit: '10%' },
                  { below: '95%', credit: '5%' },
                ],
              },
              { perBreach: 100, priority: 'urgent' },
            ],
            cap: '20%',
          }),
          version('2026-07-01', { until: '2027-01-01' }),
        ],
      }),
    );
    const [contract] = config.contracts;
    expect(contract?.timezone).toBe('Europe/Berlin');
    const [v1, v2] = contract?.versions ?? [];
    // Midnight in Berlin: 23:00Z the day before in winter, 22:00Z in summer.
    expect(v1).toMatchObject({
      version: 1,
      fromDate: '2026-01-01',
      from: Date.UTC(2025, 11, 31, 23),
      untilDate: '2026-07-01',
      until: Date.UTC(2026, 5, 30, 22),
      targets: { first_response: { urgent: 1800, '*': 7200 } },
      goals: { first_response: 99.5, resolution: 90 },
      fee: { amountCents: 1_200_050, currency: 'EUR' },
      capPct: 20,
    });
    expect(v1?.credits).toEqual([
      {
        kind: 'compliance',
        metric: 'resolution',
        tiers: [
          { belowPct: 95, creditPct: 5 },
          { belowPct: 90, creditPct: 10 },
        ],
      },
      { kind: 'per_breach', metric: null, priority: 'urgent', amountCents: 10_000 },
    ]);
    expect(v2).toMatchObject({ version: 2, untilDate: '2027-01-01', fee: null, credits: [] });
  });

  it('keeps a config without contracts as it was', () => {
    expect(parseConfig({ calendars: [CALENDAR] }).contracts).toEqual([]);
  });

  it('lists every problem across contracts at once, by path', () => {
    const problems = problemsOf(
      withContracts(
        {
          id: 'a',
          organizations: ['acme'],
          timezone: 'Mars/Base',
          versions: [
            version('2026-01-01', { until: '2026-08-01' }),
            version('2026-07-01', { calendar: 'nowhere' }),
            version('2026-03-01'),
            version('2026-09-01', { credits: [{ perBreach: 5, priority: 'urgent' }] }),
            version('2026-10-01', { until: '2026-10-01', goals: { resolution: '101%' } }),
          ],
        },
        {
          id: 'a',
          organizations: ['acme', 'initech', 'initech'],
          versions: [version('2020-01-01')],
        },
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'contracts[0].timezone', message: '"Mars/Base" is not an IANA time zone' },
        { path: 'contracts[0].versions[1].calendar', message: '"nowhere" is not a calendar' },
        {
          path: 'contracts[0].versions[1].from',
          message: 'overlaps version 1, which runs until 2026-08-01',
        },
        {
          path: 'contracts[0].versions[2].from',
          message: expect.stringContaining('in the order they start'),
        },
        { path: 'contracts[0].versions[3].fee', message: expect.stringContaining('is required') },
        { path: 'contracts[0].versions[4].until', message: 'must be after from (2026-10-01)' },
        {
          path: 'contracts[0].versions[4].goals.resolution',
          message: expect.stringContaining('"101%" is not a percentage'),
        },
        { path: 'contracts[1].id', message: '"a" is used twice' },
        {
          path: 'contracts[1].organizations[0]',
          message: expect.stringContaining('"acme" is already under contract "a"'),
        },
        { path: 'contracts[1].organizations[2]', message: '"initech" is listed twice' },
      ]),
    );
    expect(problems).toHaveLength(10);
  });

  it('refuses bad amounts, tiers, rules and calendar fields by path', () => {
    const problems = problemsOf({
      calendars: [{ ...CALENDAR, timezoneFrom: 'organization' }],
      contracts: [
        {
          id: 'b',
          organizations: [],
          versions: [
            version('2026-02-30', {
              fee: { amount: 10.005, currency: 'EUR' },
              credits: [
                { metric: 'resolution', tiers: [] },
                { perBreach: -1, priority: 'high' },
              ],
              targets: { first_response: { '*': '4x' } },
            }),
          ],
        },
      ],
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'calendars[0].timezoneFrom',
      'contracts[0].organizations',
      'contracts[0].versions[0].credits[0].tiers',
      'contracts[0].versions[0].credits[1].perBreach',
      'contracts[0].versions[0].fee.amount',
      'contracts[0].versions[0].from',
      'contracts[0].versions[0].targets.first_response.*',
    ]);
  });

  it('holds contract targets to what their calendar can reach, as policies', () => {
    const tiny = { id: 'tiny', timezone: 'UTC', hours: { mon: [['09:00', '09:01']] } };
    const problems = problemsOf({
      calendars: [tiny],
      contracts: [
        {
          id: 'c',
          organizations: ['o'],
          versions: [
            { from: '2026-01-01', calendar: 'tiny', targets: { resolution: { '*': '30d' } } },
          ],
        },
      ],
    });
    expect(problems).toEqual([
      {
        path: 'contracts[0].versions[0].targets.resolution.*',
        message: expect.stringContaining('calendar tiny is open 1m a week'),
      },
    ]);
  });

  it('counts contracts before validating them', () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `c${i}` }));
    expect(problemsOf({ contracts: many })).toEqual([
      { path: 'contracts', message: 'has 201 contracts: a config may have at most 200' },
    ]);
  });
});
