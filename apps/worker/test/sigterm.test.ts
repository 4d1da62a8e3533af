import { fileURLToPath } from 'node:url';
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
  it('exits 0 and releases the embedded database, which the next start opens', () =>
    expectCleanSigterm(service));
});
