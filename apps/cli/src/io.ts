import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { DatabaseHandle } from '@breachless/db';
import { UsageError } from './errors.js';

/** What a command touches outside itself, so tests can run it in-process. */
export interface Io {
  readonly stdout: (text: string) => void;
  /**
   * Resolves once stdout has taken what was written: a command streaming a long output (the
   * SLA log) waits on it between chunks, so its memory stays one chunk even into a slow pipe.
   */
  readonly stdoutDrained?: () => Promise<void>;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The real now, in UTC milliseconds. */
  readonly now: () => number;
  /** Whether stderr is a terminal, where progress redraws in place. */
  readonly stderrIsTerminal?: boolean;
  /**
   * How a command gets its database, given `open`, the opening it would do itself (unset:
   * `open()`, a database of the command's own that it closes when done). Tests running many
   * commands in one process on one embedded directory open it once and hand the same handle
   * to each, as starting PGlite on a directory costs about a second of CPU every time.
   */
  readonly database?: (open: () => Promise<DatabaseHandle>) => Promise<DatabaseHandle>;
}

/** The process's own streams, files and clock. */
export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stdoutDrained: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    },
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    env: process.env,
    now: () => Date.now(),
    stderrIsTerminal: process.stderr.isTTY,
  };
}

/** Reads a file the user named, turning "not found" and the like into a usage error. */
export function readUserFile(io: Io, path: string, what: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`);
  }
}
