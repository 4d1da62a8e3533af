import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase } from './storage/index.js';
import type { ServiceUnderTest } from './testing-service.js';

/**
 * Starts a service twice on one migrated embedded database and stops it each time with
 * SIGTERM, the way Kubernetes and compose stop it: ready with the data directory's lock
 * held, exit 0, the lock released, and the next start opening the same directory.
 */
export async function expectCleanSigterm(service: ServiceUnderTest): Promise<void> {
  const dir = join(service.initCwd, '.breachless');
  // Migrated as `breachless migrate` does it: a new directory starts from the build's migrated
  // image (initdb and every migration would cost some 5 s of CPU more for nothing tested here).
  const handle = await openDatabase({ dataDir: dir, migrating: true });
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
}
