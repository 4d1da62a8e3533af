import { formatInstant, parseInstant } from '@breachless/core';

// Helpdesks write instants several ways: Zendesk with nanoseconds, Jira with `+0000`
// (no colon), some exports with a space before the offset. All carry an offset.
const LOOSE_ISO =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)$/;

/**
 * Normalizes a platform's instant to the wire form the core reads
 * (`2026-11-02T09:00:00Z`): an ISO-8601 string with an offset in any of the usual
 * spellings, or epoch milliseconds. `undefined` when it is neither, or names no real time.
 */
export function toWireInstant(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? formatInstant(Math.floor(value / 1000) * 1000) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const m = LOOSE_ISO.exec(value.trim());
  if (!m) return undefined;
  const [, date, hm, seconds, zone] = m;
  const offset =
    zone === 'Z' || zone === 'UTC' ? 'Z' : `${zone?.slice(0, 3)}:${zone?.slice(-2) ?? ''}`;
  const at = parseInstant(`${date}T${hm}${seconds ?? ':00'}${offset}`);
  return at === undefined ? undefined : formatInstant(at);
}
