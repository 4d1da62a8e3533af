import { periodBound } from '@breachless/core';
import { DateTime } from 'luxon';
import type { Period } from '../commands/types.js';

/** A period as instants in the reader's zone, with how to say it. */
export interface Bounds {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/**
 * Resolves a typed period in the reader's zone. Days are calendar days there: `today` is
 * since local midnight, `7d` is today and the six days before, `mtd` since the 1st,
 * `2026-11-01..2026-11-15` both days whole. Outcomes count in `[from, to)`, so a period
 * ending in the future simply has nothing there yet.
 */
export function periodBounds(period: Period, zone: string, now: number): Bounds {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const day = (d: DateTime) => d.toFormat('d LLL');
  switch (period.kind) {
    case 'today':
      return {
        from: today.toMillis(),
        to: today.plus({ days: 1 }).toMillis(),
        label: `Today (${day(today)})`,
      };
    case 'yesterday': {
      const y = today.minus({ days: 1 });
      return { from: y.toMillis(), to: today.toMillis(), label: `Yesterday (${day(y)})` };
    }
    case 'mtd': {
      const first = today.startOf('month');
      return {
        from: first.toMillis(),
        to: today.plus({ days: 1 }).toMillis(),
        label: `Month to date (${today.toFormat('LLLL yyyy')})`,
      };
    }
    case 'days': {
      const first = today.minus({ days: period.days - 1 });
      return {
        from: first.toMillis(),
        to: today.plus({ days: 1 }).toMillis(),
        label: `Last ${period.days} days (${day(first)} to ${day(today)})`,
      };
    }
    case 'range': {
      // A date range is read as `breachless report` and the API read one: core's one rule.
      const from = periodBound(period.from, 'from', zone);
      const to = periodBound(period.to, 'to', zone);
      // The grammar refused dates that do not exist, and the platform gave an IANA zone.
      if (from === undefined || to === undefined)
        throw new Error(`no instants for ${period.from}..${period.to} in ${zone}`);
      return { from, to, label: `${period.from} to ${period.to}` };
    }
  }
}
