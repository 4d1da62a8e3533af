import {
  type DatabaseHandle,
  DataDirInUseError,
  NotMigratedError,
  openDatabase,
  postgresLocation,
  requireMigrated,
  resolveDataDir,
} from '@breachless/db';
import { ActionableError, UsageError } from './errors.js';
import type { Io } from './io.js';

/** The embedded database's directory: `BREACHLESS_DATA_DIR` or `./.breachless`, from npm's INIT_CWD. */
function dataDirOf(io: Io): string {
  return resolveDataDir(io.env.BREACHLESS_DATA_DIR, io.env);
}

/**
 * The database the service uses: `DATABASE_URL` (PostgreSQL) when set, otherwise the
 * embedded PGlite in `BREACHLESS_DATA_DIR` (default `./.breachless` of the folder the command
 * was run in, the one `npm start` and the services use too).
 * @param options.unmigrated 'allow' for the verbs that diagnose it, 'migrate' for the one that
 *   migrates it at once (a fresh embedded directory then starts from the migrated image)
 * @throws UsageError "the database at ... is not migrated: run `breachless migrate`" when it
 *   lacks a migration of this version, instead of a raw SQL error from the first query
 * @throws ActionableError when another process holds the embedded database
 */
export async function openServiceDatabase(
  io: Io,
  options: { unmigrated?: 'allow' | 'migrate' } = {},
): Promise<DatabaseHandle> {
  const open = () =>
    openDatabase({
      databaseUrl: io.env.DATABASE_URL || undefined,
      dataDir: dataDirOf(io),
      migrating: options.unmigrated === 'migrate',
    });
  const handle = await (io.database ? io.database(open) : open()).catch((error: unknown) => {
    // Named here, where the database code is loaded anyway, so that the dispatcher need not
    // load it to recognise the error.
    throw error instanceof DataDirInUseError ? new ActionableError(error.message) : error;
  });
  if (options.unmigrated) return handle;
  return requireMigrated(handle).catch((error: unknown) => {
    throw error instanceof NotMigratedError ? new UsageError(error.message) : error;
  });
}

/** Where the data lives, for messages: never the password of a URL. */
export function describeDatabase(io: Io): string {
  const url = io.env.DATABASE_URL;
  if (!url) return `embedded PGlite in ${dataDirOf(io)}`;
  return `PostgreSQL at ${postgresLocation(url)}`;
}
