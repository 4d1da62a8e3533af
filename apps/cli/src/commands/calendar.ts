import { compileCalendars } from '@breachless/core/calendar';
import { formatDuration, parseDuration } from '@breachless/core/time';
import { instantFlag, parseFlags, required } from '../args.js';
import { UsageError } from '../errors.js';
import { localTimeFormatter } from '../format/local-time.js';
import { type Io, readUserFile } from '../io.js';
import { configPath, loadConfig } from '../load-config.js';
import { type CalendarMode, runCases, solveCase } from './calendar-cases.js';

/** `breachless calendar --help`. */
const CALENDAR_USAGE = `Usage: breachless calendar due     --config FILE --calendar ID --from ISO --duration 4h [--json]
       breachless calendar between --config FILE --calendar ID --from ISO --to ISO     [--json]
       breachless calendar due|between --config FILE --cases FILE.ndjson

Business-time arithmetic in a calendar of the config (the built-in 24x7 is always there):
  due      the earliest instant at which the duration of business time has elapsed
           (a duration that uses up a day ends at its closing time); d = 24 business hours
  between  the business seconds inside [from, to)

  --config FILE    calendars (and policies), YAML or JSON (default: $BREACHLESS_CONFIG,
                   then ./breachless.config.yaml)
  --calendar ID    the calendar's id
  --from ISO       an instant with an offset or Z
  --duration D     due: business time like 45s, 90m, 4h, 1h30m, 2d
  --to ISO         between: the end, excluded
  --json           print {"due":ISO} or {"seconds":N}
  --cases FILE     NDJSON, one case a line: {"id","calendar","from","duration"} (due) or
                   {"id","calendar","from","to"} (between); prints one JSON line per case,
                   {"id","due"} or {"id","seconds"}, and {"id","error"} for a bad case while
                   the others still run`;

const COMMON = {
  config: { type: 'string' },
  calendar: { type: 'string' },
  from: { type: 'string' },
  cases: { type: 'string' },
  json: { type: 'boolean' },
} as const;

// Each mode takes only its own operand, so `due --to` is refused instead of ignored.
const FLAGS = {
  due: { ...COMMON, duration: { type: 'string' } },
  between: { ...COMMON, to: { type: 'string' } },
} as const;

/** `breachless calendar due|between`: business-time arithmetic, one case or a file of them. */
export function calendarCommand(argv: readonly string[], io: Io): number {
  const [mode, ...rest] = argv;
  if (mode === '--help' || mode === '-h') {
    io.stdout(`${CALENDAR_USAGE}\n`);
    return 0;
  }
  if (mode === undefined) throw new UsageError('missing due or between', CALENDAR_USAGE);
  if (mode !== 'due' && mode !== 'between')
    throw new UsageError(`unknown calendar command "${mode}"`, CALENDAR_USAGE);
  // The two modes' flag sets differ by one string flag; read them through one shape.
  const flags = parseFlags(rest, FLAGS[mode], CALENDAR_USAGE) as Record<
    string,
    string | boolean | undefined
  >;
  if (flags.help) {
    io.stdout(`${CALENDAR_USAGE}\n`);
    return 0;
  }
  const str = (name: string) => flags[name] as string | undefined;
  return str('cases') === undefined
    ? single(mode, str, Boolean(flags.json), io)
    : cases(mode, str, io);
}

function cases(mode: CalendarMode, str: (name: string) => string | undefined, io: Io): number {
  const mixed = ['calendar', 'from', 'to', 'duration'].filter((f) => str(f) !== undefined);
  if (mixed.length)
    throw new UsageError(
      `--cases takes each case's calendar and instants from the file, not --${mixed.join(', --')}`,
      CALENDAR_USAGE,
    );
  const path = str('cases') as string;
  const calendars = compileCalendars(loadConfig(io, configPath(io, str('config'))).calendars);
  io.stdout(runCases(mode, calendars, readUserFile(io, path, 'cases file')));
  return 0;
}

function single(
  mode: CalendarMode,
  str: (name: string) => string | undefined,
  json: boolean,
  io: Io,
): number {
  // Flags first, with usage on a mistake; the config is read only once they make sense.
  const id = required(str('calendar'), 'calendar', CALENDAR_USAGE);
  const from = required(str('from'), 'from', CALENDAR_USAGE);
  instantFlag(from, 'from');
  const to = mode === 'between' ? required(str('to'), 'to', CALENDAR_USAGE) : undefined;
  if (to !== undefined) instantFlag(to, 'to');
  const duration =
    mode === 'due' ? required(str('duration'), 'duration', CALENDAR_USAGE) : undefined;
  if (duration !== undefined && parseDuration(duration) === undefined)
    throw new UsageError(`--duration: "${duration}" is not a duration (like 4h, 1h30m, 2d)`);
  const calendars = compileCalendars(loadConfig(io, configPath(io, str('config'))).calendars);
  const calendar = calendars.get(id);
  if (!calendar)
    throw new UsageError(
      `--calendar: no calendar "${id}" in the config (it has ${[...calendars.keys()].join(', ')})`,
    );
  const answer = solveCase(mode, calendars, { calendar: id, from, to, duration });
  if (json) io.stdout(`${JSON.stringify(answer)}\n`);
  else if ('due' in answer) {
    // The calendar's own zone is where "due at 11:00" makes sense to its team.
    const local = localTimeFormatter(calendar.timezone)(Date.parse(answer.due));
    io.stdout(`${answer.due}  (${local} ${calendar.timezone})\n`);
  } else io.stdout(`${answer.seconds} seconds (${formatDuration(answer.seconds)})\n`);
  return 0;
}
