import { type ParseArgsConfig, parseArgs } from 'node:util';
import { parseInstant } from '@breachless/core';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags strictly: an unknown or malformed flag is a usage error. */
export function parseFlags<T extends Options>(argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments', usage);
  }
}

/** A required flag's value. */
export function required(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}`, usage);
  return value;
}

/** An ISO instant with an offset, as the spec requires. */
export function instantFlag(value: string, flag: string): number {
  const at = parseInstant(value);
  if (at === undefined)
    throw new UsageError(`--${flag}: "${value}" is not an ISO-8601 instant with an offset or Z`);
  return at;
}
