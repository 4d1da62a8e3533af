import { PgTransaction } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { ReservedSql, Sql } from 'postgres';
import type { Database } from '../storage/index.js';

/** What drizzle's postgres.js session holds and a transaction over another connection needs. */
interface SessionParts {
  readonly client: Sql;
  readonly dialect: ConstructorParameters<typeof PostgresJsTransaction>[0];
  readonly schema: ConstructorParameters<typeof PostgresJsTransaction>[2];
  readonly options: ConstructorParameters<typeof PostgresJsSession>[3];
}

/** A reserved connection that can also open savepoints, as drizzle's nested transactions ask. */
type SavepointSql = ReservedSql & {
  savepoint<T>(work: (sql: SavepointSql) => Promise<T>): Promise<T>;
};

/**
 * `db.transaction(work)` with BEGIN sent in the same round trip as the transaction's first
 * statements. postgres.js's `begin` awaits its BEGIN before running `work`: a round trip of
 * four in a one-event ingest (begin, store, write, commit), in every request's latency and
 * one more socket write for the API (at load 4-5, `begin` 1.2-3.4 ms a request before, under
 * 0.25 after; docs/benchmarks.md, API ingest, evening (3)). Here BEGIN is sent on a reserved connection without waiting, and the
 * statements `work` sends follow it in the connection's pipeline; PostgreSQL runs them in
 * order. BEGIN cannot fail on a live connection, and on a dead one every statement behind it
 * fails too. A statement that failed unseen by `work` leaves the transaction aborted, so
 * COMMIT answers ROLLBACK: that is thrown, never taken for a commit. PGlite (one connection,
 * no round trips) runs `db.transaction` as before, and so does a `db` that is a transaction
 * already (a savepoint within it).
 */
export async function pipelinedTransaction<T>(
  db: Database,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  const session: unknown = db._.session;
  // Within a transaction already (its client cannot reserve): a savepoint, as drizzle does.
  if (!(session instanceof PostgresJsSession) || db instanceof PgTransaction)
    return db.transaction(work);
  const { client, dialect, schema, options } = session as unknown as SessionParts;
  const reserved = withSavepoints(await client.reserve());
  try {
    // Executed now, awaited later: a query of postgres.js is sent only once asked for.
    const begun = reserved.unsafe('begin').execute();
    begun.catch(() => {});
    // Drizzle asks a transaction's client for `savepoint` only (nested transactions).
    const txSession = new PostgresJsSession(reserved, dialect, schema, options);
    const tx = new PostgresJsTransaction(
      dialect,
      txSession as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1],
      schema,
    ) as unknown as Database;
    let result: T;
    try {
      result = await work(tx);
      await begun;
    } catch (error) {
      await reserved.unsafe('rollback');
      throw error;
    }
    const done = await reserved.unsafe('commit');
    if (done.command !== 'COMMIT')
      throw new Error(`the transaction ended in ${done.command}: one of its statements failed`);
    return result;
  } finally {
    reserved.release();
  }
}

/** Savepoints named as postgres.js names them, each rolled back if its work fails. */
function withSavepoints(reserved: ReservedSql): SavepointSql {
  let count = 0;
  const sql = reserved as SavepointSql;
  sql.savepoint = async (work) => {
    const name = `s${count++}`;
    await sql.unsafe(`savepoint ${name}`);
    try {
      return await work(sql);
    } catch (error) {
      await sql.unsafe(`rollback to ${name}`);
      throw error;
    }
  };
  return sql;
}
