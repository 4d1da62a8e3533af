import { daysInMonth, type Instant, isTimeZone, localToInstant } from '@breachless/core';
import { IANAZone } from 'luxon';
import { ConnectorError } from '../errors.js';

const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/;
// Rows share minutes by the thousand; the cache only bounds itself, it never needs to hit.
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
  const zone = IANAZone.create(timezone);
  // UTC needs no zone arithmetic at all; it is the default and the common case.
  const utc = ['utc', 'etc/utc', 'gmt', 'etc/gmt'].includes(timezone.toLowerCase());
  const cache = new Map<string, Instant | undefined>();
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined || cache.has(text)) return cached;
    const at = read(text, utc ? undefined : zone);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, at);
    return at;
  };
}

function read(text: string, zone: IANAZone | undefined): Instant | undefined {
  const m = DAY_FIRST.exec(text);
  if (!m) return undefined;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  return zone === undefined ? wall : localToInstant(zone, wall);
}
