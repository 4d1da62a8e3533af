import { localDateStart, type Problem, parseInstant } from '@breachless/core';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
  return at;
}
