import { Engine, type TicketEvent } from '@breachless/core';
import type { Database, ErrorSummary } from '../storage/index.js';
import { copyEvents } from './event-copy.js';
import { storeEvents } from './event-store.js';
import type { TicketFailure } from './quarantine.js';
import { quarantineAll, recomputeIsolated } from './quarantine-recompute.js';
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
 * Stores a validated batch of events and recomputes the cycles of the tickets they touch,
 * in one transaction. The tickets are locked first, in id order, so that two requests
 * touching the same ticket serialize on it (no lost update) and never deadlock; the second
 * then reads the first's committed events when it recomputes. New events release a
 * quarantined ticket: it is tried again, and a ticket whose recompute fails is quarantined
 * while the batch's events and the other tickets' cycles are stored (recomputeIsolated).
 * Given what keeps the tenant's engine from being built instead of an engine
 * (engineOrFailure), it stores the events and quarantines all their tickets with it.
 */
export async function ingestEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine | ErrorSummary,
  now: number,
  options: IngestOptions = {},
): Promise<IngestResult> {
  return (await ingestStoring(db, tenant, events, engine, now, options)).result;
}

/** ingestEvents, also giving the events stored: the first of each id the tenant had not seen. */
export async function ingestStoring(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine | ErrorSummary,
  now: number,
  options: IngestOptions = {},
): Promise<{ result: IngestResult; fresh: readonly TicketEvent[] }> {
  if (events.length === 0)
    return { result: { accepted: 0, duplicates: 0, tickets: 0, quarantined: [] }, fresh: [] };
  const { phases } = options;
  const result = await db.transaction(async (tx) => {
    phases?.mark('begin');
    const ticketIds = [...new Set(events.map((e) => e.ticket))].sort();
    const { revisions, created } = await lockTicketsCreating(tx, tenant, ticketIds);
    phases?.mark('lock');
    const stored = await (options.copy ? copyEvents : storeEvents)(tx, tenant, events);
    phases?.mark('write-events');
    // The first event with an id is the one stored.
    const taken = new Set(stored.keys());
    const fresh = events.filter((e) => taken.delete(e.id));
    const touched = [...new Set(fresh.map((e) => e.ticket))].sort();
    const known = { revisions, fresh, created, seqs: stored };
    const { quarantined } =
      engine instanceof Engine
        ? await recomputeIsolated(tx, tenant, touched, engine, now, options, known)
        : await quarantineAll(tx, tenant, touched, engine, now);
    phases?.mark('release');
    const accepted = fresh.length;
    const duplicates = events.length - accepted;
    return { result: { accepted, duplicates, tickets: touched.length, quarantined }, fresh };
  });
  phases?.mark('commit');
  return result;
}

export interface IngestOptions extends RecomputeOptions {
  /** Store the events by COPY (imports; PostgreSQL only, PGlite stores them as usual). */
  readonly copy?: boolean;
}
