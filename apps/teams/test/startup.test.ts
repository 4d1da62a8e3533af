import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@breachless/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// From the workspace's folder under a temporary one, `--import tsx` would not resolve.
const TSX = import.meta.resolve('tsx');
const base = process.env.TEST_DATABASE_URL;
// The folder the user ran `npm start -w @breachless/teams` in, and the workspace's folder under it
// where npm runs the script.
const initCwd = mkdtempSync(join(tmpdir(), 'breachless teams start '));
const workspace = join(initCwd, 'apps', 'teams');
mkdirSync(workspace, { recursive: true });
afterAll(() => rmSync(initCwd, { recursive: true, force: true }));
const credentials = { TEAMS_ALLOW_UNAUTHENTICATED: '1' };

/** Starts the Teams bot as npm would from `initCwd`; its exit code and stderr. */
function start(vars: Record<string, string>) {
  const { DATABASE_URL: _, BREACHLESS_DATA_DIR: __, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: workspace,
    env: {
      ...inherited,
      ...credentials,
      INIT_CWD: initCwd,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...vars,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('exit', (code) => done({ code, stderr })),
  );
}

describe('the Teams bot on an unmigrated database', () => {
  it('refuses the embedded one in the folder the command was run in, with one line and exit code 2', async () => {
    const dir = join(initCwd, '.breachless');
    expect(readEnv({ ...credentials, INIT_CWD: initCwd }, workspace).BREACHLESS_DATA_DIR).toBe(dir);
    expect(await start({})).toEqual({
      code: 2,
      stderr: `breachless teams: the database at ${dir} is not migrated: run \`breachless migrate\`\n`,
    });
  });

  it.runIf(base)('refuses PostgreSQL with one line and exit code 2', async () => {
    const scratch = await createScratchDatabase(base as string);
    try {
      const where = new URL(scratch.url);
      expect(await start({ DATABASE_URL: scratch.url })).toEqual({
        code: 2,
        stderr: `breachless teams: the database at ${where.host}${where.pathname} is not migrated: run \`breachless migrate\`\n`,
      });
    } finally {
      await scratch.drop();
    }
  });
});
