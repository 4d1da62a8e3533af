import {
  type BusinessCalendar,
  compileCalendars,
  formatInstant,
  parseDuration,
  parseInstant,
} from '@breachless/core';
import { instantFlag, parseFlags, required } from '../args.js';
import { UsageError } from '../errors.js';
import { type Io, readUserFile } from '../io.js';
import { configPath, loadConfig } from '../load.js';

export const CALENDAR_USAGE = `Usage: breachless calendar due     --config FILE --calendar ID --from ISO --duration 4h [--json]
       breachless calendar between --config FILE --calendar ID --from ISO --to ISO     [--json]
       breachless calendar due|between --config FILE --cases FILE.ndjson

Business-time arithmetic in a calendar of the config:
  due      the earliest instant at which the duration of business time has elapsed
  between  the business seconds inside [from, to)
--cases reads one case per line ({"id","calendar","from","duration"} or {"id","calendar",
"from","to"}) and prints one result per line; a bad case prints its error, the others run.`;

type Mode = 'due' | 'between';
type Case = { id?: unknown; calendar?: unknown; from?: unknown; to?: unknown; duration?: unknown };

/** One case's answer: `{due}` or `{seconds}`; throws a plain message for a bad case. */
function solve(
  mode: Mode,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  c: Case,
): { due: string } | { seconds: number } {
  const calendar = calendars.get(String(c.calendar));
  if (!calendar) throw new Error(`unknown calendar "${String(c.calendar)}"`);
  const from = typeof c.from === 'string' ? parseInstant(c.from) : undefined;
  if (from === undefined) throw new Error('from: not an ISO-8601 instant with an offset');
  if (mode === 'due') {
    const seconds = typeof c.duration === 'string' ? parseDuration(c.duration) : undefined;
    if (seconds === undefined) throw new Error('duration: not a duration (like 4h, 1h30m, 2d)');
    return { due: formatInstant(calendar.add(from, seconds)) };
  }
  const to = typeof c.to === 'string' ? parseInstant(c.to) : undefined;
  if (to === undefined) throw new Error('to: not an ISO-8601 instant with an offset');
  return { seconds: calendar.between(from, to) };
}

function runCases(
  mode: Mode,
  calendars: ReadonlyMap<string, BusinessCalendar>,
  text: string,
): string {
  const out: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let c: Case;
    try {
      c = JSON.parse(line) as Case;
    } catch {
      out.push(JSON.stringify({ id: null, line: i + 1, error: 'not valid JSON' }));
      continue;
    }
    try {
      out.push(JSON.stringify({ id: c.id ?? null, ...solve(mode, calendars, c) }));
    } catch (error) {
      out.push(JSON.stringify({ id: c.id ?? null, error: (error as Error).message }));
    }
  }
  return out.map((l) => `${l}\n`).join('');
}

/** `breachless calendar due|between`: business-time arithmetic, one case or many. */
export function calendarCommand(argv: readonly string[], io: Io): number {
  const [mode, ...rest] = argv;
  if (mode === '--help' || mode === '-h' || mode === undefined) {
    io.stdout(`${CALENDAR_USAGE}\n`);
    if (mode === undefined) throw new UsageError('missing due or between', CALENDAR_USAGE);
    return 0;
  }
  if (mode !== 'due' && mode !== 'between')
    throw new UsageError(`unknown calendar command "${mode}"`, CALENDAR_USAGE);
  const flags = parseFlags(
    rest,
    {
      config: { type: 'string' },
      calendar: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      duration: { type: 'string' },
      cases: { type: 'string' },
      json: { type: 'boolean' },
    },
    CALENDAR_USAGE,
  );
  if (flags.help) {
    io.stdout(`${CALENDAR_USAGE}\n`);
    return 0;
  }
  const calendars = compileCalendars(loadConfig(io, configPath(io, flags.config)).calendars);
  if (flags.cases !== undefined) {
    io.stdout(runCases(mode, calendars, readUserFile(io, flags.cases, 'cases file')));
    return 0;
  }
  const id = required(flags.calendar, 'calendar', CALENDAR_USAGE);
  if (!calendars.has(id))
    throw new UsageError(
      `--calendar: no calendar "${id}" in the config (have ${[...calendars.keys()].join(', ')})`,
    );
  instantFlag(required(flags.from, 'from', CALENDAR_USAGE), 'from');
  if (mode === 'due') {
    const duration = required(flags.duration, 'duration', CALENDAR_USAGE);
    if (parseDuration(duration) === undefined)
      throw new UsageError(`--duration: "${duration}" is not a duration (like 4h, 1h30m, 2d)`);
  } else {
    instantFlag(required(flags.to, 'to', CALENDAR_USAGE), 'to');
  }
  const result = solve(mode, calendars, {
    calendar: id,
    from: flags.from,
    to: flags.to,
    duration: flags.duration,
  });
  if (flags.json) io.stdout(`${JSON.stringify(result)}\n`);
  else io.stdout(`${'due' in result ? result.due : `${result.seconds} seconds`}\n`);
  return 0;
}
