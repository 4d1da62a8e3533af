import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../src/storage/rows.js';
import { created, describeEachDriver, ingest, seedTenant } from '../src/testing.js';

// The database suites of a test process share one migrated database per driver, emptied
// between suites (testing-shared.ts): what one suite stored is never seen by the next.

/** Rows in each table of the schema that holds any. */
async function filledTables(db: Parameters<typeof seedTenant>[0]) {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select format('%I.%I', schemaname, tablename) as name
      from pg_tables where schemaname = 'public' order by 1`),
  );
  const filled: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql.raw(`select count(*)::int as n from ${name}`)),
    );
    if (row && row.n > 0) filled[name] = row.n;
  }
  return { count: tables.length, filled };
}

describeEachDriver('a suite that stores a tenant, its config and tickets', (handle) => {
  it('leaves rows in several tables', async () => {
    const { db } = handle();
    await seedTenant(db, 'left-behind');
    const t0 = Date.parse('2026-11-23T14:00:00Z');
    await ingest(db, 'left-behind', [created('L-1', t0), created('L-2', t0)], t0);
    const { filled } = await filledTables(db);
    expect(Object.keys(filled).length).toBeGreaterThanOrEqual(3);
  });
});

describeEachDriver('the suite after it', (handle) => {
  it('starts on every table empty', async () => {
    const { count, filled } = await filledTables(handle().db);
    expect(count).toBeGreaterThan(10);
    expect(filled).toEqual({});
  });
});
