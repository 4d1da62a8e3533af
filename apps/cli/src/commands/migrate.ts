import { parseFlags } from '../args.js';
import { describeDatabase, openServiceDatabase } from '../database.js';
import type { Io } from '../io.js';

export const MIGRATE_USAGE = `Usage: breachless migrate

Applies pending database migrations, then exits. Run it as its own step before starting the
service (safe to run twice, and from two machines at once on PostgreSQL).
  DATABASE_URL          PostgreSQL; when unset, the embedded PGlite in BREACHLESS_DATA_DIR
  BREACHLESS_DATA_DIR   PGlite's data directory (default ./.breachless)`;

/** `breachless migrate`. */
export async function migrateCommand(argv: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {}, MIGRATE_USAGE);
  if (flags.help) {
    io.stdout(`${MIGRATE_USAGE}\n`);
    return 0;
  }
  const handle = await openServiceDatabase(io, { unmigrated: 'migrate' });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  io.stdout(`migrations applied: ${describeDatabase(io)}\n`);
  return 0;
}
