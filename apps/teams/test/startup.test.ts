import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, initdbDataDir, serviceUnderTest } from '@breachless/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.js';

const credentials = { TEAMS_ALLOW_UNAUTHENTICATED: '1' };
const base = process.env.TEST_DATABASE_URL;
const service = serviceUnderTest(
  'teams',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  { ...credentials, PORT: '0', LOG_LEVEL: 'silent' },
);
const { initCwd, workspace } = service;
afterAll(service.remove);
const start = (vars: Record<string, string>) => service.start(vars).outcome;

describe('the Teams bot on an unmigrated database', () => {
  it('refuses the embedded one in the folder the command was run in, with one line and exit code 2', async () => {
    const dir = join(initCwd, '.breachless');
    // A directory nobody migrated, as initdb leaves it (a cached copy): the refusal is the
    // subject here, and the child's own initdb would cost some 5 s of CPU before it.
    await initdbDataDir(dir);
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
