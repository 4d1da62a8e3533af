import { describe, expect, it } from 'vitest';
import { groupValue } from './buckets.js';
import { groupValues } from './period-labels.js';
import type { ReportCycle } from './types.js';

const cycle = (outcomeAt: number): ReportCycle => ({
  metric: 'first_response',
  status: 'achieved',
  elapsedSeconds: 60,
  outcomeAt,
  policy: 'p',
  fields: { team: 'billing' },
});

describe('groupValues', () => {
  it('labels every instant as groupValue does, in any order, across DST and odd offsets', () => {
    for (const zone of ['America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC']) {
      const groupOf = groupValues(zone);
      // Every 151 minutes over 14 months, shuffled by a stride so that lookups jump about.
      const instants = Array.from(
        { length: 4_000 },
        (_, i) => Date.parse('2026-01-01T00:00:00Z') + ((i * 7919) % 4_000) * 151 * 60_000,
      );
      for (const at of instants)
        for (const key of ['day', 'week', 'month', 'team'] as const)
          expect(groupOf(cycle(at), key)).toBe(groupValue(cycle(at), key, zone));
    }
  });
});
