import { describe, expect, it } from 'vitest';
import { periodBound } from './period-bounds.js';

const utc = (iso: string) => Date.parse(iso);

describe('periodBound', () => {
  it('reads a date as the start of that day in the zone, and a date `to` as the next one', () => {
    expect(periodBound('2026-11-02', 'from', 'America/New_York')).toBe(utc('2026-11-02T05:00Z'));
    expect(periodBound('2026-11-30', 'to', 'America/New_York')).toBe(utc('2026-12-01T05:00Z'));
    expect(periodBound('2026-11-01', 'from', 'UTC')).toBe(utc('2026-11-01T00:00Z'));
  });

  it('takes the next day across a month, a year and a leap day', () => {
    expect(periodBound('2026-12-31', 'to', 'UTC')).toBe(utc('2027-01-01T00:00Z'));
    expect(periodBound('2024-02-28', 'to', 'UTC')).toBe(utc('2024-02-29T00:00Z'));
    expect(periodBound('2024-02-29', 'to', 'Europe/Paris')).toBe(utc('2024-02-29T23:00Z'));
  });

  it('ends a date `to` at the next local midnight across a DST change', () => {
    // New York falls back on 2026-11-01: that day is 25 hours long.
    const from = periodBound('2026-11-01', 'from', 'America/New_York');
    const to = periodBound('2026-11-01', 'to', 'America/New_York');
    expect([from, to]).toEqual([utc('2026-11-01T04:00Z'), utc('2026-11-02T05:00Z')]);
  });

  it('keeps an instant as it is on either side, whatever the zone', () => {
    for (const side of ['from', 'to'] as const)
      expect(periodBound('2026-11-25T18:00:00+01:00', side, 'Asia/Tokyo')).toBe(
        utc('2026-11-25T17:00Z'),
      );
  });

  it('refuses dates that do not exist, instants without an offset, other text and bad zones', () => {
    for (const side of ['from', 'to'] as const) {
      expect(periodBound('2026-02-30', side, 'UTC')).toBeUndefined();
      expect(periodBound('2026-11-31', side, 'UTC')).toBeUndefined();
      expect(periodBound('2026-11-25T18:00', side, 'UTC')).toBeUndefined();
      expect(periodBound('yesterday', side, 'UTC')).toBeUndefined();
      expect(periodBound('2026-11-01', side, 'Mars/Base')).toBeUndefined();
    }
  });
});
