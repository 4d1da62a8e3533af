import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, type DatabaseHandle, MIGRATIONS_FOLDER } from './database.js';
import { rowsOf } from './rows.js';

/** How far a database's schema is from the migrations this version ships. */
export interface MigrationStatus {
  /** Migrations this version ships. */
  readonly shipped: number;
  /** Of those, how many the database has applied. */
  readonly applied: number;
}

let journal: number[] | undefined;

/** Each shipped migration's instant, the key drizzle's migrator records it by. */
function shippedMigrations(): number[] {
  journal ??= (
    JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number }[];
    }
  ).entries.map((e) => e.when);
  return journal;
}

/**
 * Reads which shipped migrations the database has applied, the way drizzle's migrator decides
 * what to apply (by the newest recorded instant), without creating anything: a database never
 * migrated has no `drizzle.__drizzle_migrations` table.
 */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const shipped = shippedMigrations();
  const [table] = rowsOf<{ name: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  );
  if (!table?.name) return { shipped: shipped.length, applied: 0 };
  const [last] = rowsOf<{ at: string | number | null }>(
    await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`),
  );
  const newest = last?.at == null ? Number.NEGATIVE_INFINITY : Number(last.at);
  return { shipped: shipped.length, applied: shipped.filter((when) => when <= newest).length };
}

/**
 * Why the schema is not ready for this version, in one line for people; undefined when it is.
 * @param location where the database is (never a password), for the message; omitted where
 *   the reader already knows (a probe of the service)
 */
export function notMigratedReason(status: MigrationStatus, location?: string): string | undefined {
  if (status.applied >= status.shipped) return undefined;
  const how = status.applied === 0 ? '' : ` (${status.applied} of ${status.shipped} migrations)`;
  const at = location ? ` at ${location}` : '';
  return `the database${at} is not migrated${how}: run \`breachless migrate\``;
}

/** A service met a database whose schema is behind its version. */
export class NotMigratedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotMigratedError';
  }
}

/**
 * Refuses a database that lacks migrations of this version, so a service says so at start
 * instead of answering every request with `relation ... does not exist`. Services never
 * migrate themselves: on PostgreSQL that is the operator's step (`breachless migrate`, under
 * its advisory lock), and the embedded database is held the same way for one rule everywhere.
 * Closes the handle before throwing.
 * @throws NotMigratedError naming the database and `breachless migrate`
 */
export async function requireMigrated(handle: DatabaseHandle): Promise<DatabaseHandle> {
  const reason = notMigratedReason(await migrationStatus(handle.db), handle.location);
  if (reason === undefined) return handle;
  await handle.close();
  throw new NotMigratedError(reason);
}
