import { openPglite } from '../pglite/client.js';
import { IMAGE_DIR } from '../pglite/image.js';
import { openPostgres } from '../postgres/client.js';
import type { DatabaseHandle } from './database.js';

export interface OpenOptions {
  /** A PostgreSQL URL; absent, the embedded PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data directory; absent, an in-memory database (tests). */
  readonly dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool. */
  readonly maxConnections?: number;
  /**
   * PostgreSQL cancels any statement running longer (`statement_timeout`): the API sets its
   * request timeout, so a query nobody waits for any more does not run on. Not for PGlite.
   */
  readonly statementTimeoutMs?: number;
  /**
   * The caller migrates right after opening (`breachless migrate`, `npm start`): a PGlite
   * data directory that is missing or empty starts from the migrated image the build made
   * (seconds instead of initdb and every migration). Services do not set it: they refuse a
   * directory that was never migrated, and one made here from the image would pass.
   */
  readonly migrating?: boolean;
}

/**
 * Opens the database: postgres.js when a URL is given (`DATABASE_URL`), PGlite otherwise.
 * Migrations are not applied here: `breachless migrate` is its own step.
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, {
      ...(options.maxConnections ? { max: options.maxConnections } : {}),
      ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
    });
  }
  return openPglite(options.dataDir, options.migrating ? { imageDir: IMAGE_DIR } : {});
}
