import { sql } from 'drizzle-orm';
import type { RecomputeOptions, TicketFailure } from '../ingest/index.js';
import { recomputeWithEngine } from '../ingest/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import type { EngineCache } from '../tenants/index.js';

export interface TickResult {
  /** Tickets this worker claimed and recomputed. */
  readonly claimed: number;
  /** Notifications created in the outbox. */
  readonly created: number;
  /** How far behind the oldest claimed check was, in milliseconds (0 when nothing was due). */
  readonly lagMs: number;
  /** Milliseconds the claim statement took (the database finding and locking due tickets). */
  readonly claimMs: number;
  /** The claimed tickets that failed and were quarantined, with their error (no ticket data). */
  readonly quarantined: readonly (TicketFailure & { readonly tenant: string })[];
}

/**
 * One worker tick: claims tickets with a cycle whose next check instant has come, skipping
 * tickets another worker or an ingest holds (`FOR UPDATE SKIP LOCKED` on the ticket row, the
 * lock ingest takes too) and quarantined ones, recomputes them at `now` and writes the
 * notifications their levels call for, all in one transaction. Any number of workers can run
 * it against one database: the outbox's unique key makes every notification exist once.
 * Each tenant's tickets are recomputed in a savepoint, split down to single tickets if that
 * fails: a ticket that cannot be evaluated or stored is quarantined and the tick goes on.
 * Given the worker's `cache`, a due ticket whose stored events are still the ones its entry
 * covers (no revision is known here: the count and last `seq` of its events decide) is
 * continued from its checkpoint, so a long ticket costs its open cycles rather than its
 * whole history (an entry made with another engine than `engines` gives is evaluated whole).
 */
export async function runTick(
  db: Database,
  engines: EngineCache,
  now: number,
  batchSize = 500,
  options: Pick<RecomputeOptions, 'cache' | 'lateAfterMs'> = {},
): Promise<TickResult> {
  return db.transaction(async (tx) => {
    const at = new Date(now).toISOString();
    const began = performance.now();
    // The partial index on next_check_at finds the due cycles without touching the others.
    // Strictly before now: a level reached exactly at now fires only once time is past it
    // (semantics.md section 6), so claiming it at now would claim it again and again.
    const claimed = rowsOf<{ tenant_id: string; id: string; due: string | Date }>(
      await tx.execute(sql`
        select t.tenant_id, t.id, d.due from tickets t
        join (
          select tenant_id, ticket_id, min(next_check_at) as due from (
            select tenant_id, ticket_id, next_check_at from cycles c
            where next_check_at is not null and next_check_at < ${at}::timestamptz
              and not exists (select 1 from quarantined_tickets q
                where q.tenant_id = c.tenant_id and q.ticket_id = c.ticket_id)
            order by next_check_at limit ${batchSize * 4}
          ) c group by tenant_id, ticket_id
        ) d on d.tenant_id = t.tenant_id and d.ticket_id = t.id
        order by d.due limit ${batchSize}
        for update of t skip locked`),
    );
    // Apart from the recompute: the claim is what grows with open cycles if the index is lost.
    const claimMs = performance.now() - began;
    const byTenant = new Map<string, string[]>();
    for (const row of claimed)
      byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
    let created = 0;
    const quarantined: (TicketFailure & { tenant: string })[] = [];
    for (const [tenant, ids] of byTenant) {
      const result = await recomputeWithEngine(tx, tenant, ids.sort(), engines, now, options);
      created += result.created;
      for (const f of result.quarantined) quarantined.push({ ...f, tenant });
    }
    const oldest = claimed[0]?.due;
    return {
      claimed: claimed.length,
      created,
      quarantined,
      claimMs,
      lagMs: oldest === undefined ? 0 : Math.max(0, now - new Date(oldest).getTime()),
    };
  });
}
