import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import * as schema from '../schema/index.js';
import { type DatabaseHandle, MIGRATIONS_FOLDER } from '../storage/database.js';
import { lockDataDir } from './data-dir-lock.js';
import { readImage } from './image.js';

/** How a data directory that does not exist yet is made. */
export interface PgliteOpenOptions {
  /**
   * The caller migrates at once (`breachless migrate`, `npm start`): a missing or empty
   * directory is loaded from the migrated image in this folder (the build's) when one matches
   * the current migrations, instead of initdb. Services leave it unset, so a directory nobody
   * migrated stays refused as unmigrated, as on PostgreSQL.
   */
  readonly imageDir?: string;
}

/** Creates PGlite in `dataDir`, from `image` when given; a failed load leaves the directory empty. */
async function createFrom(dataDir: string | undefined, image: Blob | undefined): Promise<PGlite> {
  if (!dataDir || !image) return PGlite.create(dataDir);
  try {
    // With dataDir set, PGlite writes the loaded files there: the next open is a plain one.
    return await PGlite.create(dataDir, { loadDataDir: image });
  } catch {
    // An unreadable image costs only the time: the directory held nothing before.
    for (const name of readdirSync(dataDir))
      rmSync(join(dataDir, name), { recursive: true, force: true });
    return PGlite.create(dataDir);
  }
}

/**
 * Embedded PGlite in a local data directory (or in memory when `dataDir` is omitted): the
 * default for a first run. PGlite is a single connection, so one process owns the directory.
 */
export async function openPglite(
  dataDir?: string,
  options: PgliteOpenOptions = {},
): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  // Looked at under the lock: another process may be creating the same directory.
  const fresh = dataDir !== undefined && readdirSync(dataDir).length === 0;
  const image = fresh && options.imageDir ? readImage(options.imageDir) : undefined;
  const client = await createFrom(dataDir, image).catch((error: unknown) => {
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
