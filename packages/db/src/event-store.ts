import { type TicketEvent, uniformEvent } from '@breachless/core';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from './database.js';
import { ticketEvents } from './schema/index.js';

/** How events are stored: the normalized event, with its instant as ISO text. */
type StoredBody = Omit<TicketEvent, 'at'> & { at: string };

function toBody(event: TicketEvent): StoredBody {
  return { ...event, at: new Date(event.at).toISOString() } as StoredBody;
}

function fromBody(body: StoredBody): TicketEvent {
  return uniformEvent({ ...body, at: Date.parse(body.at) } as TicketEvent);
}

/**
 * Stores events whose id the tenant has not seen; returns the ids actually stored. Within
 * the batch the first event with an id wins, as across batches.
 */
export async function storeEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
): Promise<Set<string>> {
  const seen = new Set<string>();
  const fresh = events.filter((e) => !seen.has(e.id) && seen.add(e.id));
  const stored = new Set<string>();
  // Keep each statement's parameter count far below PostgreSQL's 65,535 limit.
  for (let i = 0; i < fresh.length; i += 1000) {
    const rows = fresh.slice(i, i + 1000).map((e) => ({
      tenantId: tenant,
      id: e.id,
      ticketId: e.ticket,
      type: e.type,
      at: new Date(e.at),
      body: toBody(e),
    }));
    const inserted = await db
      .insert(ticketEvents)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: ticketEvents.id });
    for (const row of inserted) stored.add(row.id);
  }
  return stored;
}

/** Every stored event of these tickets, in order of arrival (the engine sorts them). */
export async function loadEvents(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<TicketEvent[]> {
  if (ticketIds.length === 0) return [];
  const rows = await db
    .select({ body: ticketEvents.body })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.tenantId, tenant), inArray(ticketEvents.ticketId, [...ticketIds])))
    .orderBy(asc(ticketEvents.seq));
  return rows.map((r) => fromBody(r.body as StoredBody));
}
