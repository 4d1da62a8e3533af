import { Engine, parseConfig } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze.js';

describe('snoozeUntil', () => {
  const now = Date.parse('2026-11-27T16:00:00Z'); // a Friday, 11:00 in New York
  const hours = [['09:00', '17:00']];
  const { calendars } = new Engine(
    parseConfig({
      calendars: [
        {
          id: 'ny',
          timezone: 'America/New_York',
          hours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
        },
      ],
      policies: [{ id: 'p', calendar: 'ny', targets: { first_response: { '*': '1h' } } }],
    }),
  );

  it('adds 30 minutes or an hour', () => {
    expect(snoozeUntil('30m', now, undefined) - now).toBe(30 * 60_000);
    expect(snoozeUntil('1h', now, undefined) - now).toBe(60 * 60_000);
  });

  it('waits for the calendar to open on the next business day, over a weekend', () => {
    const until = snoozeUntil('next-business-day', now, calendars.get('ny'));
    expect(new Date(until).toISOString()).toBe('2026-11-30T14:00:00.000Z'); // Monday 09:00 EST
  });

  it('uses the next midnight in UTC without a calendar', () => {
    expect(new Date(snoozeUntil('next-business-day', now, undefined)).toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
  });
});
