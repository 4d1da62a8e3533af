import { describe, expect, it } from 'vitest';
import { periodBounds } from './period-bounds.js';

const NOW = Date.parse('2026-11-25T03:30:00Z'); // still the 24th in New York
const iso = (b: { from: number; to: number }) => [
  new Date(b.from).toISOString(),
  new Date(b.to).toISOString(),
];

describe('periodBounds', () => {
  it('reads days in the reader zone', () => {
    expect(iso(periodBounds({ kind: 'today' }, 'America/New_York', NOW))).toEqual([
      '2026-11-24T05:00:00.000Z',
      '2026-11-25T05:00:00.000Z',
    ]);
    expect(iso(periodBounds({ kind: 'today' }, 'UTC', NOW))).toEqual([
      '2026-11-25T00:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
    ]);
    expect(periodBounds({ kind: 'yesterday' }, 'America/New_York', NOW).label).toBe(
      'Yesterday (23 Nov)',
    );
  });

  it('counts 7d as today and the six days before, and a range with both days whole', () => {
    const week = periodBounds({ kind: 'days', days: 7 }, 'UTC', NOW);
    expect(iso(week)).toEqual(['2026-11-19T00:00:00.000Z', '2026-11-26T00:00:00.000Z']);
    expect(week.label).toBe('Last 7 days (19 Nov to 25 Nov)');
    const range = periodBounds(
      { kind: 'range', from: '2026-11-01', to: '2026-11-15' },
      'Europe/Paris',
      NOW,
    );
    expect(iso(range)).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-15T23:00:00.000Z']);
    expect(iso(periodBounds({ kind: 'mtd' }, 'UTC', NOW))).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
    ]);
  });

  it('keeps a day whole across a daylight-saving change', () => {
    const fallBack = Date.parse('2026-11-01T12:00:00Z');
    const b = periodBounds({ kind: 'today' }, 'America/New_York', fallBack);
    expect((b.to - b.from) / 3_600_000).toBe(25);
  });
});
