import { describe, expect, it } from 'vitest';
import { latestSlot } from './schedule.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('latestSlot', () => {
  it('is today at the hour once it has passed, yesterday before, covering the day before', () => {
    const paris = { every: 'daily' as const, time: '09:00', zone: 'Europe/Paris' };
    const after = latestSlot(paris, Date.parse('2026-11-25T08:30:00Z'));
    expect([iso(after.at), after.key, iso(after.from), iso(after.to)]).toEqual([
      '2026-11-25T08:00:00.000Z',
      '2026-11-25',
      '2026-11-23T23:00:00.000Z',
      '2026-11-24T23:00:00.000Z',
    ]);
    expect(latestSlot(paris, Date.parse('2026-11-25T07:59:00Z')).key).toBe('2026-11-24');
  });

  it('posts at the local hour on both sides of a daylight-saving change', () => {
    const ny = { every: 'daily' as const, time: '09:00', zone: 'America/New_York' };
    expect(iso(latestSlot(ny, Date.parse('2026-10-31T20:00:00Z')).at)).toBe(
      '2026-10-31T13:00:00.000Z',
    );
    expect(iso(latestSlot(ny, Date.parse('2026-11-01T20:00:00Z')).at)).toBe(
      '2026-11-01T14:00:00.000Z',
    );
    // 02:30 does not exist on the spring-forward day: the digest runs at 03:30 EDT instead.
    const early = { every: 'daily' as const, time: '02:30', zone: 'America/New_York' };
    expect(iso(latestSlot(early, Date.parse('2026-03-08T12:00:00Z')).at)).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('posts monthly on the first at the hour, covering the month before, in the zone', () => {
    const paris = { every: 'monthly' as const, time: '09:00', zone: 'Europe/Paris' };
    const dec1 = latestSlot(paris, Date.parse('2026-12-01T08:00:00Z'));
    expect([dec1.key, iso(dec1.at), iso(dec1.from), iso(dec1.to)]).toEqual([
      '2026-12-01',
      '2026-12-01T08:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
    ]);
    // A minute before the hour, the slot is still November's.
    expect(latestSlot(paris, Date.parse('2026-12-01T07:59:00Z')).key).toBe('2026-11-01');
  });

  it('skips weekends for weekdays, covering Friday to Sunday on Monday; weekly on Mondays', () => {
    const monday = Date.parse('2026-11-23T12:00:00Z');
    const weekdays = latestSlot({ every: 'weekdays', time: '09:00', zone: 'UTC' }, monday);
    expect([weekdays.key, iso(weekdays.from), iso(weekdays.to)]).toEqual([
      '2026-11-23',
      '2026-11-20T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
    ]);
    expect(
      latestSlot(
        { every: 'weekdays', time: '09:00', zone: 'UTC' },
        Date.parse('2026-11-22T12:00:00Z'),
      ).key,
    ).toBe('2026-11-20');
    const weekly = latestSlot(
      { every: 'weekly', time: '09:00', zone: 'UTC' },
      Date.parse('2026-11-26T12:00:00Z'),
    );
    expect([weekly.key, iso(weekly.from)]).toEqual(['2026-11-23', '2026-11-16T00:00:00.000Z']);
  });
});
