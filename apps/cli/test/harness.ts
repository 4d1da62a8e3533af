import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DatabaseHandle } from '@breachless/db';
import { afterAll } from 'vitest';
import type { Io } from '../src/io.js';
import { run } from '../src/run.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CONFORMANCE = `${REPO}conformance/`;
export const EXAMPLES = `${REPO}apps/cli/examples/`;
const BIN = `${REPO}apps/cli/bin/breachless.js`;

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A scratch folder for a test file's fixtures; returns a writer giving each file's path. */
export function scratch(): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'breachless-cli-'));
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}

type Opening = () => Promise<DatabaseHandle>;

/** The embedded directories kept open, by path: what each hands a command instead of `open`. */
const kept = new Map<string, (open: Opening) => Promise<DatabaseHandle>>();

/**
 * Keeps the embedded database at `dataDir` open across the in-process commands run on it
 * (`cli`): the first command opens it as it would alone (from the migrated image for
 * `migrate`), each later one is handed the same handle, and the suite's afterAll closes it.
 * Starting PGlite on a directory costs about a second of CPU, which files of a dozen commands
 * on one directory paid for each. Call it at a suite's top level.
 */
export function keepOpen(dataDir: string): void {
  let opened: Promise<DatabaseHandle> | undefined;
  kept.set(dataDir, async (open) => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    // A command closes what it was given when done: this one stays open for the next.
    return { ...(await opened), close: async () => {} };
  });
  afterAll(async () => {
    kept.delete(dataDir);
    await (await opened?.catch(() => undefined))?.close();
  });
}

/**
 * Runs `work` on the database of `env` as a service would beside the CLI: on the handle the
 * commands share when `keepOpen` holds its directory (a second PGlite on the same directory in
 * this process would corrupt it), otherwise on one opened for it and closed after.
 */
export async function withDatabase<T>(
  env: Record<string, string>,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const { openDatabase } = await import('@breachless/db');
  const open = () =>
    openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.BREACHLESS_DATA_DIR });
  const share = env.DATABASE_URL ? undefined : kept.get(env.BREACHLESS_DATA_DIR ?? '');
  const handle = await (share ? share(open) : open());
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function memoryIo(env: Record<string, string>) {
  const database = env.DATABASE_URL ? undefined : kept.get(env.BREACHLESS_DATA_DIR ?? '');
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    env,
    now: () => Date.parse('2026-11-25T18:00:00Z'),
    ...(database ? { database } : {}),
  };
  return { io, output: () => ({ stdout, stderr }) };
}

/** Runs any command in-process with real files and a fixed "real now" (2026-11-25T18:00:00Z). */
export async function cli(argv: string[], env: Record<string, string> = {}): Promise<Ran> {
  const { io, output } = memoryIo(env);
  const code = await run(argv, io);
  return { code, ...output() };
}

/** `cli`, by the name the database commands' tests use (every command is asynchronous now). */
export const cliAsync = cli;

/** Runs the real `breachless` bin as a user would after `npm ci`, from the repository's root. */
export async function bin(argv: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...argv], {
      cwd: REPO,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
