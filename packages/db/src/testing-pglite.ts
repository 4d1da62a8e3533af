// Test support: the embedded database a suite opens, started from a migrated snapshot.
// Starting PGlite runs initdb in WebAssembly (about 4 s of CPU), loading a snapshot of a
// migrated database about half that; with some sixty database suites, that is most of the
// test run. The snapshot is made by the first suite that needs it, by running every
// migration on a fresh PGlite, and kept under node_modules/.cache keyed by the migrations'
// bytes and PGlite's version: a changed migration or PGlite makes a new one, and `npm ci`
// starts from none.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { type DatabaseHandle, MIGRATIONS_FOLDER } from './database.js';
import * as schema from './schema/index.js';

const CACHE_DIR = fileURLToPath(
  new URL('../../../node_modules/.cache/breachless', import.meta.url),
);

/** The snapshot's file: its name changes with any migration file or PGlite's version. */
function snapshotPath(): string {
  const hash = createHash('sha256');
  const pglite = dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  hash.update(JSON.parse(readFileSync(join(pglite, 'package.json'), 'utf8')).version);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${entry.name}\0`).update(readFileSync(path));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return join(CACHE_DIR, `pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** This process's copy, read once: the test files of a package share one process. */
let snapshot: Blob | undefined;

function handleOf(client: PGlite): DatabaseHandle {
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
 * Opens an in-memory PGlite holding every migration, as `openDatabase({})` then `migrate()`
 * would, from the cached snapshot when there is one (made here when there is not).
 * `migrate()` on the handle still checks that nothing is pending.
 */
export async function openMigratedPglite(): Promise<DatabaseHandle> {
  const path = snapshotPath();
  try {
    snapshot ??= new Blob([readFileSync(path)]);
  } catch {
    // None yet: made below.
  }
  if (snapshot) return handleOf(await PGlite.create({ loadDataDir: snapshot }));
  const handle = handleOf(await PGlite.create());
  await handle.migrate();
  const dump = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir('gzip');
  snapshot = dump;
  // Written whole under another name, then renamed: a suite running at the same time in
  // another package reads a complete snapshot or none.
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  // Snapshots of earlier migrations are of no further use.
  for (const name of readdirSync(CACHE_DIR))
    if (/^pglite-[0-9a-f]+\.tar\.gz$/.test(name) && join(CACHE_DIR, name) !== path)
      rmSync(join(CACHE_DIR, name), { force: true });
  return handle;
}
