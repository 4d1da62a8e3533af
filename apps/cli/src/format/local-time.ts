/** Renders an instant for people; `null` (no such instant) renders as a dash. */
export type LocalTime = (at: number | null) => string;

/**
 * Formats instants as `YYYY-MM-DD HH:mm` in one zone, for people; JSON output stays UTC.
 * Seconds are shown only when they are not zero: targets and events are mostly on whole
 * minutes, but a `75%` warning of a 30m target lands on `:30` seconds and must not look
 * like it fired earlier than it did.
 * @param zone an IANA zone already checked (see `zoneFlag`)
 */
export function localTimeFormatter(zone: string): LocalTime {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (at) => {
    if (at === null) return '-';
    const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
    const seconds = p.second === '00' ? '' : `:${p.second}`;
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds}`;
  };
}
