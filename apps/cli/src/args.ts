import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isTimeZone, parseInstant } from '@breachless/core/time';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's flags strictly: an unknown flag, a stray positional or a flag without
 * its value is a usage error (exit 2) that shows the command's usage. `--help`/`-h` is
 * added to every command so each one answers it.
 */
export function parseFlags<T extends Options>(argv: readonly string[], options: T, usage: string) {
  return parseCommandLine(argv, options, usage, false).flags;
}

/**
 * `parseFlags` for a command that also takes operands (`token revoke --tenant ID TOKEN-ID`):
 * the flags, and the operands in order.
 */
export function parseCommandLine<T extends Options>(
  argv: readonly string[],
  options: T,
  usage: string,
  allowPositionals = true,
) {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
    return { flags: values, positionals };
  } catch (error) {
    // node:util's messages carry a hint on a second line that names its own API; keep line one.
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments', usage);
  }
}

/** A required flag's value. */
export function required(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}`, usage);
  return value;
}

/** An ISO instant with an offset, as the spec requires (a bare local time is ambiguous). */
export function instantFlag(value: string, flag: string): number {
  const at = parseInstant(value);
  if (at === undefined)
    throw new UsageError(`--${flag}: "${value}" is not an ISO-8601 instant with an offset or Z`);
  return at;
}

/**
 * An IANA zone name, checked by core's `isTimeZone` as calendars and reports check theirs,
 * so a zone accepted here is never refused further in.
 */
export function zoneFlag(value: string | undefined, flag = 'tz'): string {
  const zone = value ?? 'UTC';
  if (!isTimeZone(zone))
    throw new UsageError(`--${flag}: "${zone}" is not an IANA time zone (like America/New_York)`);
  return zone;
}

/** "Now" for a command: `--at`, else the real clock truncated to whole seconds. */
export function atFlag(value: string | undefined, now: () => number): number {
  return value === undefined ? Math.floor(now() / 1000) * 1000 : instantFlag(value, 'at');
}
