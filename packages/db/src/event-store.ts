import { type TicketEvent, uniformEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './rows.js';

/** How events are stored: the normalized event, with its instant as ISO text. */
type StoredBody = Omit<TicketEvent, 'at'> & { at: string };

function toBody(event: TicketEvent): StoredBody {
  return { ...event, at: new Date(event.at).toISOString() } as StoredBody;
}

/** A stored body (`ticket_events.body`) back as the core's event. */
export function eventFromBody(body: unknown): TicketEvent {
  const stored = body as StoredBody;
  return uniformEvent({ ...stored, at: Date.parse(stored.at) } as TicketEvent);
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
  // One JSON document per statement, expanded by jsonb_to_recordset: building a multi-row
  // VALUES insert (six parameters a row) cost more CPU than PostgreSQL spent storing it.
  // Ordered by position, so `seq` keeps the order of arrival within the batch too.
  for (let i = 0; i < fresh.length; i += 2000) {
    const doc = JSON.stringify(
      fresh.slice(i, i + 2000).map((e) => ({
        id: e.id,
        ticket_id: e.ticket,
        type: e.type,
        at: new Date(e.at).toISOString(),
        body: toBody(e),
      })),
    );
    const inserted = rowsOf<{ id: string }>(
      await db.execute(sql`
        insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
        select ${tenant}, id, ticket_id, type, at, body
        from rows from (jsonb_to_recordset(${doc}::jsonb) as (id text, ticket_id text, type text, at timestamptz, body jsonb))
          with ordinality as x(id, ticket_id, type, at, body, n)
        order by n
        on conflict do nothing
        returning id`),
    );
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
  const rows = rowsOf<{ body: StoredBody }>(
    await db.execute(sql`
      select body from ticket_events
      where tenant_id = ${tenant}
        and ticket_id = any(array(select jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb)))
      order by seq`),
  );
  return rows.map((r) => eventFromBody(r.body));
}
