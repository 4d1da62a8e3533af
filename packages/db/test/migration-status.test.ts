import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../src/pglite/data-dir.js';
import { openDatabase } from '../src/storage/client.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import {
  migrationStatus,
  NotMigratedError,
  requireMigrated,
} from '../src/storage/migration-status.js';
import { createScratchDatabase } from '../src/testing.js';
import { initdbDataDir } from '../src/testing-pglite.js';

const base = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'breachless migration status '));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each driver's empty database: how to open it (again) and how to drop it. */
interface Scratch {
  readonly open: () => Promise<DatabaseHandle>;
  readonly drop: () => Promise<void>;
}
const drivers: [string, () => Promise<Scratch>][] = [
  [
    'pglite',
    async () => {
      // A directory as initdb leaves it: what is refused here is a database nobody migrated.
      await initdbDataDir(join(dir, 'pglite'));
      return { open: () => openDatabase({ dataDir: join(dir, 'pglite') }), drop: async () => {} };
    },
  ],
];
if (base)
  drivers.push([
    'postgres',
    async () => {
      const scratch = await createScratchDatabase(base);
      return { open: () => openDatabase({ databaseUrl: scratch.url }), drop: scratch.drop };
    },
  ]);

for (const [driver, create] of drivers)
  describe(`migration status [${driver}]`, () => {
    it('refuses an unmigrated database by name, then one behind, then accepts it migrated', async () => {
      const scratch = await create();
      const handle = await scratch.open();
      const before = await migrationStatus(handle.db);
      expect(before.applied).toBe(0);
      expect(before.shipped).toBeGreaterThanOrEqual(10);
      // Refusing closes the handle.
      const refused = await requireMigrated(handle).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(NotMigratedError);
      expect((refused as Error).message).toBe(
        `the database at ${handle.location} is not migrated: run \`breachless migrate\``,
      );
      const migrated = await scratch.open();
      try {
        await migrated.migrate();
        expect(await requireMigrated(migrated)).toBe(migrated);
        const status = await migrationStatus(migrated.db);
        expect(status.applied).toBe(status.shipped);
        // This version ships a migration the database lacks: one behind.
        await migrated.db.execute(
          sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
        );
        expect((await migrationStatus(migrated.db)).applied).toBe(status.shipped - 1);
        const message = await requireMigrated(migrated).catch((e: Error) => e.message);
        expect(message).toBe(
          `the database at ${migrated.location} is not migrated (${status.shipped - 1} of ${status.shipped} migrations): run \`breachless migrate\``,
        );
      } finally {
        await migrated.close();
        await scratch.drop();
      }
    });
  });

describe('the data directory', () => {
  it('resolves against npm INIT_CWD, the folder the command was run in, before the working directory', () => {
    expect(resolveDataDir(undefined, { INIT_CWD: '/home/me/repo' }, '/home/me/repo/apps/api')).toBe(
      '/home/me/repo/.breachless',
    );
    expect(resolveDataDir('data/db', { INIT_CWD: '/srv/x' }, '/srv/x/apps/worker')).toBe(
      '/srv/x/data/db',
    );
    expect(resolveDataDir(undefined, {}, '/app')).toBe('/app/.breachless');
    // Inherited from an npm that started this process in another folder: not ours.
    expect(resolveDataDir(undefined, { INIT_CWD: '/work/repo/apps/server' }, '/tmp/copy')).toBe(
      '/tmp/copy/.breachless',
    );
    expect(resolveDataDir(undefined, { INIT_CWD: '/srv/x' }, '/srv/xy')).toBe(
      '/srv/xy/.breachless',
    );
    expect(resolveDataDir('/var/lib/breachless', { INIT_CWD: '/srv/x' }, '/tmp')).toBe(
      '/var/lib/breachless',
    );
  });
});
