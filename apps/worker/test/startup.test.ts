import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, openDatabase } from '@breachless/db';
import { createScratchDatabase, initdbDataDir, serviceUnderTest } from '@breachless/db/testing';
import { workerMetrics } from '@breachless/jobs';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.js';
import { healthServer } from '../src/health.js';

const base = process.env.TEST_DATABASE_URL;
const service = serviceUnderTest(
  'worker',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  { WORKER_PORT: '0', LOG_LEVEL: 'info' },
);
const { initCwd, workspace } = service;
afterAll(service.remove);
const start = service.start;

describe('where the worker keeps the embedded database', () => {
  it("is the folder the command was run in (npm's INIT_CWD), not the workspace's", () => {
    expect(readEnv({ INIT_CWD: initCwd }, workspace).BREACHLESS_DATA_DIR).toBe(
      join(initCwd, '.breachless'),
    );
  });
});

describe('the worker on an unmigrated database', () => {
  it('refuses PGlite with one line and exit code 2, its /readyz says why until migrated, then it serves', async () => {
    const dir = join(initCwd, '.breachless');
    // A directory nobody migrated, as initdb leaves it (a cached copy): the refusal is the
    // subject here, and the child's own initdb would cost some 5 s of CPU before it.
    await initdbDataDir(dir);
    const refused = await start({}).outcome;
    expect(refused).toEqual({
      code: 2,
      stderr: `breachless worker: the database at ${dir} is not migrated: run \`breachless migrate\`\n`,
    });
    // The directory the worker refused, opened in this process: its /readyz is asked before
    // and after `breachless migrate` from the same folder (the same directory), on the
    // database already made, rather than on a second one made in memory.
    const handle = await openDatabase({ dataDir: dir });
    try {
      await expectReadyOnceMigrated(handle);
    } finally {
      await handle.close();
    }
    const worker = start({});
    const { port } = await worker.outcome;
    try {
      expect(port).toBeGreaterThan(0);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await worker.stop();
    }
  });

  it.runIf(base)('refuses PostgreSQL with one line and exit code 2', async () => {
    const scratch = await createScratchDatabase(base as string);
    try {
      const where = new URL(scratch.url);
      const refused = await start({ DATABASE_URL: scratch.url }).outcome;
      expect(refused).toEqual({
        code: 2,
        stderr: `breachless worker: the database at ${where.host}${where.pathname} is not migrated: run \`breachless migrate\`\n`,
      });
    } finally {
      await scratch.drop();
    }
  });
});

/**
 * The worker's /readyz on `handle`, unmigrated: 503 with the reason (alive all the same), then
 * migrates it and expects 200.
 */
async function expectReadyOnceMigrated(handle: DatabaseHandle): Promise<void> {
  const server = healthServer({ db: handle.db, healthy: () => true, metrics: workerMetrics() });
  // No idle timeout: fetch reuses its connection after the migration, which blocks this
  // process for seconds on a busy machine, and a server that had just timed the connection
  // out would reset it (ECONNRESET). close() still ends idle connections.
  server.keepAliveTimeout = 0;
  await new Promise<void>((done) => server.listen(0, done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const unmigrated = await fetch(`${url}/readyz`);
    expect(unmigrated.status).toBe(503);
    expect(await unmigrated.json()).toEqual({
      ok: false,
      error: 'the database is not migrated: run `breachless migrate`',
    });
    // Alive all the same: a restart would not migrate it.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await handle.migrate();
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
  } finally {
    server.close();
  }
}
