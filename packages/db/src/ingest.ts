import { byTicket, type Engine, type TicketEvent } from '@breachless/core';
import { and, eq, inArray } from 'drizzle-orm';
import { cycleRow } from './cycle-rows.js';
import type { Database } from './database.js';
import { loadEvents, storeEvents } from './event-store.js';
import { cycles, tickets } from './schema/index.js';

export interface IngestResult {
  /** Events stored now. */
  readonly accepted: number;
  /** Events whose id the tenant had already seen: ignored. */
  readonly duplicates: number;
  /** Tickets whose cycles were recomputed. */
  readonly tickets: number;
}

/**
 * Stores a validated batch of events and recomputes the cycles of the tickets they touch,
 * in one transaction. The tickets are locked first, in id order, so that two requests
 * touching the same ticket serialize on it (no lost update) and never deadlock; the second
 * then reads the first's committed events when it recomputes.
 */
export async function ingestEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine,
  now: number,
): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, tickets: 0 };
  return db.transaction(async (tx) => {
    const ticketIds = [...new Set(events.map((e) => e.ticket))].sort();
    await lockTickets(tx, tenant, ticketIds);
    const stored = await storeEvents(tx, tenant, events);
    const touched = [
      ...new Set(events.filter((e) => stored.has(e.id)).map((e) => e.ticket)),
    ].sort();
    await recomputeTickets(tx, tenant, touched, engine, now);
    return {
      accepted: stored.size,
      duplicates: events.length - stored.size,
      tickets: touched.length,
    };
  });
}

/** Creates missing ticket rows and locks them all for the rest of the transaction. */
export async function lockTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < ticketIds.length; i += 1000) {
    const chunk = ticketIds.slice(i, i + 1000);
    await db
      .insert(tickets)
      .values(chunk.map((id) => ({ tenantId: tenant, id })))
      .onConflictDoNothing();
    await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.tenantId, tenant), inArray(tickets.id, chunk)))
      .orderBy(tickets.id)
      .for('update');
  }
}

/**
 * Re-evaluates tickets from all their stored events at `now` and replaces their cycles.
 * The caller holds the tickets' locks.
 */
export async function recomputeTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engine: Engine,
  now: number,
): Promise<void> {
  if (ticketIds.length === 0) return;
  const evaluatedAt = new Date(now);
  // Events stamped after `now` (a helpdesk clock ahead of ours) take effect at their instant,
  // like everywhere else in the engine; they are stored and counted when that time comes.
  const grouped = byTicket(await loadEvents(db, tenant, ticketIds), now);
  const rows = [];
  for (const [ticket, list] of grouped) {
    const result = engine.evaluateSorted(ticket, list, now);
    const lastEventAt = list.at(-1)?.at;
    await db
      .update(tickets)
      .set({
        fields: result.fields,
        policy: result.policy,
        state: result.state,
        evaluatedAt,
        lastEventAt: lastEventAt === undefined ? null : new Date(lastEventAt),
      })
      .where(and(eq(tickets.tenantId, tenant), eq(tickets.id, ticket)));
    for (const c of result.cycles) rows.push(cycleRow(tenant, result, c, evaluatedAt));
  }
  await db
    .delete(cycles)
    .where(and(eq(cycles.tenantId, tenant), inArray(cycles.ticketId, [...ticketIds])));
  for (let i = 0; i < rows.length; i += 500) await db.insert(cycles).values(rows.slice(i, i + 500));
}
