import {
  formatInstant,
  type Instant,
  isTimeZone,
  PERIOD_BOUND_FORMS,
  type Problem,
  parseInstant,
  periodBound,
} from '@breachless/core';
import type { QueryParams } from './query-params.js';

/**
 * The instants a query may name, `[first, end)`: every stored instant lies well inside, and
 * beyond them a date is a typo (year 0000, `+275760-...`) that PostgreSQL may not even read.
 */
const QUERY_INSTANTS = { first: Date.UTC(1970, 0, 1), end: Date.UTC(2200, 0, 1) };

/** Adds a problem when `at` is outside `QUERY_INSTANTS`; `at` when inside, else `undefined`. */
function inWindow(name: string, at: number, problems: Problem[]): number | undefined {
  if (at >= QUERY_INSTANTS.first && at < QUERY_INSTANTS.end) return at;
  problems.push({
    path: name,
    message: `must be from ${formatInstant(QUERY_INSTANTS.first)} and before ${formatInstant(QUERY_INSTANTS.end)}`,
  });
  return undefined;
}

/** An ISO-8601 instant with an offset or Z (`since=`), or a problem. */
export function instant(name: string, value: string, problems: Problem[]): number | undefined {
  const at = parseInstant(value);
  if (at !== undefined) return inWindow(name, at, problems);
  problems.push({
    path: name,
    message: `"${value}" is not an ISO-8601 instant with an offset or Z`,
  });
  return undefined;
}

/** `from=` or `to=`, read by core's `periodBound` as `breachless report` reads its flags. */
function bound(
  name: 'from' | 'to',
  value: string | undefined,
  zone: string,
  problems: Problem[],
): number | undefined {
  if (value === undefined) {
    problems.push({ path: name, message: `required: ${PERIOD_BOUND_FORMS}` });
    return undefined;
  }
  const at = periodBound(value, name, zone);
  if (at !== undefined) return inWindow(name, at, problems);
  problems.push({ path: name, message: `"${value}" is not ${PERIOD_BOUND_FORMS}` });
  return undefined;
}

/** A report's period and the zone its dates, days, weeks and months are read in. */
interface QueryPeriod {
  readonly zone: string;
  /** `[from, to)`; absent when a bound is missing or wrong, or the period is reversed. */
  readonly period: { readonly from: Instant; readonly to: Instant } | undefined;
}

/**
 * A report's `tz`, `from` and `to` (`tz` defaults to UTC), each wrong one added to
 * `problems` for the route's single 400.
 */
export function readPeriod(values: QueryParams['values'], problems: Problem[]): QueryPeriod {
  const zone = values.tz ?? 'UTC';
  const zoneKnown = isTimeZone(zone);
  if (!zoneKnown)
    problems.push({
      path: 'tz',
      message: `"${zone}" is not an IANA time zone (like Europe/Paris)`,
    });
  // Dates are still checked under a bad zone (in UTC), so a bad zone is one problem, not three.
  const dateZone = zoneKnown ? zone : 'UTC';
  const from = bound('from', values.from, dateZone, problems);
  const to = bound('to', values.to, dateZone, problems);
  if (from === undefined || to === undefined) return { zone, period: undefined };
  if (to > from) return { zone, period: { from, to } };
  problems.push({ path: 'to', message: 'the period must end after it starts' });
  return { zone, period: undefined };
}
