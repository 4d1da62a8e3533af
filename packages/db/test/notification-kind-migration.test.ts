import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { initdbDataDir } from '../src/testing-pglite.js';

/** The committed migrations up to (not including) `tag`, as a folder drizzle can apply. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'breachless-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

it('migrates the digests queued under the metric "digest" to kind digest with no metric', async () => {
  const before = migrationsBefore('0011');
  // A database nobody migrated, copied rather than made by initdb.
  const dataDir = mkdtempSync(join(tmpdir(), 'breachless-kind-'));
  await initdbDataDir(dataDir);
  const client = new PGlite(dataDir);
  const db = drizzle(client);
  try {
    await migrate(db, { migrationsFolder: before });
    await db.execute(sql`
      insert into notifications (tenant_id, ticket_id, metric, cycle, level, at, payload) values
        ('t', 'T-1', 'first_response', 1, 'breach', now(), '{"subject":"s"}'::jsonb),
        ('t', 'digest:s1', 'digest', 0, '2026-11-23', now(), '{"view":{}}'::jsonb)`);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = rowsOf<{ ticket_id: string; kind: string; metric: string | null }>(
      await db.execute(sql`select ticket_id, kind, metric from notifications order by kind`),
    );
    expect(rows).toEqual([
      { ticket_id: 'T-1', kind: 'alert', metric: 'first_response' },
      { ticket_id: 'digest:s1', kind: 'digest', metric: null },
    ]);
  } finally {
    await client.close();
    rmSync(before, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
