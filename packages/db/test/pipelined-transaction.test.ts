import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { pipelinedTransaction } from '../src/ingest/pipelined-transaction.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { describeEachDriver } from '../src/testing.js';

const ids = async (db: Database) =>
  rowsOf<{ id: number }>(await db.execute(sql`select id from pipelined_probe order by id`)).map(
    (r) => r.id,
  );

describeEachDriver('pipelined transaction', (handle) => {
  beforeAll(async () => {
    await handle().db.execute(sql`create table pipelined_probe (id int primary key)`);
  });

  it('commits what its work stored, and rolls all of it back when the work fails', async () => {
    const { db } = handle();
    await db.execute(sql`delete from pipelined_probe`);
    const answer = await pipelinedTransaction(db, async (tx) => {
      await tx.execute(sql`insert into pipelined_probe values (1)`);
      return 'done';
    });
    expect(answer).toBe('done');
    await expect(
      pipelinedTransaction(db, async (tx) => {
        await tx.execute(sql`insert into pipelined_probe values (2)`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // The connection went back clean: the next transaction sees 1 and not 2.
    expect(await pipelinedTransaction(db, ids)).toEqual([1]);
  });

  it('runs the statements sent before BEGIN was answered inside the transaction', async () => {
    const { db } = handle();
    await db.execute(sql`delete from pipelined_probe`);
    const inside = await pipelinedTransaction(db, async (tx) => {
      // Sent at once, behind BEGIN: both must see one transaction id, the same one.
      const [a, b] = await Promise.all([
        tx.execute(
          sql`insert into pipelined_probe values (3) returning pg_current_xact_id()::text as x`,
        ),
        tx.execute(sql`select pg_current_xact_id()::text as x`),
      ]);
      return [rowsOf<{ x: string }>(a)[0]?.x, rowsOf<{ x: string }>(b)[0]?.x];
    });
    expect(inside[0]).toBeDefined();
    expect(inside[0]).toBe(inside[1]);
    expect(await ids(db)).toEqual([3]);
  });

  it('rolls a nested transaction back to its savepoint and commits the rest', async () => {
    const { db } = handle();
    await db.execute(sql`delete from pipelined_probe`);
    await pipelinedTransaction(db, async (tx) => {
      await tx.execute(sql`insert into pipelined_probe values (4)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into pipelined_probe values (5)`);
          await inner.execute(sql`insert into pipelined_probe values (4)`);
        })
        .catch(() => undefined);
      await tx.execute(sql`insert into pipelined_probe values (6)`);
    });
    expect(await ids(db)).toEqual([4, 6]);
  });

  it('runs as a savepoint within a transaction it is given, rolled back with it', async () => {
    const { db } = handle();
    await db.execute(sql`delete from pipelined_probe`);
    await db.transaction(async (tx) => {
      await pipelinedTransaction(tx as unknown as Database, async (inner) => {
        await inner.execute(sql`insert into pipelined_probe values (9)`);
      });
      expect(await ids(tx as unknown as Database)).toEqual([9]);
      await tx.execute(sql`insert into pipelined_probe values (10)`);
    });
    await db
      .transaction(async (tx) => {
        await pipelinedTransaction(tx as unknown as Database, async (inner) => {
          await inner.execute(sql`insert into pipelined_probe values (11)`);
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await ids(db)).toEqual([9, 10]);
  });

  it('never takes a transaction a statement failed in, unseen by its work, for a commit', async () => {
    const { db, driver } = handle();
    // PGlite runs drizzle's own transaction, one statement at a time.
    if (driver !== 'postgres') return;
    await db.execute(sql`delete from pipelined_probe`);
    await db.execute(sql`insert into pipelined_probe values (7)`);
    await expect(
      pipelinedTransaction(db, async (tx) => {
        await tx.execute(sql`insert into pipelined_probe values (8)`);
        // Not awaited: its failure aborts the transaction behind the work's back.
        tx.execute(sql`insert into pipelined_probe values (7)`).catch(() => undefined);
      }),
    ).rejects.toThrow('ROLLBACK');
    expect(await ids(db)).toEqual([7]);
  });
});
