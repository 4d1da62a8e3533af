import { Engine } from '@breachless/core';
import type { RecomputeOptions, TicketFailure } from '../ingest/index.js';
import {
  isTransient,
  quarantineAll,
  recomputeTogether,
  recomputeWithEngine,
} from '../ingest/index.js';
import type { Database } from '../storage/index.js';
import { errorSummary } from '../storage/index.js';
import type { EngineCache } from '../tenants/index.js';
import { claimDue } from './claim.js';

export interface TickResult {
  /** Tickets this worker claimed and recomputed. */
  readonly claimed: number;
  /**
   * Whether the claim took every due ticket it found unlocked: another tick now would find
   * nothing (but what was locked by others or came due since), so a worker draining the
   * due checks stops here instead of paying a transaction to claim none.
   */
  readonly drained: boolean;
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
 * Tickets a tick claims per transaction unless told (the worker's WORKER_BATCH_SIZE too):
 * 1,000 due among 1,000,000 open then take one claim and one commit instead of two, which
 * cost PostgreSQL 61-70 ms of CPU a round against 66-87 at 500 and node 25-40 against
 * 27-64 (docs/benchmarks.md, the tick's "evening (3)"). A transaction then holds its
 * tickets' locks about twice as long, and a pair of replicas splits only ticks with more
 * than this due: on one machine two workers at 500 cost PostgreSQL more (91-104 ms a round
 * against 69-78), their claims meeting each other's locks.
 */
const DEFAULT_TICK_BATCH = 1000;

/**
 * One worker tick: claims tickets with a cycle whose next check instant has come, skipping
 * tickets another worker or an ingest holds (`FOR UPDATE SKIP LOCKED` on the ticket row, the
 * lock ingest takes too) and quarantined ones, recomputes them at `now` and writes the
 * notifications their levels call for, all in one transaction. Any number of workers can run
 * it against one database: the outbox's unique key makes every notification exist once.
 * The claim also reads each tenant's config version, so a cached engine costs no round trip;
 * the claimed tickets are recomputed together with no savepoint (recomputeTogether: what
 * almost never fails costs no round trips for failing). If a ticket fails for a reason of its
 * own, the tick is rolled back and run again with each tenant's tickets in a savepoint, split
 * down to single tickets (recomputeWithEngine): a ticket that cannot be evaluated or stored
 * is quarantined and the tick goes on.
 * Given the worker's `cache`, a due ticket whose stored events are still the ones its entry
 * covers (no revision is known here: the count and last `seq` of its events decide) is
 * continued from its checkpoint, so a long ticket costs its open cycles rather than its
 * whole history (an entry made with another engine than `engines` gives is evaluated whole).
 * Given `phases`, the tick's milliseconds are charged to its phases: `claim`, the recompute's
 * own (recompute.ts) and `commit`.
 */
export async function runTick(
  db: Database,
  engines: EngineCache,
  now: number,
  batchSize = DEFAULT_TICK_BATCH,
  options: Pick<RecomputeOptions, 'cache' | 'lateAfterMs' | 'phases'> = {},
): Promise<TickResult> {
  try {
    return await attempt(db, engines, now, batchSize, options, false);
  } catch (error) {
    if (!(error instanceof TicketsFailed)) throw error;
    return attempt(db, engines, now, batchSize, options, true);
  }
}

/** Thrown out of a tick's first attempt when a ticket failed: run it again isolated. */
class TicketsFailed extends Error {}

async function attempt(
  db: Database,
  engines: EngineCache,
  now: number,
  batchSize: number,
  options: Pick<RecomputeOptions, 'cache' | 'lateAfterMs' | 'phases'>,
  isolate: boolean,
): Promise<TickResult> {
  const { phases } = options;
  phases?.mark('idle');
  const result = await db.transaction(async (tx) => {
    const began = performance.now();
    const { claimed, drained } = await claimDue(tx, now, batchSize);
    // Apart from the recompute: the claim is what grows with open cycles if the index is lost.
    const claimMs = performance.now() - began;
    phases?.mark('claim');
    const byTenant = new Map<string, { version: number; ids: string[] }>();
    for (const row of claimed) {
      const tenant = byTenant.get(row.tenant_id) ?? { version: Number(row.version), ids: [] };
      tenant.ids.push(row.id);
      byTenant.set(row.tenant_id, tenant);
    }
    let created = 0;
    const quarantined: (TicketFailure & { tenant: string })[] = [];
    for (const [tenant, { version, ids }] of byTenant) {
      ids.sort();
      if (isolate) {
        const result = await recomputeWithEngine(tx, tenant, ids, engines, now, options);
        created += result.created;
        for (const f of result.quarantined) quarantined.push({ ...f, tenant });
        continue;
      }
      const engine = await engines.engineFor(tx, tenant, version).catch(failureOf);
      if (!(engine instanceof Engine)) {
        const all = await quarantineAll(tx, tenant, ids, engine, now);
        for (const f of all.quarantined) quarantined.push({ ...f, tenant });
        continue;
      }
      // The claim skipped quarantined tickets; one set aside since then is released here.
      const known = { revisions: new Map<string, number>(), fresh: [], quarantined: new Set(ids) };
      created += await recomputeTogether(tx, tenant, ids, engine, now, options, known).catch(
        (error: unknown) => {
          throw isTransient(error) ? error : new TicketsFailed('a ticket failed', { cause: error });
        },
      );
    }
    const oldest = claimed[0]?.due;
    return {
      claimed: claimed.length,
      drained,
      created,
      quarantined,
      claimMs,
      lagMs: oldest === undefined ? 0 : Math.max(0, now - new Date(oldest).getTime()),
    };
  });
  phases?.mark('commit');
  return result;
}

/** What keeps a tenant's engine from being built, unless it is not the config's fault. */
function failureOf(error: unknown) {
  if (isTransient(error)) throw error;
  return errorSummary(error);
}
