import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, EngineCache, openDatabase, TicketCache } from '@breachless/db';
import { createScratchDatabase, initdbDataDir } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';

const base = process.env.TEST_DATABASE_URL;
const drivers: [string, () => Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }>][] = [
  [
    'pglite',
    async () => {
      // A directory nobody migrated, as initdb leaves it: a cached copy opens in about 1 s of
      // CPU, where initdb in memory costs some 5 s.
      const dir = mkdtempSync(join(tmpdir(), 'breachless-readyz-'));
      await initdbDataDir(dir);
      return {
        handle: await openDatabase({ dataDir: dir }),
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
];
if (base)
  drivers.push([
    'postgres',
    async () => {
      const scratch = await createScratchDatabase(base);
      return { handle: await openDatabase({ databaseUrl: scratch.url }), drop: scratch.drop };
    },
  ]);

const appOn = (handle: DatabaseHandle) =>
  createApp({
    db: handle.db,
    engines: new EngineCache(),
    tickets: new TicketCache(),
    clock: () => Date.UTC(2026, 11, 7),
    logger: pino({ level: 'silent' }),
    registry: new Registry(),
    maxBodyBytes: 200_000,
  });

for (const [driver, open] of drivers)
  describe(`/readyz [${driver}]`, () => {
    it('answers 503 with the reason while unmigrated or behind, 200 once migrated', async () => {
      const { handle, drop } = await open();
      try {
        const app = appOn(handle);
        const unmigrated = await app.request('/readyz');
        expect(unmigrated.status).toBe(503);
        expect(await unmigrated.json()).toEqual({
          ok: false,
          error: 'the database is not migrated: run `breachless migrate`',
        });
        await handle.migrate();
        const ready = await app.request('/readyz');
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ ok: true });
        // This version ships a migration the database lacks.
        await handle.db.execute(
          sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
        );
        const behind = await app.request('/readyz');
        expect(behind.status).toBe(503);
        expect(((await behind.json()) as { error: string }).error).toMatch(
          /^the database is not migrated \(\d+ of \d+ migrations\): run `breachless migrate`$/,
        );
      } finally {
        await handle.close();
        await drop();
      }
    });
  });
