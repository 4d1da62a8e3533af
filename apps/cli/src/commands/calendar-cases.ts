import type { BusinessCalendar } from '@breachless/core/calendar';
import { formatInstant, parseDuration, parseInstant } from '@breachless/core/time';

/** `due`: when a duration of business time ends; `between`: business seconds in `[from, to)`. */
export type CalendarMode = 'due' | 'between';

/** One computation, as a `--cases` line or the flags spell it. Unknown keys are ignored. */
export interface CalendarCase {
  readonly id?: unknown;
  readonly calendar?: unknown;
  readonly from?: unknown;
  readonly to?: unknown;
  readonly duration?: unknown;
}

/** The answer, in the `--cases` output shape of formats.md. */
type CalendarAnswer = { due: string } | { seconds: number };

/** A case that cannot be computed; its message names the field. */
class CaseError extends Error {}

function instant(value: unknown, field: string): number {
  const at = typeof value === 'string' ? parseInstant(value) : undefined;
  if (at === undefined)
    throw new CaseError(
      `${field}: ${JSON.stringify(value ?? null)} is not an ISO-8601 instant with an offset or Z`,
    );
  return at;
}

/**
 * Computes one case.
 * @throws CaseError naming the field that is missing or malformed
 */
export function solveCase(
  mode: CalendarMode,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  c: CalendarCase,
): CalendarAnswer {
  if (typeof c.calendar !== 'string') throw new CaseError('calendar: missing');
  const calendar = calendars.get(c.calendar);
  if (!calendar)
    throw new CaseError(
      `calendar: "${c.calendar}" is not in the config (it has ${[...calendars.keys()].join(', ')})`,
    );
  const from = instant(c.from, 'from');
  if (mode === 'between') return { seconds: calendar.between(from, instant(c.to, 'to')) };
  const seconds = typeof c.duration === 'string' ? parseDuration(c.duration) : undefined;
  if (seconds === undefined)
    throw new CaseError(
      `duration: ${JSON.stringify(c.duration ?? null)} is not a duration (like 4h, 1h30m, 2d)`,
    );
  return { due: formatInstant(calendar.add(from, seconds)) };
}

/**
 * Runs an NDJSON file of cases and returns the output, one JSON line per case in input
 * order. A bad case (or a line that is not JSON) answers `{"id":..,"error":".."}` and the
 * others still run: a batch of checks is more useful with every answer it can give.
 */
export function runCases(
  mode: CalendarMode,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  text: string,
): string {
  const out: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let c: CalendarCase;
    try {
      c = JSON.parse(line);
    } catch {
      out.push(JSON.stringify({ id: null, line: i + 1, error: 'not valid JSON' }));
      continue;
    }
    if (c === null || typeof c !== 'object' || Array.isArray(c)) {
      out.push(JSON.stringify({ id: null, line: i + 1, error: 'not a JSON object' }));
      continue;
    }
    const id = c.id ?? null;
    try {
      out.push(JSON.stringify({ id, ...solveCase(mode, calendars, c) }));
    } catch (error) {
      // Not only CaseError: whatever one case trips on (a calendar that never opens, say)
      // is that case's answer, and the rest of the batch still runs.
      out.push(JSON.stringify({ id, error: (error as Error).message }));
    }
  }
  return out.map((l) => `${l}\n`).join('');
}
