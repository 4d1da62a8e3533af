import { IANAZone } from 'luxon';
import type { Instant } from './instant.js';
import { zoneOffsets } from './zone-offsets.js';

const DAY_MS = 86_400_000;

/** The zone's offset from UTC at an instant, in milliseconds (local = utc + offset). */
function zoneOffsetMs(zone: IANAZone, at: Instant): number {
  return zoneOffsets(zone).offsetMs(at);
}

/**
 * Turns a local wall-clock time into an instant the way RFC 5545 reads local times, which
 * semantics.md section 2 requires: a time inside a skipped hour takes the offset from before
 * the gap (so 02:30 on a spring-forward night becomes 03:30), and a time inside a repeated
 * hour means its first occurrence. Luxon's own functions disagree with each other here, so
 * the rule is spelled out instead of relying on a library default.
 *
 * `wallMs` is the local time written as if it were UTC (`Date.UTC(y, m - 1, d, h, min)`).
 */
export function localToInstant(zone: IANAZone, wallMs: number): Instant {
  // Offsets a day either side bracket any transition near this wall time; real zones never
  // change twice within two days.
  const before = zoneOffsetMs(zone, wallMs - DAY_MS);
  const after = zoneOffsetMs(zone, wallMs + DAY_MS);
  if (before === after) return wallMs - before;
  const withBefore = wallMs - before;
  const withAfter = wallMs - after;
  const beforeFits = zoneOffsetMs(zone, withBefore) === before;
  const afterFits = zoneOffsetMs(zone, withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (afterFits) return withAfter;
  // In the gap (or only the earlier offset fits): the offset before the transition.
  return withBefore;
}

/**
 * Whether `name` is an IANA time zone (`Europe/Paris`, `UTC`): the one check every zone
 * read from a person goes through (calendars, report and CLI flags, API queries, chat
 * commands, import options), so a zone accepted at the edge is never refused further in.
 */
export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * The instant a local date (`YYYY-MM-DD`) starts in a zone, read as RFC 5545 reads local
 * times; `undefined` for a malformed date or an unknown zone.
 */
export function localDateStart(zoneName: string, date: string): Instant | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !isTimeZone(zoneName)) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(wall).toISOString().slice(0, 10) !== date) return undefined;
  return localToInstant(IANAZone.create(zoneName), wall);
}
