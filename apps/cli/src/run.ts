import { ActionableError, UsageError } from './errors.js';
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
  login-link           a one-time link that signs into the web console
  webhook-secret       add or retire the secret a helpdesk signs its webhooks with
  connect              read a helpdesk's REST API: backfill, then repair lost webhooks
  statement            a month's contract statements with service credits (CSV or JSON)
  sla-log              one row per SLA cycle (organization, due, outcome...) as CSV or JSON
  doctor               check config, database, clock, Slack and Teams settings; say what to fix
  stats, at-risk, breached, ticket
                       the /sla reports of Slack and Teams, as text (stats 7d by:team)

Run "breachless <command> --help" for a command's options.
Exit codes: 0 done, 2 bad input (flags, files, config, events), 1 unexpected failure.`;

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;

/** The `/sla` reports a terminal can ask for: the reading ones, not channel subscriptions. */
const SLA_REPORTS = ['stats', 'at-risk', 'breached', 'ticket'] as const;

// Each verb's module is imported when that verb runs, never up front: `--help` and the
// commands on files must not load the database drivers, PGlite, drizzle or the chat code,
// which took most of a second to start before any work was done.
const COMMANDS: Record<string, () => Promise<Command>> = {
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  calendar: async () => (await import('./commands/calendar.js')).calendarCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  config: async () => (await import('./commands/config.js')).configCommand,
  recompute: async () => (await import('./commands/recompute.js')).recomputeCommand,
  token: async () => (await import('./commands/token.js')).tokenCommand,
  'login-link': async () => (await import('./commands/login-link.js')).loginLinkCommand,
  'webhook-secret': async () => (await import('./commands/webhook-secret.js')).webhookSecretCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  'sla-log': async () => (await import('./commands/sla-log.js')).slaLogCommand,
  statement: async () => (await import('./commands/statement.js')).statementCommand,
  connect: async () => (await import('./commands/connect.js')).connectCommand,
  ...Object.fromEntries(
    SLA_REPORTS.map((name) => [
      name,
      async (): Promise<Command> => {
        const { slaCommand } = await import('./commands/sla.js');
        return (argv, io) => slaCommand(name, argv, io);
      },
    ]),
  ),
};

/**
 * Runs a command line and resolves to the exit code: 0 done, 2 bad input, 1 anything else.
 * Commands build their whole output and write it once at the end, so a command that fails
 * leaves nothing half-printed on stdout.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (name === undefined) throw new UsageError('missing command', USAGE);
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"`, USAGE);
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Prints an error for people (never a stack trace) and picks the exit code. */
async function reportError(error: unknown, io: Io): Promise<number> {
  if (error instanceof UsageError) {
    io.stderr(`breachless: ${error.message}\n${error.usage ? `\n${error.usage}\n` : ''}`);
    return 2;
  }
  // Core errors carry every problem by path (config) or file:line and field (events). Core
  // is loaded already whenever one can have been thrown; the import only names the classes.
  const { ConfigError, EventsError } = await import('@breachless/core');
  if (error instanceof ConfigError || error instanceof EventsError) {
    io.stderr(`breachless: ${error.message}\n`);
    return 2;
  }
  // Another process holds the embedded database, say: a fact to act on, not a failure of ours.
  if (error instanceof ActionableError) {
    io.stderr(`breachless: ${error.message}\n`);
    return 1;
  }
  // A database error's message is drizzle's "Failed query: <sql> params: ...": say what
  // PostgreSQL said (`database "x" does not exist`), never the query and its parameters.
  // The summary is a module of its own, so no database driver is loaded to say it.
  const { errorSummary } = await import('@breachless/db/error-summary');
  io.stderr(`breachless: unexpected failure: ${errorSummary(error).message}\n`);
  return 1;
}
