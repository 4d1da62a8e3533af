import {
  Engine,
  explainJson,
  formatInstant,
  instantRangeProblem,
  type TicketEvent,
} from '@breachless/core';
import { atFlag, parseFlags, required, zoneFlag } from '../args.js';
import { UsageError } from '../errors.js';
import { explainTicketText } from '../format/explain-text.js';
import { localTimeFormatter } from '../format/local-time.js';
import type { Io } from '../io.js';
import { configPath, loadConfig, loadEvents } from '../load.js';

/** `breachless explain --help`. */
const EXPLAIN_USAGE = `Usage: breachless explain --config FILE --events FILE [--at ISO] [--ticket ID]
                          [--json] [--timeline] [--tz ZONE]

Shows every ticket's SLA cycles at an instant: policy, status, when each cycle started and
stopped or is due, elapsed business time against the target, fired warnings, the breach,
and the timeline of what started, paused, resumed, retargeted and stopped each cycle.

  --config FILE   calendars and policies, YAML or JSON (default: $BREACHLESS_CONFIG, then
                  ./breachless.config.yaml)
  --events FILE   ticket events, NDJSON (one event per line)
  --at ISO        the evaluation instant, "now", with an offset or Z (default: the real
                  now), from 2000 and before 2060; events after it are ignored
  --ticket ID     only this ticket
  --json          the explain document of docs/formats.md, instants in UTC
  --timeline      with --json: add each cycle's timeline (the text view always has it)
  --tz ZONE       IANA zone for the times in the text view (default: UTC)`;

/** `breachless explain`: the SLA state of tickets at an instant, and why. */
export function explainCommand(argv: readonly string[], io: Io): number {
  const flags = parseFlags(
    argv,
    {
      config: { type: 'string' },
      events: { type: 'string' },
      at: { type: 'string' },
      ticket: { type: 'string' },
      json: { type: 'boolean' },
      timeline: { type: 'boolean' },
      tz: { type: 'string' },
    },
    EXPLAIN_USAGE,
  );
  if (flags.help) {
    io.stdout(`${EXPLAIN_USAGE}\n`);
    return 0;
  }
  const eventsPath = required(flags.events, 'events', EXPLAIN_USAGE);
  const zone = zoneFlag(flags.tz);
  const at = atFlag(flags.at, io.now);
  // The range events are accepted in: beyond it, elapsed seconds outgrow what the database
  // stores and the calendars would build centuries of business hours (minutes of work).
  const outside = instantRangeProblem(at);
  if (outside !== undefined) throw new UsageError(`--at: ${outside}`);
  const engine = new Engine(loadConfig(io, configPath(io, flags.config)));
  const events = loadEvents(io, eventsPath).filter(
    (e) => flags.ticket === undefined || e.ticket === flags.ticket,
  );
  const json = Boolean(flags.json);
  const tickets = engine.evaluate(events, at, { trace: !json || Boolean(flags.timeline) });
  if (flags.ticket !== undefined && tickets.length === 0)
    throw new UsageError(`no ticket "${flags.ticket}" in ${eventsPath} up to ${formatInstant(at)}`);
  if (json) {
    io.stdout(`${JSON.stringify(explainJson(tickets, at, Boolean(flags.timeline)), null, 2)}\n`);
    return 0;
  }
  const local = localTimeFormatter(zone);
  const byId = new Map<string, TicketEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const count = `${tickets.length} ticket${tickets.length === 1 ? '' : 's'}`;
  const title = `SLA state at ${local(at)} ${zone} (${formatInstant(at)}), ${count}; times in ${zone}`;
  const body = tickets.map((t) => explainTicketText(t, { local, events: byId }));
  io.stdout(`${[title, ...body].join('\n\n')}\n`);
  return 0;
}
