import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { executePrepared } from '../src/storage/prepared.js';
import { rowsOf } from '../src/storage/rows.js';
import { describeEachDriver } from '../src/testing.js';

describeEachDriver('prepared ingest statements', (handle) => {
  it('give what execute gives, and PostgreSQL keeps the statement prepared on its connection', async () => {
    const { db, driver } = handle();
    const query = (n: number) =>
      sql`select x, ${`row ${n}`}::text as label from generate_series(1, ${n}::int) as g(x) order by x`;
    const [prepared, plain, kept] = await db.transaction(async (tx) => [
      rowsOf(await executePrepared(tx, query(3))),
      rowsOf(await tx.execute(query(3))),
      // Run again with other values on the same connection: the same statement serves.
      rowsOf(await executePrepared(tx, query(2))),
    ]);
    expect(prepared).toEqual(plain);
    expect(prepared).toEqual([
      { x: 1, label: 'row 3' },
      { x: 2, label: 'row 3' },
      { x: 3, label: 'row 3' },
    ]);
    expect(kept).toEqual([
      { x: 1, label: 'row 2' },
      { x: 2, label: 'row 2' },
    ]);
    if (driver !== 'postgres') return;
    const statements = await db.transaction(async (tx) => {
      await executePrepared(tx, query(1));
      return rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from pg_prepared_statements
          where statement like '%generate_series(1, $2::int)%' and not from_sql`),
      );
    });
    expect(statements[0]?.n).toBe(1);
  });
});
