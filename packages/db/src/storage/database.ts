import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../schema/index.js';

/** The drizzle database either driver gives: the same queries run on both. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with the driver behind it. */
export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: 'postgres' | 'pglite';
  /** Where the data lives, for messages: PGlite's absolute directory, or PostgreSQL's host and database (never a password). */
  readonly location: string;
  /** Applies pending migrations; safe to run twice, and from two processes at once on PostgreSQL. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Where the committed migrations are. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
