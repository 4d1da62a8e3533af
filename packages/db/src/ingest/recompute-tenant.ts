import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import type { EngineCache } from '../tenants/index.js';
import type { TicketFailure } from './quarantine.js';
import { recomputeWithEngine } from './quarantine-recompute.js';
import { lockTickets } from './ticket-locks.js';

/** Running totals of a tenant's recompute, reported after every batch. */
export interface TenantRecomputeProgress {
  /** Tickets of the tenant when the recompute began. */
  readonly total: number;
  /** Tickets recomputed or quarantined so far. */
  readonly done: number;
  readonly quarantined: number;
}

export interface TenantRecompute {
  /** Tickets recomputed under the tenant's current config. */
  readonly tickets: number;
  /** The tenant's cycles once every batch has committed. */
  readonly cycles: number;
  /** Tickets whose recompute failed: quarantined with their error, their cycles as they were. */
  readonly quarantined: readonly TicketFailure[];
}

export interface TenantRecomputeOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: TenantRecomputeProgress) => void;
}

/**
 * Recomputes EVERY ticket of the tenant at `now` under its current config, closed ones
 * included, so history and reports follow the config in force (a config change otherwise
 * reaches only open tickets: applyConfig). Batches in ticket id order, each its own
 * transaction with its tickets locked, so ingest and the worker wait only for one batch and
 * memory stays flat. The engine is read in each batch: a config saved meanwhile applies
 * from the next batch on. Failures are isolated as in the worker's tick (recomputeWithEngine):
 * a failing ticket is quarantined and the rest stands. History sends nothing: no notifications.
 * Until a batch commits, readers see its tickets' cycles as they were.
 */
export async function recomputeTenant(
  db: Database,
  tenant: string,
  engines: EngineCache,
  now: number,
  options: TenantRecomputeOptions = {},
): Promise<TenantRecompute> {
  const batchSize = options.batchSize ?? 500;
  const total = await count(db, sql`select count(*) as n from tickets where tenant_id = ${tenant}`);
  const quarantined: TicketFailure[] = [];
  let done = 0;
  // Keyset paging by ticket id: tickets created meanwhile after `after` are taken too.
  let after = '';
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select id from tickets where tenant_id = ${tenant} and id > ${after}
          order by id limit ${batchSize}`),
      ).map((r) => r.id);
      if (ids.length === 0) return ids;
      await lockTickets(tx, tenant, ids);
      const result = await recomputeWithEngine(tx, tenant, ids, engines, now, { notify: false });
      quarantined.push(...result.quarantined);
      return ids;
    });
    const last = batch.at(-1);
    if (last === undefined) break;
    done += batch.length;
    after = last;
    options.onProgress?.({ total, done, quarantined: quarantined.length });
  }
  const cycles = await count(db, sql`select count(*) as n from cycles where tenant_id = ${tenant}`);
  return { tickets: done - quarantined.length, cycles, quarantined };
}

async function count(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  // count(*) is int8: a string from postgres.js, a number from PGlite.
  return Number(rowsOf<{ n: string | number }>(await db.execute(query))[0]?.n ?? 0);
}
