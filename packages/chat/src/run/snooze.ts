import type { BusinessCalendar } from '@breachless/core';
import { DateTime } from 'luxon';

/** What a snooze button offers. */
export const SNOOZE_CHOICES = ['30m', '1h', 'next-business-day'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/**
 * Until when a snooze silences a cycle's warnings: 30 minutes, an hour, or until the next
 * business day of the cycle's calendar opens (the first business instant after the coming
 * local midnight there; midnight itself for a 24x7 calendar or when the calendar is unknown).
 */
export function snoozeUntil(
  choice: SnoozeChoice,
  now: number,
  calendar: BusinessCalendar | undefined,
): number {
  if (choice === '30m') return now + 30 * 60_000;
  if (choice === '1h') return now + 60 * 60_000;
  const zone = calendar?.timezone ?? 'UTC';
  const midnight = DateTime.fromMillis(now, { zone }).startOf('day').plus({ days: 1 }).toMillis();
  if (!calendar) return midnight;
  // The instant one business second after midnight, less that second: when business opens.
  return calendar.add(midnight, 1) - 1000;
}
