import { type TicketEvent, uniformEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { executePrepared, opaqueTenant, rowsOf } from '../storage/index.js';

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
 * Stores events whose id the tenant has not seen; returns the ids actually stored, each with
 * the `seq` it was given. Within the batch the first event with an id wins, as across batches.
 */
export async function storeEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
): Promise<Map<string, number>> {
  const seen = new Set<string>();
  const fresh = events.filter((e) => !seen.has(e.id) && seen.add(e.id));
  const stored = new Map<string, number>();
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
    const inserted = rowsOf<{ id: string; seq: number }>(
      await executePrepared(
        db,
        sql`
        insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
        select ${tenant}, id, ticket_id, type, at, body
        from rows from (jsonb_to_recordset(${doc}::jsonb) as (id text, ticket_id text, type text, at timestamptz, body jsonb))
          with ordinality as x(id, ticket_id, type, at, body, n)
        order by n
        on conflict do nothing
        returning id, seq`,
      ),
    );
    for (const row of inserted) stored.set(row.id, row.seq);
  }
  return stored;
}

/**
 * The ticket ids as rows `k(id)`, for a lateral subquery that reads each ticket's events by
 * its own probe of `ticket_events_by_ticket`: "offset 0" keeps it a nested loop whatever the
 * statistics say, and the tenant is opaque to them (opaqueTenant). With `ticket_id = any(...)`,
 * a tenant the statistics had not seen yet (estimated at a row or two) had its whole range of
 * events read for every recompute.
 */
const eachTicket = (ticketIds: readonly string[]) =>
  sql`jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb) as k(id)`;

/** Every stored event of these tickets, in order of arrival (the engine sorts them). */
export async function loadEvents(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<TicketEvent[]> {
  if (ticketIds.length === 0) return [];
  const rows = rowsOf<{ body: StoredBody }>(
    await db.execute(sql`
      select e.body from ${eachTicket(ticketIds)}
      cross join lateral (select body, seq from ticket_events e
        where e.tenant_id = ${opaqueTenant(tenant)} and e.ticket_id = k.id offset 0) e
      order by e.seq`),
  );
  return rows.map((r) => eventFromBody(r.body));
}

/**
 * Every stored event of these tickets in order of arrival, with each ticket's last `seq`:
 * what a checkpoint made from them covers.
 */
export async function loadEventsMarked(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<{ events: TicketEvent[]; lastSeq: Map<string, number> }> {
  const lastSeq = new Map<string, number>();
  if (ticketIds.length === 0) return { events: [], lastSeq };
  const rows = rowsOf<{ body: StoredBody; seq: number }>(
    await executePrepared(
      db,
      sql`
      select e.body, e.seq from ${eachTicket(ticketIds)}
      cross join lateral (select body, seq from ticket_events e
        where e.tenant_id = ${opaqueTenant(tenant)} and e.ticket_id = k.id offset 0) e
      order by e.seq`,
    ),
  );
  const events = rows.map((r) => {
    const event = eventFromBody(r.body);
    lastSeq.set(event.ticket, r.seq);
    return event;
  });
  return { events, lastSeq };
}

/** Each ticket's last `seq` among these events (just stored), found by primary key. */
export async function lastSeqOf(
  db: Database,
  tenant: string,
  eventIds: readonly string[],
): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = rowsOf<{ ticket_id: string; seq: number }>(
    await db.execute(sql`
      select e.ticket_id, max(e.seq) as seq
      from jsonb_array_elements_text(${JSON.stringify(eventIds)}::jsonb) as k(id)
      cross join lateral (select ticket_id, seq from ticket_events e
        where e.tenant_id = ${opaqueTenant(tenant)} and e.id = k.id offset 0) e
      group by e.ticket_id`),
  );
  return new Map(rows.map((r) => [r.ticket_id, r.seq]));
}

/**
 * How many events each ticket has stored, and the last `seq` of those not among `fresh`
 * (the ids just stored): a checkpoint of that many events ending at that `seq` has seen
 * every other event, because a `seq` is never given twice, not even after a rollback.
 */
export async function eventMarks(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  fresh: readonly string[],
): Promise<Map<string, { count: number; before: number | null }>> {
  if (ticketIds.length === 0) return new Map();
  const rows = rowsOf<{ ticket_id: string; count: number; before: number | null }>(
    await db.execute(sql`
      select k.id as ticket_id, count(*)::int as count,
        max(e.seq) filter (where e.id <> all(array(select jsonb_array_elements_text(${JSON.stringify(fresh)}::jsonb)))) as before
      from ${eachTicket(ticketIds)}
      cross join lateral (select id, seq from ticket_events e
        where e.tenant_id = ${opaqueTenant(tenant)} and e.ticket_id = k.id offset 0) e
      group by k.id`),
  );
  return new Map(rows.map((r) => [r.ticket_id, { count: r.count, before: r.before }]));
}
