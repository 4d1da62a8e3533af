import { type DatabaseHandle, openDatabase } from '@breachless/db';
import type { Io } from './io.js';

/**
 * The database the service uses: `DATABASE_URL` (PostgreSQL) when set, otherwise the
 * embedded PGlite in `BREACHLESS_DATA_DIR` (default `./.breachless`).
 */
export function openServiceDatabase(io: Io): Promise<DatabaseHandle> {
  return openDatabase({
    databaseUrl: io.env.DATABASE_URL || undefined,
    dataDir: io.env.BREACHLESS_DATA_DIR || './.breachless',
  });
}

/** Where the data lives, for messages: never the password of a URL. */
export function describeDatabase(io: Io): string {
  const url = io.env.DATABASE_URL;
  if (!url) return `embedded PGlite in ${io.env.BREACHLESS_DATA_DIR || './.breachless'}`;
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
