import { BreachlessError, ConfigError, EventsError } from '@breachless/core';
import { calendarCommand } from './commands/calendar.js';
import { explainCommand } from './commands/explain.js';
import { reportCommand } from './commands/report.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export const USAGE = `Usage: breachless <command> [options]

Commands (on files, no database):
  explain              every ticket's SLA cycles at an instant, and why
  report               compliance figures over a period
  calendar due         when a duration of business time ends
  calendar between     business time between two instants

Run "breachless <command> --help" for a command's options.`;

const COMMANDS: Record<string, (argv: readonly string[], io: Io) => number> = {
  explain: explainCommand,
  report: reportCommand,
  calendar: calendarCommand,
};

/**
 * Runs a command line and returns the exit code: 0 done, 2 bad input, 1 anything else.
 * Output is written whole at the end, so a failing command prints nothing half-done.
 */
export function run(argv: readonly string[], io: Io): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`, USAGE);
    return command(rest, io);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.stderr(`breachless: ${error.message}\n${error.usage ? `\n${error.usage}\n` : ''}`);
    return 2;
  }
  if (error instanceof ConfigError || error instanceof EventsError) {
    io.stderr(`breachless: ${error.message}\n`);
    return 2;
  }
  const message =
    error instanceof BreachlessError || error instanceof Error ? error.message : String(error);
  io.stderr(`breachless: unexpected failure: ${message}\n`);
  return 1;
}
