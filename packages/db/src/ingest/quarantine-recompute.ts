import { Engine } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { type ErrorSummary, errorSummary, rowsOf } from '../storage/index.js';
import type { EngineCache } from '../tenants/index.js';
import {
  isolateTickets,
  isTransient,
  quarantineTickets,
  releaseTickets,
  type TicketFailure,
} from './quarantine.js';
import { type RecomputeOptions, recomputeTickets } from './recompute.js';
import type { KnownState } from './recompute-state.js';
import { lockTickets } from './ticket-locks.js';

export interface IsolatedRecompute {
  /** Notifications created in the outbox. */
  readonly created: number;
  /** The tickets that failed, now in quarantine. */
  readonly quarantined: readonly TicketFailure[];
}

/**
 * recomputeTickets with failure isolation: the tickets together, or in halves down to
 * single tickets if that fails (isolateTickets). Tickets that succeed leave quarantine if
 * they were in it; those that fail are quarantined with their error, and the rest of the
 * work stands. The caller holds the tickets' locks.
 * @throws only errors that are not the tickets' fault (isTransient)
 */
export async function recomputeIsolated(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engine: Engine,
  now: number,
  options: RecomputeOptions = {},
  known?: KnownState,
): Promise<IsolatedRecompute> {
  const { done, failed } = await isolateTickets(db, ticketIds, (tx, ids) =>
    recomputeTickets(tx, tenant, ids, engine, now, options, known),
  );
  const bad = new Set(failed.map((f) => f.ticket));
  await releaseTickets(
    db,
    tenant,
    ticketIds.filter((id) => !bad.has(id) && (known?.quarantined?.has(id) ?? true)),
  );
  await quarantineTickets(db, tenant, failed, now);
  return { created: done, quarantined: failed };
}

/**
 * recomputeTickets with no savepoint, for when failures are rare (ingest): the tickets all
 * together, and those of them the caller's lock found in quarantine (`known.quarantined`)
 * released in the same round trip as the first of its statements. The caller holds the
 * tickets' locks; when this fails for a reason that is the tickets' own (not isTransient),
 * the transaction is aborted, and the caller runs it again with recomputeIsolated.
 * @returns notifications created in the outbox
 */
export async function recomputeTogether(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engine: Engine,
  now: number,
  options: RecomputeOptions,
  known: KnownState,
): Promise<number> {
  const held = ticketIds.filter((id) => known.quarantined?.has(id));
  const [, created] = await Promise.all([
    releaseTickets(db, tenant, held),
    recomputeTickets(db, tenant, ticketIds, engine, now, options, known),
  ]);
  return created;
}

/**
 * Builds the tenant's engine and recomputes the tickets with it, or quarantines them all
 * when the engine cannot be built (a stored config that no longer validates): the tenant's
 * next config change releases them. The caller holds the tickets' locks.
 */
export async function recomputeWithEngine(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engines: EngineCache,
  now: number,
  options: RecomputeOptions = {},
): Promise<IsolatedRecompute> {
  // In a savepoint: the tick's transaction goes on whatever reading the config did.
  const engine = await db.transaction((tx) => engines.engineFor(tx, tenant)).catch(failureOf);
  if (engine instanceof Engine)
    return recomputeIsolated(db, tenant, ticketIds, engine, now, options);
  return quarantineAll(db, tenant, ticketIds, engine, now);
}

/**
 * The tenant's engine, or what keeps it from being built (a stored config this version
 * refuses), for ingestEvents to store the events and quarantine their tickets with.
 * @param version the tenant's config version when the caller has read it (EngineCache.engineFor)
 * @throws what is not the config's fault (the database away...)
 */
export async function engineOrFailure(
  db: Database,
  engines: EngineCache,
  tenant: string,
  version?: number,
): Promise<Engine | ErrorSummary> {
  return engines.engineFor(db, tenant, version).catch(failureOf);
}

function failureOf(error: unknown): ErrorSummary {
  if (isTransient(error)) throw error;
  return errorSummary(error);
}

/** Quarantines every ticket with the same failure (their tenant's engine could not be built). */
export async function quarantineAll(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  failure: ErrorSummary,
  now: number,
): Promise<IsolatedRecompute> {
  const all = ticketIds.map((ticket) => ({ ticket, ...failure }));
  await quarantineTickets(db, tenant, all, now);
  return { created: 0, quarantined: all };
}

/**
 * An operator's retry: recomputes the tenant's quarantined tickets (or the ones named) at
 * `now`, each in isolation; those that succeed leave quarantine, the others stay with their
 * new error and one more attempt.
 */
export async function retryQuarantined(
  db: Database,
  tenant: string,
  engines: EngineCache,
  now: number,
  ticketIds?: readonly string[],
): Promise<IsolatedRecompute> {
  return db.transaction(async (tx) => {
    const held = rowsOf<{ ticket_id: string }>(
      await tx.execute(sql`
        select ticket_id from quarantined_tickets where tenant_id = ${tenant} order by ticket_id`),
    ).map((r) => r.ticket_id);
    const ids = ticketIds === undefined ? held : held.filter((id) => ticketIds.includes(id));
    await lockTickets(tx, tenant, ids);
    return recomputeWithEngine(tx, tenant, ids, engines, now);
  });
}
