import { ConfigError, Engine, parseConfig } from '@breachless/core';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import { configVersion, insertConfig } from '../tenants/index.js';
import { isTransient, type TicketFailure } from './quarantine.js';
import { recomputeIsolated } from './quarantine-recompute.js';
import { recomputeTickets } from './recompute.js';
import { lockTickets } from './ticket-locks.js';

export interface AppliedConfig {
  readonly version: number;
  /** Tickets recomputed under the new version. */
  readonly recomputed: number;
  /** Tickets that fail under the old version as under the new one: quarantined. */
  readonly quarantined: readonly TicketFailure[];
}

/** At most this many tickets a config breaks are named (each tried under the old version too). */
const NAMED = 20;

/**
 * Validates and saves a new version of the tenant's configuration and recomputes at `now`
 * every ticket with a running or paused cycle, and every quarantined one (a config change
 * releases them), all in one transaction: the save and the recompute stand or fall together.
 * Tickets whose cycles are all closed keep the figures of the configuration they were
 * measured under until their next event.
 *
 * Each ticket is recomputed in isolation (recomputeIsolated). A ticket that fails is tried
 * again under the previous version: if it fails there too, its data is at fault and it is
 * quarantined while the config is saved; if it succeeds there, the new config is at fault
 * and nothing is saved. Every recomputed ticket stays locked until the save commits: ingest
 * for those tickets waits for it, and the worker skips them meanwhile.
 * @throws ConfigError (and stores nothing) when the body is invalid or breaks tickets that
 *   the previous version evaluates, naming them with their error
 */
export async function applyConfig(
  db: Database,
  tenant: string,
  body: unknown,
  changedBy: string,
  now: number,
  batchSize = 500,
): Promise<AppliedConfig> {
  const config = parseConfig(body);
  return db.transaction(async (tx) => {
    // An engine of its own, not the shared EngineCache: this version may yet be rolled back.
    const saved = await insertConfig(tx, tenant, body, config, changedBy);
    const engine = new Engine(config);
    let previous: Engine | null | undefined;
    const quarantined: TicketFailure[] = [];
    const broken: TicketFailure[] = [];
    let recomputed = 0;
    // Keyset paging by ticket id: recomputing a batch may close its cycles, so an offset would skip.
    let after = '';
    for (;;) {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select ticket_id as id from cycles
          where tenant_id = ${tenant} and status in ('running', 'paused') and ticket_id > ${after}
          union
          select ticket_id from quarantined_tickets where tenant_id = ${tenant} and ticket_id > ${after}
          order by id limit ${batchSize}`),
      ).map((r) => r.id);
      const last = ids.at(-1);
      if (last === undefined) break;
      await lockTickets(tx, tenant, ids);
      const result = await recomputeIsolated(tx, tenant, ids, engine, now);
      for (const failure of result.quarantined) {
        previous ??= await previousEngine(tx, tenant, saved.version);
        const before = previous && (await evaluates(tx, tenant, failure.ticket, previous, now));
        (before ? broken : quarantined).push(failure);
        if (broken.length >= NAMED) break;
      }
      // The first batch with a ticket the config breaks decides: the later ones need not run.
      if (broken.length > 0)
        throw new ConfigError(
          broken.map((f) => ({
            path: `(ticket ${f.ticket})`,
            message: `evaluates under version ${saved.version - 1} but not under this config: ${f.message}`,
          })),
        );
      recomputed += ids.length - result.quarantined.length;
      after = last;
    }
    return { version: saved.version, recomputed, quarantined };
  });
}

/** The engine of the version before `version`, or null when there is none that still validates. */
async function previousEngine(db: Database, tenant: string, version: number) {
  const row = await configVersion(db, tenant, version - 1);
  if (!row) return null;
  try {
    return new Engine(parseConfig(row.body));
  } catch {
    return null;
  }
}

/** Whether the ticket can be recomputed under `engine`: tried in a savepoint always rolled back. */
async function evaluates(
  db: Database,
  tenant: string,
  ticket: string,
  engine: Engine,
  now: number,
) {
  try {
    await db.transaction(async (tx) => {
      await recomputeTickets(tx, tenant, [ticket], engine, now, { notify: false });
      tx.rollback();
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return true;
    if (isTransient(error)) throw error;
  }
  return false;
}
