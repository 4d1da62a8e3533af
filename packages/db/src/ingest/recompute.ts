import { type Engine, firstContactFact } from '@breachless/core';
import {
  insertNotifications,
  notificationRows,
  routeNotifications,
  routingFacts,
} from '../outbox/index.js';
import type { Database } from '../storage/index.js';
import { type CycleCells, cycleCells } from './cycle-rows.js';
import { writeCycles } from './cycle-write.js';
import type { IngestPhases } from './phases.js';
import { evaluateTickets, type KnownState, updateTickets } from './recompute-state.js';
import type { TicketCache } from './ticket-cache.js';

/** A level noticed this long after its instant is marked late: two minutes by default. */
const DEFAULT_LATE_MS = 120_000;

export interface RecomputeOptions {
  /** What this process recomputed lately (the API passes one): an event costs what it changes. */
  readonly cache?: TicketCache;
  /** Where the time goes, when the caller wants to know (phase names in IngestPhases). */
  readonly phases?: IngestPhases;
  /** Create outbox notifications for fired levels (default); imports of history do not. */
  readonly notify?: boolean;
  readonly lateAfterMs?: number;
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
  const rows: CycleCells[] = [];
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
      first_contact: firstContactFact(result),
    });
    // A continued evaluation holds only the cycles it evaluated again: the others' rows and
    // notifications were written when they last changed, and stay as they are.
    for (const c of result.cycles) rows.push(cycleCells(result, c, now));
    if (notify)
      outbox.push(...notificationRows(tenant, result, now, options.lateAfterMs ?? DEFAULT_LATE_MS));
  }
  const { phases } = options;
  phases?.mark('evaluate');
  // The tickets, their cycles, the outbox's new rows and what routing them reads in one
  // round trip: the statements are sent together (pipelined) and PostgreSQL runs them in
  // this order. Routing reads for every row offered, before the insert says which are new.
  const [revisions, , created, facts] = await Promise.all([
    updateTickets(db, tenant, ticketIds, updates, evaluatedAt),
    writeCycles(db, tenant, evaluations, rows),
    insertNotifications(db, tenant, outbox),
    outbox.length > 0 ? routingFacts(db, tenant, outbox) : undefined,
  ]);
  phases?.mark('write');
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
  await routeNotifications(db, tenant, created, now, facts);
  phases?.mark('notify');
  return created.length;
}
