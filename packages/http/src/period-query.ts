import { formatInstant, localDateStart, type Problem, parseInstant } from '@breachless/core';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants a query may name, `[first, end)`: every stored instant lies well inside, and
 * beyond them a date is a typo (year 0000, `+275760-...`) that PostgreSQL may not even read.
 */
export const QUERY_INSTANTS = { first: Date.UTC(1970, 0, 1), end: Date.UTC(2200, 0, 1) };

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

/** The local date after `date` (calendar arithmetic on the date itself). */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * A period bound, read as `breachless report` reads `--from` and `--to`: a date is the start
 * of that day in the report's zone, and a date `to` takes in its whole day (`from=2026-11-01&
 * to=2026-11-30` is all of November); an instant needs an offset or Z and `to` excludes it.
 */
export function bound(
  name: 'from' | 'to',
  value: string | undefined,
  zone: string,
  problems: Problem[],
): number | undefined {
  const expected = 'a date (YYYY-MM-DD) or an ISO-8601 instant with an offset or Z';
  if (value === undefined) {
    problems.push({ path: name, message: `required: ${expected}` });
    return undefined;
  }
  let at: number | undefined;
  if (!DATE.test(value)) at = parseInstant(value);
  // The date itself first: nextDate would roll 2026-02-30 over into a valid March date.
  else if (localDateStart(zone, value) !== undefined)
    at = localDateStart(zone, name === 'from' ? value : nextDate(value));
  if (at === undefined) problems.push({ path: name, message: `"${value}" is not ${expected}` });
  return at === undefined ? undefined : inWindow(name, at, problems);
}
