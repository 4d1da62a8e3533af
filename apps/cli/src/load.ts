import {
  type Config,
  parseConfigText,
  parseEventsNdjson,
  type TicketEvent,
} from '@breachless/core';
import { type Io, readUserFile } from './io.js';

/** The config file: `--config`, else `BREACHLESS_CONFIG`, else `breachless.config.yaml`. */
export function configPath(io: Io, flag: string | undefined): string {
  return flag ?? io.env.BREACHLESS_CONFIG ?? 'breachless.config.yaml';
}

/** Reads and validates a config file (YAML or JSON); errors name the file. */
export function loadConfig(io: Io, path: string): Config {
  const text = readUserFile(io, path, 'config file');
  try {
    return parseConfigText(text);
  } catch (error) {
    if (error instanceof Error) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

/** Reads and validates an NDJSON events file; errors name `file:line` and the field. */
export function loadEvents(io: Io, path: string): TicketEvent[] {
  return parseEventsNdjson(readUserFile(io, path, 'events file'), path);
}
