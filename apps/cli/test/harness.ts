import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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

function memoryIo(env: Record<string, string>) {
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
