import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@breachless/db';
import { expectCleanSigterm, serviceUnderTest } from '@breachless/db/testing';
import { afterAll, describe, it } from 'vitest';

// What `npm start -w @breachless/worker` runs, stopped the way Kubernetes and compose stop it.
const service = serviceUnderTest(
  'worker',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  { WORKER_PORT: '0', LOG_LEVEL: 'info' },
);
afterAll(service.remove);

describe('the worker on SIGTERM', () => {
  it('exits 0 and releases the embedded database, which the next start opens', async () => {
    // `breachless migrate` first, as a user would: a new directory starts from the build's
    // migrated image, and the check's own migrate then has nothing to do (no initdb).
    const handle = await openDatabase({
      dataDir: join(service.initCwd, '.breachless'),
      migrating: true,
    });
    await handle.close();
    await expectCleanSigterm(service);
  });
});
