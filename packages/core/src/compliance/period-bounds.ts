import { type Instant, parseInstant } from '../time/instant.js';
import { localDateStart } from '../time/zone.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a period bound may be written as: the end of the message that refuses one. */
export const PERIOD_BOUND_FORMS = 'a date (YYYY-MM-DD) or an ISO-8601 instant with an offset or Z';

/**
 * A bound of a report period `[from, to)`, read the same way by `breachless report --from
 * --to` and the API's `from=` and `to=`. A date is the start of that day in the report's
 * zone (`2026-11-02` in America/New_York starts at 05:00Z), and a date `to` takes in its
 * whole day, because that is what "to the 30th" means to a person (`from 2026-11-01 to
 * 2026-11-30` is all of November); an instant needs an offset or Z, and `to` excludes it as
 * the period does.
 * @returns the instant; `undefined` for text that is neither, a date that does not exist
 *   (`2026-02-30`) or a zone that is not an IANA zone
 */
export function periodBound(text: string, side: 'from' | 'to', zone: string): Instant | undefined {
  if (!DATE.test(text)) return parseInstant(text);
  // The date itself first: the day after 2026-02-30 would roll over into a real March date.
  if (localDateStart(zone, text) === undefined) return undefined;
  return localDateStart(zone, side === 'from' ? text : dayAfter(text));
}

/** The date after `date`, by calendar arithmetic on the date itself (no zone involved). */
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
