import { DateTime } from 'luxon';
import type { Period } from './types.js';

const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/**
 * Reads a period word: `today`, `yesterday`, `mtd`, `Nd` (1 to 366 days), or
 * `FROM..TO` (calendar dates, both included, FROM not after TO).
 * @returns the period, `undefined` when the word is not a period at all, or the error
 */
export function readPeriod(word: string): Period | undefined | { readonly error: string } {
  const lower = word.toLowerCase();
  if (lower === 'today' || lower === 'yesterday' || lower === 'mtd') return { kind: lower };
  const days = /^(\d+)d$/.exec(lower);
  if (days) {
    const n = Number(days[1]);
    return n >= 1 && n <= 366
      ? { kind: 'days', days: n }
      : { error: `${word}: a period of days runs from 1d to 366d` };
  }
  const range = RANGE.exec(word);
  if (!range) return undefined;
  const [, from = '', to = ''] = range;
  for (const date of [from, to])
    if (!DateTime.fromISO(date).isValid) return { error: `${date} is not a calendar date` };
  if (from > to) return { error: `${word}: the period ends before it starts` };
  return { kind: 'range', from, to };
}
