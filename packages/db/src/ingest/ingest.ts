import { Engine, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { type Database, type ErrorSummary, executePrepared, rowsOf } from '../storage/index.js';
import { CopyRaced, copyEvents } from './event-copy.js';
import { storeEvents } from './event-store.js';
import { pipelinedTransaction } from './pipelined-transaction.js';
import { isTransient, type TicketFailure } from './quarantine.js';
import { quarantineAll, recomputeIsolated, recomputeTogether } from './quarantine-recompute.js';
import type { RecomputeOptions } from './recompute.js';
import { lockTicketsCreating } from './ticket-locks.js';

export interface IngestResult {
  /** Events stored now. */
  readonly accepted: number;
  /** Events whose id the tenant had already seen: ignored. */
  readonly duplicates: number;
  /** Tickets whose cycles were recomputed. */
  readonly tickets: number;
  /**
   * Tickets whose recompute failed: their events are stored, their cycles stay as they
   * were, and they are quarantined with the error until their next event or config change.
   */
  readonly quarantined: readonly TicketFailure[];
}

/**
 * The tenant's engine for the config version read in the ingest's transaction, or what
 * keeps it from being built (engineOrFailure with that version).
 */
export type EngineLookup = (tx: Database, version: number) => Promise<Engine | ErrorSummary>;

/**
 * Stores a validated batch of events and recomputes the cycles of the tickets they touch,
 * in one transaction. The tickets are locked first, in id order, so that two requests
 * touching the same ticket serialize on it (no lost update) and never deadlock; the second
 * then reads the first's committed events when it recomputes. New events release a
 * quarantined ticket: it is tried again, and a ticket whose recompute fails is quarantined
 * while the batch's events and the other tickets' cycles are stored (recomputeIsolated).
 * Given what keeps the tenant's engine from being built instead of an engine
 * (engineOrFailure), it stores the events and quarantines all their tickets with it; given
 * an EngineLookup, it reads the tenant's config version under the tickets' locks, in the
 * same round trip as the locks and the events.
 */
export async function ingestEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine | ErrorSummary | EngineLookup,
  now: number,
  options: IngestOptions = {},
): Promise<IngestResult> {
  return (await ingestStoring(db, tenant, events, engine, now, options)).result;
}

/** Thrown out of the first attempt's transaction when a ticket failed: run it again isolated. */
class TicketsFailed extends Error {}

/**
 * ingestEvents, also giving the events stored: the first of each id the tenant had not seen.
 * The tickets are recomputed together first, with no savepoint (two round trips each time
 * for what almost never fails); if that fails for a reason that is the tickets' own, the
 * whole transaction is rolled back and run again with each ticket isolated. An import's COPY
 * that met an id stored meanwhile (CopyRaced) runs again through the staging table.
 */
export async function ingestStoring(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine | ErrorSummary | EngineLookup,
  now: number,
  options: IngestOptions = {},
): Promise<{ result: IngestResult; fresh: readonly TicketEvent[] }> {
  if (events.length === 0)
    return { result: { accepted: 0, duplicates: 0, tickets: 0, quarantined: [] }, fresh: [] };
  let mode: Mode = { isolate: false, staged: false };
  for (;;) {
    try {
      return await attempt(db, tenant, events, engine, now, options, mode);
    } catch (error) {
      if (error instanceof TicketsFailed && !mode.isolate) mode = { ...mode, isolate: true };
      else if (error instanceof CopyRaced && !mode.staged) mode = { ...mode, staged: true };
      else throw error;
    }
  }
}

/** How an attempt runs: each ticket isolated (after TicketsFailed), COPY staged (after CopyRaced). */
interface Mode {
  readonly isolate: boolean;
  readonly staged: boolean;
}

async function attempt(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine | ErrorSummary | EngineLookup,
  now: number,
  options: IngestOptions,
  { isolate, staged }: Mode,
): Promise<{ result: IngestResult; fresh: readonly TicketEvent[] }> {
  const { phases } = options;
  // An import's COPY streams need postgres.js's own transaction client (event-copy.ts).
  const transaction = options.copy
    ? <T>(work: (tx: Database) => Promise<T>) => db.transaction(work)
    : <T>(work: (tx: Database) => Promise<T>) => pipelinedTransaction(db, work);
  const result = await transaction(async (tx) => {
    phases?.mark('begin');
    const ticketIds = [...new Set(events.map((e) => e.ticket))].sort();
    // One round trip: the statements are sent together and PostgreSQL runs them in order,
    // so the config version is read and the events stored with the tickets' locks held.
    // COPY streams (imports) wait for the locks instead.
    const locking = lockTicketsCreating(tx, tenant, ticketIds);
    const version = typeof engine === 'function' ? configVersion(tx, tenant) : undefined;
    const storing = options.copy
      ? locking.then(() => copyEvents(tx, tenant, events, staged))
      : storeEvents(tx, tenant, events);
    const [{ revisions, created, quarantined }, stored, read] = await Promise.all([
      locking,
      storing,
      version,
    ]);
    const resolved = typeof engine === 'function' ? await engine(tx, read ?? 0) : engine;
    phases?.mark('store');
    options.onStored?.();
    // The first event with an id is the one stored.
    const taken = new Set(stored.keys());
    const fresh = events.filter((e) => taken.delete(e.id));
    const touched = [...new Set(fresh.map((e) => e.ticket))].sort();
    const known = { revisions, fresh, created, seqs: stored, quarantined };
    let failed: readonly TicketFailure[];
    if (!(resolved instanceof Engine))
      failed = (await quarantineAll(tx, tenant, touched, resolved, now)).quarantined;
    else if (isolate)
      failed = (await recomputeIsolated(tx, tenant, touched, resolved, now, options, known))
        .quarantined;
    else {
      await recomputeTogether(tx, tenant, touched, resolved, now, options, known).catch(
        (error: unknown) => {
          throw isTransient(error) ? error : new TicketsFailed('a ticket failed', { cause: error });
        },
      );
      failed = [];
    }
    phases?.mark('release');
    const accepted = fresh.length;
    const duplicates = events.length - accepted;
    return {
      result: { accepted, duplicates, tickets: touched.length, quarantined: failed },
      fresh,
    };
  });
  phases?.mark('commit');
  return result;
}

/**
 * The tenant's current config version, 0 if it has none: what `currentConfigVersion` reads,
 * as a prepared statement (one a transaction): drizzle's query builder built the statement
 * at every call and sent it unnamed, so PostgreSQL planned it every time too.
 */
async function configVersion(db: Database, tenant: string): Promise<number> {
  const [row] = rowsOf<{ version: number | null }>(
    await executePrepared(
      db,
      sql`select max(version) as version from configs where tenant_id = ${tenant}`,
    ),
  );
  return row?.version ?? 0;
}

export interface IngestOptions extends RecomputeOptions {
  /** Store the events by COPY (imports; PostgreSQL only, PGlite stores them as usual). */
  readonly copy?: boolean;
  /**
   * Called once the events are stored, before the tickets are recomputed and committed: an
   * import sends its next batch then, on another connection.
   */
  readonly onStored?: () => void;
}
