import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';

const dialect = new PgDialect();

/**
 * `db.execute(query)` as a prepared statement: postgres.js keeps it by its text on each
 * connection, so PostgreSQL parses and plans it once there instead of at every call
 * (drizzle's `execute` sends unnamed statements). For the ingest's and the tick's
 * statements, whose values all travel as parameters, planning was about a third of
 * PostgreSQL's time in a one-event transaction (1.75 of 5 ms at load 15); prepared, a
 * one-event request cost 305-330 us of PostgreSQL CPU where it cost 515-650. PGlite runs it
 * as `execute` does.
 */
export function executePrepared(db: Database, query: SQL) {
  return db._.session
    .prepareQuery(dialect.sqlToQuery(query), undefined, 'prepared', false)
    .execute();
}
