import { Engine, type TicketEvent } from '@breachless/core';
import { cycleRow } from './cycle-rows.js';
import type { Database } from './database.js';
import type { ErrorSummary } from './error-summary.js';
import { copyEvents } from './event-copy.js';
import { storeEvents } from './event-store.js';
import type { IngestPhases } from './ingest-phases.js';
import { notificationRows } from './notification-rows.js';
import { insertNotifications } from './outbox-write.js';
import type { TicketFailure } from './quarantine.js';
import { quarantineAll, recomputeIsolated } from './quarantine-recompute.js';
import { evaluateTickets, type KnownState, updateTickets, writeCycles } from './recompute-state.js';
import { routeNotifications } from './routing.js';
import type { cycles } from './schema/index.js';
import type { TicketCache } from './ticket-cache.js';
import { lockTicketsCreating } from './ticket-locks.js';

type CycleRow = typeof cycles.$inferInsert;

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

export { lockTickets } from './ticket-locks.js';

/** A level noticed this long after its instant is marked late: two minutes by default. */
export const DEFAULT_LATE_MS = 120_000;

export interface RecomputeOptions {
  /** What this process recomputed lately (the API passes one): an event costs what it changes. */
  readonly cache?: TicketCache;
  /** Where the time goes, when the caller wants to know (phase names in IngestPhases). */
  readonly phases?: IngestPhases;
  /** Create outbox notifications for fired levels (default); imports of history do not. */
  readonly notify?: boolean;
  readonly lateAfterMs?: number;
}

export interface IngestOptions extends RecomputeOptions {
  /** Store the events by COPY (imports; PostgreSQL only, PGlite stores them as usual). */
  readonly copy?: boolean;
}

/**
 * Re-evaluates tickets at `now`, from their cached checkpoint or all their stored events,
 * writes their cycles and creates the notifications their fired levels call for (each
 * exactly once, by the outbox's unique key). Returns how many notifications were created.
 * The caller holds the tickets' locks.
 */
export async function recomputeTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engine: Engine,
  now: number,
  options: RecomputeOptions = {},
  known?: KnownState,
): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const notify = options.notify ?? true;
  const evaluatedAt = new Date(now);
  const { cache } = options;
  const { evaluations, lastSeq } = await evaluateTickets(
    db,
    tenant,
    ticketIds,
    engine,
    now,
    cache,
    known,
    notify,
    options.phases,
  );
  const outbox = [];
  const rows: CycleRow[] = [];
  const updates = [];
  for (const [ticket, { result, checkpoint }] of evaluations) {
    // No event has taken effect yet (all dated after `now`): the ticket row stays as it is.
    if (checkpoint.lastAt === null) continue;
    updates.push({
      id: ticket,
      fields: result.fields,
      policy: result.policy,
      state: result.state,
      last_event_at: new Date(checkpoint.lastAt).toISOString(),
    });
    // A continued evaluation holds only the cycles it evaluated again: the others' rows and
    // notifications were written when they last changed, and stay as they are.
    for (const c of result.cycles) rows.push(cycleRow(tenant, result, c, evaluatedAt));
    if (notify)
      outbox.push(...notificationRows(tenant, result, now, options.lateAfterMs ?? DEFAULT_LATE_MS));
  }
  const { phases } = options;
  phases?.mark('evaluate');
  const revisions = await updateTickets(db, tenant, ticketIds, updates, evaluatedAt);
  phases?.mark('write-tickets');
  await writeCycles(db, tenant, evaluations, rows);
  phases?.mark('write-cycles');
  if (cache)
    for (const [id, { checkpoint }] of evaluations) {
      const revision = revisions.get(id);
      if (revision !== undefined)
        cache.set(tenant, id, {
          revision,
          lastSeq: lastSeq.get(id) ?? null,
          checkpoint,
          notified: notify,
        });
    }
  const created = await insertNotifications(db, tenant, outbox);
  await routeNotifications(db, tenant, created, now);
  phases?.mark('notify');
  return created.length;
}
