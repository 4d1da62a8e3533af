import {
  appendFileSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/pglite/client.js';
import { imageFile } from '../src/pglite/image.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import { MIGRATIONS_FOLDER } from '../src/storage/database.js';
import { requireMigrated } from '../src/storage/migration-status.js';
import { rowsOf } from '../src/storage/rows.js';
import { migratedImage } from '../src/testing-pglite.js';

const root = mkdtempSync(join(tmpdir(), 'breachless image '));
const images = join(root, 'images');

/** What a migration leaves behind: drizzle's journal and every column of every table. */
async function shape(handle: DatabaseHandle) {
  const journal = await handle.db.execute(
    sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`,
  );
  const columns = await handle.db.execute(
    sql`select table_schema, table_name, column_name, data_type, is_nullable, column_default
        from information_schema.columns
        where table_schema not in ('pg_catalog', 'information_schema')
        order by table_schema, table_name, ordinal_position`,
  );
  return { journal: rowsOf(journal), columns: rowsOf(columns) };
}

async function hasJournal(handle: DatabaseHandle): Promise<boolean> {
  const found = await handle.db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`,
  );
  return rowsOf<{ found: boolean }>(found)[0]?.found === true;
}

describe('a fresh embedded directory from the migrated image', () => {
  // Made by initdb, as a service opens a new directory, then migrated: the reference for the
  // image. Each initdb costs some 5 s of CPU, so the service's case reads this one's journal
  // as it was opened instead of running initdb once more.
  let slow: DatabaseHandle;
  let journalAtOpen: boolean | undefined;
  beforeAll(async () => {
    // The image the database suites open, which writeImage made (the build's, or the one
    // cached when the build's is of other migrations): writing one more here would cost
    // initdb and every migration again.
    mkdirSync(images, { recursive: true });
    writeFileSync(imageFile(images), Buffer.from(await (await migratedImage()).arrayBuffer()));
    slow = await openPglite(join(root, 'slow'));
    journalAtOpen = await hasJournal(slow);
    await slow.migrate();
  });
  afterAll(() => slow?.close());

  it('holds the same schema and migration journal as initdb plus every migration', async () => {
    const dataDir = join(root, 'from image');
    const fast = await openPglite(dataDir, { imageDir: images });
    try {
      const expected = await shape(slow);
      expect(expected.journal.length).toBe(
        readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length,
      );
      expect(await shape(fast)).toEqual(expected);
      // Nothing is left for `migrate` to do, and services would take it.
      await fast.migrate();
      expect((await shape(fast)).journal).toEqual(expected.journal);
      await expect(requireMigrated(fast)).resolves.toBe(fast);
      await fast.db.execute(sql`insert into simulated_clocks values ('t1', now(), 42, now())`);
    } finally {
      await fast.close();
    }
    // Written to disk: a second open is a plain one and finds the row.
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
    const again = await openPglite(dataDir, { imageDir: images });
    try {
      const rows = await again.db.execute(
        sql`select tenant_id, shift_ms::int as shift_ms from simulated_clocks`,
      );
      expect(rowsOf(rows)).toEqual([{ tenant_id: 't1', shift_ms: 42 }]);
    } finally {
      await again.close();
    }
  });

  it('is not used when its name is for other migrations or another PGlite', async () => {
    const stale = join(root, 'stale');
    cpSync(images, stale, { recursive: true });
    const current = imageFile(stale);
    copyFileSync(current, join(stale, 'pglite-image-0000000000000000.tar.gz'));
    // Only another key's image is there.
    rmSync(current);
    const handle = await openPglite(join(root, 'stale dir'), { imageDir: stale });
    try {
      expect(await hasJournal(handle)).toBe(false);
    } finally {
      await handle.close();
    }
  });

  it('that cannot be read costs only time: the directory is made the slow way', async () => {
    const broken = join(root, 'broken');
    cpSync(images, broken, { recursive: true });
    writeFileSync(imageFile(broken), 'not a tar.gz');
    const handle = await openPglite(join(root, 'broken dir'), { imageDir: broken });
    try {
      expect(await hasJournal(handle)).toBe(false);
      await handle.db.execute(sql`select 1`);
    } finally {
      await handle.close();
    }
  });

  it('changes name with any migration file', () => {
    const changed = join(root, 'migrations');
    cpSync(MIGRATIONS_FOLDER, changed, { recursive: true });
    appendFileSync(join(changed, '0000_init.sql'), '\n-- edited\n');
    expect(basename(imageFile(images, changed))).not.toBe(basename(imageFile(images)));
  });

  it('is not used by an opener that does not migrate: the directory stays unmigrated', () => {
    // The reference directory was opened as a service opens one, before it was migrated.
    expect(journalAtOpen).toBe(false);
  });
});
