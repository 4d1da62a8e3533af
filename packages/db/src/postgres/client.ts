import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '../schema/index.js';
import { type DatabaseHandle, MIGRATIONS_FOLDER } from '../storage/database.js';

/** Any fixed number: the key of the advisory lock that serializes migrations. */
const MIGRATION_LOCK = 4_242_001;

/** A PostgreSQL URL's host and database, for messages: never its user or password. */
export function postgresLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/**
 * PostgreSQL through postgres.js, for `DATABASE_URL`. Replicas share it and coordinate
 * through row locks and unique keys. `statementTimeoutMs` is each connection's
 * `statement_timeout`; the migrations' own connection has none.
 */
export function openPostgres(
  url: string,
  options: { max?: number; statementTimeoutMs?: number } = {},
): DatabaseHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.statementTimeoutMs
      ? { connection: { statement_timeout: options.statementTimeoutMs } }
      : {}),
  });
  return {
    db: drizzle(client, { schema }),
    driver: 'postgres',
    location: postgresLocation(url),
    async migrate() {
      // drizzle's migrator runs pending files in one transaction but takes no lock, so two
      // replicas starting together could both apply them: hold a session lock on one connection.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migrate(drizzle(single), { migrationsFolder: MIGRATIONS_FOLDER });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await single.end();
      }
    },
    close: () => client.end(),
  };
}
