import { fileURLToPath } from 'node:url';
import { expectCleanSigterm, serviceUnderTest } from '@breachless/db/testing';
import { afterAll, describe, it } from 'vitest';

// What `npm start -w @breachless/api` runs, stopped the way Kubernetes and compose stop it.
const service = serviceUnderTest(
  'api',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  { PORT: '0', LOG_LEVEL: 'info' },
);
afterAll(service.remove);

describe('the API on SIGTERM', () => {
  it('exits 0 and releases the embedded database, which the next start opens', () =>
    expectCleanSigterm(service));
});
