// Test support: one migrated database per driver for all the database suites of a test
// process, emptied between suites. Opening PGlite from the migrated image costs about 1.3 s of
// CPU; a PostgreSQL database of its own costs its migrations (0.4-0.7 s) and a DROP DATABASE
// (about 1 s on a busy server); emptying every table costs a tenth of that. A suite that
// changed the schema (an added constraint it did not remove, a table, a migration row) or
// closed the database gets a new one, as every suite used to.
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import type { Database, DatabaseHandle } from './storage/index.js';
import { openDatabase } from './storage/index.js';
import { openMigratedPglite } from './testing-pglite.js';
import { createScratchDatabase } from './testing-scratch.js';

// Declared here, beside its one reader, so that every package whose tests import this file
// type-checks it (testing-global.ts, which provides the value, is loaded by vitest alone).
declare module 'vitest' {
  export interface ProvidedContext {
    /** Part of the name of every database the run's shared suites create. */
    breachlessTestRun: string;
  }
}

/** What a suite sees: the handle, and the URL other connections reach it by (PostgreSQL). */
export interface SuiteDatabase {
  readonly handle: DatabaseHandle;
  readonly url: string | undefined;
  /** Ends the suite's use: PostgreSQL's pool is closed, the database kept for the next suite. */
  readonly release: () => Promise<void>;
}

interface Shared {
  /** PGlite's one handle; PostgreSQL's database is opened anew for each suite. */
  readonly handle?: DatabaseHandle;
  readonly url?: string;
  readonly drop?: () => Promise<void>;
  /** The schema as migrated, to see whether a suite left it changed. */
  readonly fingerprint: string;
}

const shared = new Map<'pglite' | 'postgres', Shared>();

/**
 * The schema a suite could change: columns, constraints, indexes, triggers, functions,
 * relations and schemas, database settings, and the migrations recorded as applied.
 */
async function fingerprint(db: Database): Promise<string> {
  const rows = await db.execute(sql`
    select md5(string_agg(item, E'\n' order by item)) as fingerprint from (
      select format('column %s.%s.%s %s %s %s', table_schema, table_name, column_name,
        data_type, is_nullable, column_default) as item
        from information_schema.columns where table_schema in ('public', 'drizzle')
      union all select format('relation %s %s', oid::regclass, relkind) from pg_class
        where relnamespace in ('public'::regnamespace, 'drizzle'::regnamespace)
      union all select format('constraint %s %s', conrelid::regclass, pg_get_constraintdef(oid))
        from pg_constraint where connamespace = 'public'::regnamespace
      union all select format('index %s', indexdef) from pg_indexes where schemaname = 'public'
      union all select format('trigger %s %s', tgrelid::regclass, tgname) from pg_trigger
        where not tgisinternal
      union all select format('function %s', oid::regprocedure) from pg_proc
        where pronamespace = 'public'::regnamespace
      union all select format('schema %s', nspname) from pg_namespace
        where nspname not like 'pg\\_%' and nspname <> 'information_schema'
      union all select format('setting %s', setconfig) from pg_db_role_setting
        where setdatabase = (select oid from pg_database where datname = current_database())
      union all select format('migration %s %s', hash, created_at) from drizzle.__drizzle_migrations
    ) catalog`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return String((list[0] as { fingerprint: string }).fingerprint);
}

/**
 * Every table of the schema emptied and every sequence restarted, as migrations left them.
 * Only the tables holding rows are truncated, and only the sequences used since their last
 * restart (`last_value` is null until then) are restarted: a suite fills a few of some thirty
 * tables, and truncating all of them cost 0.4 s of the server's time on PostgreSQL and 0.2 to
 * 0.4 s of CPU on PGlite, for every suite. CASCADE still empties whatever refers to them.
 */
async function empty(db: Database): Promise<void> {
  await db.execute(sql`do $$
    declare
      t text;
      filled boolean;
      tables text[] := '{}';
    begin
      for t in select format('%I.%I', schemaname, tablename) from pg_tables
          where schemaname = 'public' loop
        execute 'select exists (select from ' || t || ')' into filled;
        if filled then tables := tables || t; end if;
      end loop;
      if cardinality(tables) > 0 then
        execute 'truncate ' || array_to_string(tables, ', ') || ' restart identity cascade';
      end if;
      for t in select format('%I.%I', schemaname, sequencename) from pg_sequences
          where schemaname = 'public' and last_value is not null loop
        execute 'alter sequence ' || t || ' restart';
      end loop;
    end $$`);
}

/** A new database of the driver, migrated, with its fingerprint. */
async function create(driver: 'pglite' | 'postgres'): Promise<Shared> {
  if (driver === 'pglite') {
    const handle = await openMigratedPglite();
    await handle.migrate();
    return { handle, fingerprint: await fingerprint(handle.db) };
  }
  const run = inject('breachlessTestRun');
  // Without the run's name nobody would drop the database: the set-up is not optional.
  if (!run) throw new Error('no test run name: add testing-global.ts to vitest globalSetup');
  const { url, drop } = await createScratchDatabase(process.env.TEST_DATABASE_URL as string, run);
  const handle = await openDatabase({ databaseUrl: url });
  try {
    await handle.migrate();
    return { url, drop, fingerprint: await fingerprint(handle.db) };
  } finally {
    await handle.close();
  }
}

/** The suite's handle on the process's database, or undefined when it must be replaced. */
async function reuse(
  driver: 'pglite' | 'postgres',
  at: Shared,
): Promise<SuiteDatabase | undefined> {
  const handle = at.handle ?? (await openDatabase({ databaseUrl: at.url as string }));
  const release = async () => {
    if (!at.handle) await handle.close();
  };
  try {
    if (driver === 'postgres')
      // What an earlier suite left connected (a pool it did not end) would hold its locks.
      await handle.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`);
    // PGlite is one session: what a suite set in it goes with it.
    else await handle.db.execute(sql`discard all`);
    if ((await fingerprint(handle.db)) !== at.fingerprint) throw new Error('schema changed');
    await empty(handle.db);
    return { handle, url: at.url, release };
  } catch {
    // Closed, changed, or left mid-transaction: the next suite gets a new database.
    await release();
    await at.handle?.close();
    await at.drop?.();
    return undefined;
  }
}

/**
 * The process's migrated database of a driver for one suite, emptied: made on first use, and
 * again when the suite before left it changed. PostgreSQL's carries the run's name
 * (testing-global.ts drops it when the run ends).
 */
export async function suiteDatabase(driver: 'pglite' | 'postgres'): Promise<SuiteDatabase> {
  const at = shared.get(driver);
  const reused = at && (await reuse(driver, at));
  if (reused) return reused;
  shared.delete(driver);
  const made = await create(driver);
  shared.set(driver, made);
  const handle = made.handle ?? (await openDatabase({ databaseUrl: made.url as string }));
  const release = async () => {
    if (!made.handle) await handle.close();
  };
  return { handle, url: made.url, release };
}
