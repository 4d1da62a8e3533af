import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@breachless/db';
import { serviceUnderTest } from '@breachless/db/testing';
import { afterAll, describe, expect, it } from 'vitest';

// What `npm start -w @breachless/worker` runs, stopped the way Kubernetes and compose stop it.
const service = serviceUnderTest(
  'worker',
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  { WORKER_PORT: '0', LOG_LEVEL: 'info' },
);
afterAll(service.remove);

describe('the worker on SIGTERM', () => {
  it('exits 0 and releases the embedded database, which the next start opens', async () => {
    const dir = join(service.initCwd, '.breachless');
    const handle = await openDatabase({ dataDir: dir });
    await handle.migrate();
    await handle.close();
    for (const run of ['first', 'second']) {
      const started = service.start();
      const { port, code, stderr } = await started.outcome;
      expect(code, `${run} start: ${stderr}`).toBeNull();
      // The lock beside the directory is there until the database is closed.
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(existsSync(`${dir}.lock`)).toBe(true);
      expect(await started.stop(), `${run} stop`).toBe(0);
      expect(existsSync(`${dir}.lock`), `${run} stop left the lock`).toBe(false);
    }
  });
});
