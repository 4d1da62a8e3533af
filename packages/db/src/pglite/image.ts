// The migrated image: a fresh embedded database as every migration leaves it, dumped by
// PGlite (`dumpDataDir`) at build time and loaded into a new data directory in its place.
//
// Why: creating a data directory runs initdb in WebAssembly and then every migration, 19 to
// 26 s on a loaded machine, which was most of `npm start`'s wait for its first alert;
// loading the image takes a few seconds. Why at build time rather than on first use: a
// user's first `npm start` is the run that pays initdb, so a cache made then would help only
// the second. `npm ci` builds every workspace and the Docker image copies dist/, so both
// carry it. The file's name holds a hash of the migrations and PGlite's version: an image of
// other migrations or another PGlite is never found, and the slow path runs as before.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from '../storage/database.js';

/** Where the build writes the image: packages/db/dist, from the sources and the build alike. */
export const IMAGE_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** PGlite's version, from its package.json (its exports do not include that file). */
export function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')).version;
}

/**
 * The image's file in `dir` for these migrations and this PGlite: its name changes with any
 * migration file's name or bytes and with PGlite's version.
 */
export function imageFile(dir: string = IMAGE_DIR, migrations: string = MIGRATIONS_FOLDER) {
  const hash = createHash('sha256').update(pgliteVersion());
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${entry.name}\0`).update(readFileSync(path));
    }
  };
  walk(migrations);
  return join(dir, `pglite-image-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** The image for the current migrations in `dir`, or undefined when there is none. */
export function readImage(dir: string = IMAGE_DIR): Blob | undefined {
  const file = imageFile(dir);
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/**
 * Writes the image for the current migrations into `dir` (initdb and every migration on an
 * in-memory PGlite, then its dump), unless it is there already: a rebuild stays quick.
 * Written under another name then renamed, so an opener reads a whole image or none.
 * @returns the image's file
 */
export async function writeImage(dir: string = IMAGE_DIR): Promise<string> {
  const file = imageFile(dir);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create();
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    const dump = await client.dumpDataDir('gzip');
    const partial = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
  } finally {
    await client.close();
  }
  return file;
}
