import { readdirSync } from 'node:fs';
import { MIGRATIONS_FOLDER, rowsOf } from '@breachless/db';
import { sql } from 'drizzle-orm';
import { describeDatabase, openServiceDatabase } from '../database.js';
import type { Io } from '../io.js';
import type { Finding } from './check.js';
import { checkQuarantine } from './quarantine.js';
import { checkStoredConfigs } from './stored-configs.js';
import { checkSync } from './sync.js';

/** Skew between this machine and the database beyond which due times drift visibly. */
const SKEW_WARN_MS = 2_000;
const SKEW_FAIL_MS = 30_000;

/**
 * The database: reachable, every migration applied, every tenant's config still valid, no
 * ticket quarantined, and this machine's clock against the database server's (every due
 * instant and digest hour is computed from a clock).
 */
export async function checkDatabase(io: Io): Promise<Finding[]> {
  const where = describeDatabase(io);
  let handle: Awaited<ReturnType<typeof openServiceDatabase>> | undefined;
  try {
    handle = await openServiceDatabase(io, { unmigrated: 'allow' });
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
    const applied = await handle.db
      .execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
      .then((r) => rowsOf<{ n: number }>(r)[0]?.n ?? 0)
      .catch(() => 0);
    const [server] = rowsOf<{ now: string | Date }>(
      await handle.db.execute(sql`select now() as now`),
    );
    const skew = io.now() - new Date(server?.now ?? 0).getTime();
    const findings: Finding[] = [
      applied === files
        ? {
            check: 'database',
            status: 'ok',
            detail: `${where} reachable, all ${files} migrations applied`,
          }
        : {
            check: 'database',
            status: 'fail',
            detail: `${where} reachable, ${applied} of ${files} migrations applied`,
            fix: 'run `breachless migrate` before starting the services',
          },
    ];
    // Before its migration there is no quarantine table to read.
    if (applied === files)
      findings.push(
        await checkStoredConfigs(handle.db),
        await checkQuarantine(handle.db),
        await checkSync(handle.db, io.now()),
      );
    const off = `${Math.abs(skew / 1000).toFixed(1)} s ${skew > 0 ? 'ahead of' : 'behind'} the database`;
    findings.push(
      Math.abs(skew) >= SKEW_FAIL_MS
        ? {
            check: 'clock',
            status: 'fail',
            detail: `this machine is ${off}`,
            fix: 'synchronise both clocks with NTP: due times and digests follow them',
          }
        : Math.abs(skew) >= SKEW_WARN_MS
          ? {
              check: 'clock',
              status: 'warn',
              detail: `this machine is ${off}`,
              fix: 'synchronise both clocks with NTP',
            }
          : {
              check: 'clock',
              status: 'ok',
              detail: `within ${SKEW_WARN_MS / 1000} s of the database`,
            },
    );
    return findings;
  } catch (error) {
    return [
      {
        check: 'database',
        status: 'fail',
        detail: `${where}: ${(error as Error).message}`,
        fix: 'check DATABASE_URL (or BREACHLESS_DATA_DIR) and that the server is up',
      },
    ];
  } finally {
    await handle?.close();
  }
}
