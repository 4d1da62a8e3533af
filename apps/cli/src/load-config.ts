import { type Config, parseConfigText } from '@breachless/core/config';
import { type Io, readUserFile } from './io.js';

// Apart from load.ts's events reader, and through core's `config` subpath rather than its
// root: `breachless calendar` reads a config and nothing else, and each module it skips
// (the engine, the events schema) is start-up time saved for every answer.

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
