import { Engine, explainJson } from '@breachless/core';
import { instantFlag, parseFlags } from '../args.js';
import { UsageError } from '../errors.js';
import { explainTicketText } from '../format/explain-text.js';
import { localTimeFormatter } from '../format/local-time.js';
import type { Io } from '../io.js';
import { configPath, loadConfig, loadEvents } from '../load.js';

export const EXPLAIN_USAGE = `Usage: breachless explain --config FILE --events FILE [--at ISO] [--ticket ID]
                          [--json] [--timeline] [--tz ZONE]

Shows every ticket's SLA cycles at an instant: status, due and breach instants, elapsed
business time against the target, fired warnings, and the timeline of what started, paused,
resumed, retargeted and stopped each cycle.

  --config FILE   calendars and policies, YAML or JSON (default: $BREACHLESS_CONFIG, then
                  breachless.config.yaml)
  --events FILE   ticket events, NDJSON
  --at ISO        the evaluation instant, "now" (default: the real now); later events are ignored
  --ticket ID     only this ticket
  --json          the JSON document of formats.md (instants in UTC)
  --timeline      with --json: add each cycle's timeline
  --tz ZONE       zone for the times shown to people (default: UTC)`;

/** `breachless explain`: the SLA state of tickets, and why. */
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
  if (!flags.events) throw new UsageError('missing --events', EXPLAIN_USAGE);
  const local = localTimeFormatter(flags.tz ?? 'UTC');
  const at =
    flags.at === undefined ? Math.floor(io.now() / 1000) * 1000 : instantFlag(flags.at, 'at');
  const engine = new Engine(loadConfig(io, configPath(io, flags.config)));
  const events = loadEvents(io, flags.events).filter(
    (e) => flags.ticket === undefined || e.ticket === flags.ticket,
  );
  const tickets = engine.evaluate(events, at, { trace: !flags.json || Boolean(flags.timeline) });
  if (flags.ticket !== undefined && tickets.length === 0)
    throw new UsageError(`no ticket ${flags.ticket} in ${flags.events}`);
  if (flags.json) {
    io.stdout(`${JSON.stringify(explainJson(tickets, at, Boolean(flags.timeline)), null, 2)}\n`);
    return 0;
  }
  const title = `SLA state at ${local(at)} ${flags.tz ?? 'UTC'} (${new Date(at).toISOString().slice(0, 19)}Z), ${tickets.length} ticket${tickets.length === 1 ? '' : 's'}`;
  io.stdout(`${[title, '', ...tickets.map((t) => `${explainTicketText(t, local)}\n`)].join('\n')}`);
  return 0;
}
