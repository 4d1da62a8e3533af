// Test support: the embedded database a suite opens, started from a migrated image.
// Starting PGlite runs initdb in WebAssembly (about 4 s of CPU), loading a migrated image
// about half that; with some sixty database suites, that is most of the test run. The image
// is the build's (packages/db/dist, pglite/image.ts), or, when the sources changed since the
// build, one made by the first suite that needs it and kept under node_modules/.cache: both
// are named for the migrations' bytes and PGlite's version, so a stale one is never used.
// Suites that need a directory nobody migrated copy one initdb made (initdbDataDir).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { imageFile, pgliteVersion, readImage, writeImage } from './pglite/image.js';
import * as schema from './schema/index.js';
import { type DatabaseHandle, MIGRATIONS_FOLDER } from './storage/database.js';

const CACHE_DIR = fileURLToPath(
  new URL('../../../node_modules/.cache/breachless', import.meta.url),
);

/** This process's copy, read once: the test files of a package share one process. */
let image: Blob | undefined;

/** The image for the current migrations: the build's, the cached one, or one made now. */
export async function migratedImage(): Promise<Blob> {
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

/**
 * Fills `dataDir` (missing or empty) with a PGlite data directory as initdb leaves it, with
 * nothing migrated: a copy of one made by initdb once for this PGlite version and kept under
 * node_modules/.cache. For suites whose subject is an unmigrated directory, or a directory at
 * all, and not initdb: a copy and a plain open cost about 1 s of CPU, initdb about 5 s.
 */
export async function initdbDataDir(dataDir: string): Promise<void> {
  const template = join(CACHE_DIR, `pglite-initdb-${pgliteVersion()}`);
  if (!existsSync(template)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Made under another name then renamed, so a copier reads a whole directory or none.
    const partial = `${template}.${process.pid}.tmp`;
    rmSync(partial, { recursive: true, force: true });
    const client = await PGlite.create(partial);
    await client.close();
    try {
      renameSync(partial, template);
    } catch {
      // Another test process made it first: theirs is as good.
      rmSync(partial, { recursive: true, force: true });
    }
    // Those of other PGlite versions are of no further use.
    for (const name of readdirSync(CACHE_DIR))
      if (
        /^pglite-initdb-[\w.-]+$/.test(name) &&
        name !== basename(template) &&
        !name.endsWith('.tmp')
      )
        rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  }
  cpSync(template, dataDir, { recursive: true });
}
