import { ConfigError, EventsError } from '@breachless/core';
import { DataDirInUseError } from '@breachless/db';
import { calendarCommand } from './commands/calendar.js';
import { configCommand } from './commands/config.js';
import { doctorCommand } from './commands/doctor.js';
import { explainCommand } from './commands/explain.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { recomputeCommand } from './commands/recompute.js';
import { reportCommand } from './commands/report.js';
import { SLA_REPORTS, slaCommand } from './commands/sla.js';
import { tokenCommand } from './commands/token.js';
import { webhookSecretCommand } from './commands/webhook-secret.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** `breachless --help`. */
export const USAGE = `Usage: breachless <command> [options]

Commands (on files, no database):
  explain              every ticket's SLA cycles at an instant, and why
  report               compliance figures over a period (table, CSV or JSON), from files
                       or, with --tenant, from the database
  calendar due         when a duration of business time ends
  calendar between     business time between two instants

Commands on the database (DATABASE_URL, or the embedded PGlite in BREACHLESS_DATA_DIR):
  migrate              apply pending migrations, then exit
  import FILE          stream ticket events (NDJSON, ServiceNow CSV, Zendesk audits)
                       from a file into the database
  config set|get       save a tenant's config (then recompute all its tickets), or show it
  recompute            recompute every ticket of a tenant under its current config
  token create|revoke  a new API token for a tenant, printed once; or stop one at once
  webhook-secret       add or retire the secret a helpdesk signs its webhooks with
  doctor               check config, database, clock, Slack and Teams settings; say what to fix
  stats, at-risk, breached, ticket
                       the /sla reports of Slack and Teams, as text (stats 7d by:team)

Run "breachless <command> --help" for a command's options.
Exit codes: 0 done, 2 bad input (flags, files, config, events), 1 unexpected failure.`;

const COMMANDS: Record<string, (argv: readonly string[], io: Io) => number | Promise<number>> = {
  explain: explainCommand,
  report: reportCommand,
  calendar: calendarCommand,
  migrate: migrateCommand,
  import: importCommand,
  config: configCommand,
  recompute: recomputeCommand,
  token: tokenCommand,
  'webhook-secret': webhookSecretCommand,
  doctor: doctorCommand,
  ...Object.fromEntries(
    SLA_REPORTS.map((name) => [
      name,
      (argv: readonly string[], io: Io) => slaCommand(name, argv, io),
    ]),
  ),
};

/**
 * Runs a command line and returns the exit code: 0 done, 2 bad input, 1 anything else.
 * Commands build their whole output and write it once at the end, so a command that fails
 * leaves nothing half-printed on stdout.
 */
export function run(argv: readonly string[], io: Io): number | Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (name === undefined) throw new UsageError('missing command', USAGE);
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`, USAGE);
    const code = command(rest, io);
    return typeof code === 'number' ? code : code.catch((error: unknown) => reportError(error, io));
  } catch (error) {
    return reportError(error, io);
  }
}

/** Prints an error for people (never a stack trace) and picks the exit code. */
function reportError(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.stderr(`breachless: ${error.message}\n${error.usage ? `\n${error.usage}\n` : ''}`);
    return 2;
  }
  // Core errors carry every problem by path (config) or file:line and field (events).
  if (error instanceof ConfigError || error instanceof EventsError) {
    io.stderr(`breachless: ${error.message}\n`);
    return 2;
  }
  // Another process holds the embedded database: a fact to act on, not a failure of ours.
  if (error instanceof DataDirInUseError) {
    io.stderr(`breachless: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`breachless: unexpected failure: ${message}\n`);
  return 1;
}
