import { clientDataProblems, isTooDeep } from '../client-data.js';
import { readableError } from '../config/choose.js';
import { EventsError, formatPath, type Problem } from '../errors.js';
import { plainEvent } from './plain-event.js';
import { eventSchema } from './schema.js';
import type { TicketEvent } from './types.js';

type Checked = { event: TicketEvent } | { problems: Problem[] };

/** Validates one event; the problems name the field. */
export function checkEvent(value: unknown): Checked {
  // The common valid event is read without zod; the schema decides every other one.
  const event = plainEvent(value);
  return event === undefined ? checkBySchema(value) : { event };
}

/**
 * Validates one event by the schema alone: what `checkEvent` answers, and what its tests
 * compare the reader without zod to.
 */
export function checkBySchema(value: unknown): Checked {
  // First, and alone when too deep: the schema must never walk what could overflow its stack.
  const data = clientDataProblems(value);
  if (isTooDeep(data)) return { problems: data };
  const result = eventSchema.safeParse(value, { error: readableError });
  if (result.success && data.length === 0) return { event: result.data };
  return {
    problems: [
      ...(result.success
        ? []
        : result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))),
      ...data,
    ],
  };
}

/**
 * Validates a batch of events all-or-nothing.
 * @param where names an item for messages: `[3]` for an API body, `line 4` for a file
 * @throws EventsError with every problem of every invalid event; nothing is returned then
 */
export function parseEvents(
  values: readonly unknown[],
  where: (index: number) => string = (i) => `[${i}]`,
): TicketEvent[] {
  const events: TicketEvent[] = [];
  const problems: Problem[] = [];
  for (const [index, value] of values.entries()) {
    const checked = checkEvent(value);
    if ('event' in checked) events.push(checked.event);
    else
      for (const p of checked.problems)
        problems.push({ path: `${where(index)}: ${p.path}`, message: p.message });
  }
  if (problems.length > 0) throw new EventsError(problems);
  return events;
}

/**
 * Parses NDJSON text (one event per line; blank lines skipped) all-or-nothing.
 * @throws EventsError naming each bad line and field
 */
export function parseEventsNdjson(text: string, source = 'events'): TicketEvent[] {
  const values: unknown[] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line));
      lines.push(i + 1);
    } catch {
      problems.push({ path: `${source}:${i + 1}`, message: 'not valid JSON' });
    }
  }
  let events: TicketEvent[] = [];
  try {
    events = parseEvents(values, (index) => `${source}:${lines[index]}`);
  } catch (error) {
    if (!(error instanceof EventsError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new EventsError(problems.sort(byLine));
  return events;
}

function byLine(a: Problem, b: Problem): number {
  const line = (p: Problem) => Number(/:(\d+)/.exec(p.path)?.[1] ?? 0);
  return line(a) - line(b);
}
