import { UsageError } from '../errors.js';

/**
 * Formats instants as `YYYY-MM-DD HH:mm` in one zone, for people; JSON output stays UTC.
 * @throws UsageError for a zone the runtime does not know
 */
export function localTimeFormatter(zone: string): (at: number | null) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    throw new UsageError(`--tz: "${zone}" is not an IANA time zone`);
  }
  return (at) => {
    if (at === null) return '-';
    const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}
