/** An instant: UTC milliseconds since the epoch, always a whole number of seconds. */
export type Instant = number;

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO-8601 instant that carries an offset or `Z`, truncated to whole seconds.
 * Returns `undefined` for anything else: an instant without an offset is ambiguous and the
 * spec rejects it rather than guessing a zone.
 */
export function parseInstant(text: string): Instant | undefined {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse accepts 2026-02-30 by rolling over; reject dates that do not exist.
  const [, y, mo, d, h, mi, s] = m;
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > daysInMonth(Number(y), Number(mo))
  ) {
    return undefined;
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  return Math.floor(ms / 1000) * 1000;
}

/** Formats an instant as ISO-8601 in UTC without milliseconds: `2026-11-23T15:00:00Z`. */
export function formatInstant(at: Instant): string {
  return `${new Date(at).toISOString().slice(0, 19)}Z`;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
