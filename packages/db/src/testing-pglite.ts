// Test support: the embedded database a suite opens, started from a migrated image.
// Starting PGlite runs initdb in WebAssembly (about 4 s of CPU), loading a migrated image
// about half that; with some sixty database suites, that is most of the test run. The image
// is the build's (packages/db/dist, pglite/image.ts), or, when the sources changed since the
// build, one made by the first suite that needs it and kept under node_modules/.cache: both
// are named for the migrations' bytes and PGlite's version, so a stale one is never used.
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { imageFile, readImage, writeImage } from './pglite/image.js';
import * as schema from './schema/index.js';
import { type DatabaseHandle, MIGRATIONS_FOLDER } from './storage/database.js';

const CACHE_DIR = fileURLToPath(
  new URL('../../../node_modules/.cache/breachless', import.meta.url),
);

/** This process's copy, read once: the test files of a package share one process. */
let image: Blob | undefined;

/** The image for the current migrations: the build's, the cached one, or one made now. */
async function migratedImage(): Promise<Blob> {
  image ??= readImage() ?? readImage(CACHE_DIR);
  if (image) return image;
  const file = await writeImage(CACHE_DIR);
  // Images of earlier migrations are of no further use.
  for (const name of readdirSync(CACHE_DIR))
    if (/^pglite-image-[0-9a-f]+\.tar\.gz$/.test(name) && name !== basename(file))
      rmSync(join(CACHE_DIR, name), { force: true });
  image = readImage(CACHE_DIR);
  if (!image) throw new Error(`no migrated image at ${imageFile(CACHE_DIR)}`);
  return image;
}

/**
 * Opens an in-memory PGlite holding every migration, as `openDatabase({})` then `migrate()`
 * would, from a migrated image. `migrate()` on the handle still checks that nothing is pending.
 */
export async function openMigratedPglite(): Promise<DatabaseHandle> {
  const client = await PGlite.create({ loadDataDir: await migratedImage() });
  const db = drizzle(client, { schema });
  return {
    db,
    driver: 'pglite',
    location: 'memory://',
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}
