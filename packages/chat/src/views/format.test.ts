import { describe, expect, it } from 'vitest';
import { formatDuration, formatLocal, formatPct, formatRelative, truncate } from './format.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [3600, '1h'],
    [3900, '1h 5m'],
    [86_400, '1d'],
    [86_400 + 7200 + 59, '1d 2h'],
  ])('%d s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe('formatRelative', () => {
  it('says in or ago', () => {
    expect(formatRelative(1_000 + 45 * 60_000, 1_000)).toBe('in 45m');
    expect(formatRelative(0, 2 * 3600_000)).toBe('2h ago');
  });
});

describe('formatLocal', () => {
  it('shows the instant in the reader zone, across a DST change', () => {
    const at = Date.parse('2026-11-25T19:05:00Z');
    expect(formatLocal(at, 'America/New_York')).toBe('Wed 25 Nov 14:05 EST');
    expect(formatLocal(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Paris')).toBe(
      'Wed 1 Jul 14:00 GMT+2',
    );
  });

  it('falls back to UTC for a zone it does not know', () => {
    expect(formatLocal(Date.parse('2026-11-25T19:05:00Z'), 'Mars/Olympus')).toBe(
      'Wed 25 Nov 19:05 UTC',
    );
  });
});

describe('formatPct and truncate', () => {
  it('formats percentages and cuts long text', () => {
    expect(formatPct(null)).toBe('n/a');
    expect(formatPct(100)).toBe('100%');
    expect(formatPct(93.02)).toBe('93.0%');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
