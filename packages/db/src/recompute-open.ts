import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from './database.js';
import type { EngineCache } from './engine-cache.js';
import { lockTickets, recomputeTickets } from './ingest.js';
import { cycles } from './schema/index.js';

/** Statuses whose clock a new configuration can move. */
const OPEN = ['running', 'paused'];

/**
 * Recomputes at `now` every ticket of the tenant that has a running or paused cycle, so that
 * a new configuration reaches the open clocks at once (at-risk lists and the worker read the
 * stored cycles). Tickets whose cycles are all closed keep the figures of the configuration
 * they were measured under until their next event.
 *
 * Works in batches of `batchSize` tickets, each its own transaction holding only its tickets'
 * locks, so ingest and the worker keep running on the other tickets. Each batch reads the
 * configuration current when it runs: if another change lands meanwhile, the later batches
 * and that change's own recompute both use the newest one, never an older one.
 * @returns how many tickets were recomputed
 */
export async function recomputeOpenTickets(
  db: Database,
  tenant: string,
  engines: EngineCache,
  now: number,
  batchSize = 500,
): Promise<number> {
  let recomputed = 0;
  // Keyset paging by ticket id: recomputing a batch may close its cycles, so an offset would skip.
  let after = '';
  for (;;) {
    const rows = await db
      .selectDistinct({ id: cycles.ticketId })
      .from(cycles)
      .where(
        and(eq(cycles.tenantId, tenant), inArray(cycles.status, OPEN), gt(cycles.ticketId, after)),
      )
      .orderBy(asc(cycles.ticketId))
      .limit(batchSize);
    const ids = rows.map((r) => r.id);
    const last = ids.at(-1);
    if (last === undefined) return recomputed;
    await db.transaction(async (tx) => {
      await lockTickets(tx, tenant, ids);
      await recomputeTickets(tx, tenant, ids, await engines.engineFor(tx, tenant), now);
    });
    recomputed += ids.length;
    after = last;
  }
}
