import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@breachless/db';
import { createScratchDatabase, initdbDataDir, serviceUnderTest } from '@breachless/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

const base = process.env.TEST_DATABASE_URL;
// The built service, as `npm start -w @breachless/api` runs it (turbo builds before testing).
const service = serviceUnderTest(
  'api',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  {
    PORT: '0',
    LOG_LEVEL: 'info',
  },
);
const { initCwd, workspace } = service;
afterAll(service.remove);
const start = service.start;

describe('where the API keeps the embedded database', () => {
  it("is the folder the command was run in (npm's INIT_CWD), not the workspace's", () => {
    expect(readEnv({ INIT_CWD: initCwd }, workspace).BREACHLESS_DATA_DIR).toBe(
      join(initCwd, '.breachless'),
    );
  });
});

describe('the API on an unmigrated database', () => {
  it('refuses PGlite with one line and exit code 2, then serves it once migrated', async () => {
    const dir = join(initCwd, '.breachless');
    // A directory nobody migrated, as initdb leaves it (a cached copy): the refusal is the
    // subject here, and the child's own initdb would cost some 5 s of CPU before it.
    await initdbDataDir(dir);
    const refused = await start({}).outcome;
    expect(refused).toEqual({
      code: 2,
      stderr: `breachless api: the database at ${dir} is not migrated: run \`breachless migrate\`\n`,
    });
    // `breachless migrate` from the same folder: the same directory.
    const handle = await openDatabase({ dataDir: dir });
    await handle.migrate();
    await handle.close();
    const api = start({});
    const { port } = await api.outcome;
    try {
      expect(port).toBeGreaterThan(0);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await api.stop();
    }
  });

  it.runIf(base)('refuses PostgreSQL with one line and exit code 2', async () => {
    const scratch = await createScratchDatabase(base as string);
    try {
      const where = new URL(scratch.url);
      const refused = await start({ DATABASE_URL: scratch.url }).outcome;
      expect(refused).toEqual({
        code: 2,
        stderr: `breachless api: the database at ${where.host}${where.pathname} is not migrated: run \`breachless migrate\`\n`,
      });
    } finally {
      await scratch.drop();
    }
  });
});
