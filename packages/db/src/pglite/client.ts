import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { type DatabaseHandle, MIGRATIONS_FOLDER } from '../database.js';
import * as schema from '../schema/index.js';
import { lockDataDir } from './data-dir-lock.js';

/**
 * Embedded PGlite in a local data directory (or in memory when `dataDir` is omitted): the
 * default for a first run. PGlite is a single connection, so one process owns the directory.
 */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  const client = await PGlite.create(dataDir).catch((error: unknown) => {
    release();
    throw error;
  });
  const db = drizzle(client, { schema });
  return {
    db,
    driver: 'pglite',
    location: dataDir ? resolve(dataDir) : 'memory://',
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      // Closing twice is a no-op, as postgres.js's end() is: a refusal may have closed it.
      if (!client.closed) await client.close();
      release();
    },
  };
}
