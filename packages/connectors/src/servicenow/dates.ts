import { daysInMonth, type Instant, isTimeZone, localToInstant } from '@breachless/core';
import { IANAZone } from 'luxon';
import { ConnectorError } from '../errors.js';

// A zone's wall times repeat by the thousand (rows share minutes); keyed by the wall time's
// number, the cache holds no text of the file. It only bounds itself, it never needs to hit.
const CACHE_LIMIT = 50_000;

/**
 * A reader for ServiceNow's day-first, zone-less dates (`29/2/2016 04:40`) as wall-clock
 * times in `timezone`. Wall times a DST change skips or repeats are read as the core reads
 * every local time (semantics.md section 2: a skipped time takes the offset from before
 * the gap, a repeated one is its first occurrence).
 * @returns a function giving the instant, or `undefined` for text that is not such a date
 * @throws ConnectorError `options_invalid` for a zone that is not an IANA zone
 */
export function dayFirstDates(timezone: string): (text: string) => Instant | undefined {
  if (!isTimeZone(timezone))
    throw new ConnectorError(
      'options_invalid',
      'servicenow-csv',
      `unknown time zone "${timezone}"`,
    );
  // UTC needs no zone arithmetic at all; it is the default and the common case.
  if (['utc', 'etc/utc', 'gmt', 'etc/gmt'].includes(timezone.toLowerCase())) return wallClock;
  const zone = IANAZone.create(timezone);
  const cache = new Map<number, Instant>();
  return (text) => {
    const wall = wallClock(text);
    if (wall === undefined) return undefined;
    const cached = cache.get(wall);
    if (cached !== undefined) return cached;
    const at = localToInstant(zone, wall);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(wall, at);
    return at;
  };
}

const SLASH = 47;
const SPACE = 32;
const COLON = 58;
const END = -1;

/**
 * `d/M/yyyy H:mm` (day, month and hour of one or two digits) read by hand, as the UTC
 * milliseconds of the wall time; `undefined` for any other text or a date that does not exist.
 */
function wallClock(text: string): number | undefined {
  cursor = 0;
  const day = digits(text, 1, 2, SLASH);
  const month = digits(text, 1, 2, SLASH);
  const year = digits(text, 4, 4, SPACE);
  const hour = digits(text, 1, 2, COLON);
  const minute = digits(text, 2, 2, END);
  if (day < 1 || month < 1 || month > 12 || year < 0 || hour < 0 || minute < 0) return undefined;
  if ((day > 28 && day > daysInMonth(year, month)) || hour > 23 || minute > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute);
}

// Where `digits` reads next in the text `wallClock` reads: one position, not an object per
// field, for the two dates of every row.
let cursor = 0;

/** `min` to `max` ASCII digits at the cursor, then `after` (or the text's end): their value, or -1. */
function digits(text: string, min: number, max: number, after: number): number {
  const start = cursor;
  let value = 0;
  for (; cursor < text.length && cursor - start < max; cursor++) {
    const d = text.charCodeAt(cursor) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  if (cursor - start < min) return -1;
  if (after === END) return cursor === text.length ? value : -1;
  return text.charCodeAt(cursor++) === after ? value : -1;
}
