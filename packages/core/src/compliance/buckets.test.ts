import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { Engine } from '../engine/engine.js';
import { parseEvents } from '../events/parse.js';
import { groupValue, periodOf } from './buckets.js';
import { complianceReport } from './report.js';
import type { GroupKey } from './types.js';

const engine = new Engine(
  parseConfig({
    policies: [
      {
        id: 'urgent',
        when: { field: 'priority', eq: 'urgent' },
        calendar: '24x7',
        targets: { first_response: { '*': '30m' } },
      },
      { id: 'standard', calendar: '24x7', targets: { first_response: { '*': '1h' } } },
    ],
  }),
);

/** A ticket answered 10 minutes after `created`: its first response's outcome is then. */
function answered(id: string, created: string, fields: object) {
  const reply = new Date(Date.parse(created) + 600_000).toISOString();
  return [
    {
      id: `${id}-c`,
      ticket: id,
      type: 'ticket.created',
      at: created,
      fields: { status: 'new', ...fields },
    },
    { id: `${id}-r`, ticket: id, type: 'message', at: reply, author: 'agent', public: true },
  ];
}

const tickets = engine.evaluate(
  parseEvents([
    // Outcome Mon 2026-11-23 00:30Z: still Sunday evening (19:30) in New York.
    ...answered('T3', '2026-11-23T00:20:00Z', { team: 'billing' }),
    // Outcome Sun 2026-11-29 23:50Z: already Monday morning (08:50) in Tokyo.
    ...answered('T1', '2026-11-29T23:40:00Z', { priority: 'urgent', channel: 'email', team: '' }),
    // Outcome Tue 2026-12-01 03:10Z: still Monday 30 November (22:10) in New York.
    ...answered('T2', '2026-12-01T03:00:00Z', { priority: 'normal', channel: 'chat' }),
  ]),
  Date.parse('2026-12-02T00:00:00Z'),
);

/** The first-response rows as [group value, achieved] for one key and zone. */
function grouped(key: GroupKey, timezone?: string) {
  const rows = complianceReport(tickets, {
    from: Date.parse('2026-11-01T00:00:00Z'),
    to: Date.parse('2027-01-01T00:00:00Z'),
    by: [key],
    ...(timezone ? { timezone } : {}),
  });
  return rows.filter((r) => r.metric === 'first_response').map((r) => [r.group[key], r.achieved]);
}

describe('grouping values', () => {
  it('reads days in the report zone, so an outcome near midnight moves day', () => {
    const utc = [
      ['2026-11-23', 1],
      ['2026-11-29', 1],
      ['2026-12-01', 1],
    ];
    expect(grouped('day')).toEqual(utc);
    expect(grouped('day', 'UTC')).toEqual(utc);
    expect(grouped('day', 'America/New_York')).toEqual([
      ['2026-11-22', 1],
      ['2026-11-29', 1],
      ['2026-11-30', 1],
    ]);
    expect(grouped('day', 'Asia/Tokyo')).toEqual([
      ['2026-11-23', 1],
      ['2026-11-30', 1],
      ['2026-12-01', 1],
    ]);
  });

  it('names a week by the Monday it starts on, Sunday closing the week', () => {
    // 2026-11-23 and 2026-11-30 are Mondays; a Sunday belongs to the Monday six days before.
    expect(grouped('week')).toEqual([
      ['2026-11-23', 2],
      ['2026-11-30', 1],
    ]);
    expect(grouped('week', 'America/New_York')).toEqual([
      ['2026-11-16', 1],
      ['2026-11-23', 1],
      ['2026-11-30', 1],
    ]);
    expect(grouped('week', 'Asia/Tokyo')).toEqual([
      ['2026-11-23', 1],
      ['2026-11-30', 2],
    ]);
  });

  it('reads months in the report zone too', () => {
    expect(grouped('month')).toEqual([
      ['2026-11', 2],
      ['2026-12', 1],
    ]);
    expect(grouped('month', 'America/New_York')).toEqual([['2026-11', 3]]);
  });

  it('takes priority, channel, team and policy from the cycle, null when missing or empty', () => {
    expect(grouped('priority')).toEqual([
      ['normal', 1],
      ['urgent', 1],
      [null, 1],
    ]);
    expect(grouped('channel')).toEqual([
      ['chat', 1],
      ['email', 1],
      [null, 1],
    ]);
    expect(grouped('team')).toEqual([
      ['billing', 1],
      [null, 2],
    ]);
    expect(grouped('policy')).toEqual([
      ['standard', 2],
      ['urgent', 1],
    ]);
  });

  it('gives the metric, and refuses a zone it does not know', () => {
    const cycle = tickets[0]?.cycles[0];
    if (!cycle) throw new Error('no cycle');
    expect(groupValue(cycle, 'metric', 'UTC')).toBe('first_response');
    expect(() => groupValue(cycle, 'day', 'Nowhere/Special')).toThrow(RangeError);
  });
});

describe('periodOf', () => {
  it('gives the local day, ISO week and month around an instant, with the labels reports use', () => {
    const at = Date.parse('2026-11-25T03:30:00Z'); // Tue 24 Nov 22:30 in New York
    const zone = 'America/New_York';
    expect(periodOf('day', at, zone)).toEqual({
      start: Date.parse('2026-11-24T05:00:00Z'),
      end: Date.parse('2026-11-25T05:00:00Z'),
      label: '2026-11-24',
    });
    expect(periodOf('week', at, zone).label).toBe('2026-11-23');
    expect(periodOf('month', at, zone)).toEqual({
      start: Date.parse('2026-11-01T04:00:00Z'),
      end: Date.parse('2026-12-01T05:00:00Z'),
      label: '2026-11',
    });
    const cycle = {
      metric: 'first_response',
      status: 'achieved',
      elapsedSeconds: 1,
      outcomeAt: at,
      policy: null,
      fields: {},
    } as const;
    for (const unit of ['day', 'week', 'month'] as const)
      expect(periodOf(unit, at, zone).label).toBe(groupValue(cycle, unit, zone));
  });

  it('makes a daylight-saving day 23 hours long', () => {
    const day = periodOf('day', Date.parse('2026-03-08T12:00:00Z'), 'America/New_York');
    expect(day.end - day.start).toBe(23 * 3_600_000);
  });
});
