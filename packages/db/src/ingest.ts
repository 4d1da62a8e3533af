import { byTicket, type Engine, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { cycleRow } from './cycle-rows.js';
import { replaceCycles } from './cycle-write.js';
import type { Database } from './database.js';
import { loadEvents, storeEvents } from './event-store.js';
import { notificationRows } from './notification-rows.js';
import { insertNotifications } from './outbox-write.js';
import { routeNotifications } from './routing.js';

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
  options: RecomputeOptions = {},
): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, tickets: 0 };
  return db.transaction(async (tx) => {
    const ticketIds = [...new Set(events.map((e) => e.ticket))].sort();
    await lockTickets(tx, tenant, ticketIds);
    const stored = await storeEvents(tx, tenant, events);
    const touched = [
      ...new Set(events.filter((e) => stored.has(e.id)).map((e) => e.ticket)),
    ].sort();
    await recomputeTickets(tx, tenant, touched, engine, now, options);
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
  // Ids travel as one JSON array parameter: a parameter per id made building the statement
  // cost more than running it, and the two drivers agree on JSON where they differ on arrays.
  const ids = JSON.stringify(ticketIds);
  await db.execute(sql`
    insert into tickets (tenant_id, id)
    select ${tenant}, id from jsonb_array_elements_text(${ids}::jsonb) as x(id)
    on conflict do nothing`);
  await db.execute(sql`
    select id from tickets
    where tenant_id = ${tenant} and id = any(array(select jsonb_array_elements_text(${ids}::jsonb)))
    order by id
    for update`);
}

/** A level noticed this long after its instant is marked late: two minutes by default. */
export const DEFAULT_LATE_MS = 120_000;

export interface RecomputeOptions {
  /** Create outbox notifications for fired levels (default); imports of history do not. */
  readonly notify?: boolean;
  readonly lateAfterMs?: number;
}

/**
 * Re-evaluates tickets from all their stored events at `now`, replaces their cycles and
 * creates the notifications their fired levels call for (each exactly once, by the outbox's
 * unique key). Returns how many notifications were created. The caller holds the tickets' locks.
 */
export async function recomputeTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engine: Engine,
  now: number,
  options: RecomputeOptions = {},
): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const notify = options.notify ?? true;
  const outbox = [];
  const evaluatedAt = new Date(now);
  // Events stamped after `now` (a helpdesk clock ahead of ours) take effect at their instant,
  // like everywhere else in the engine; they are stored and counted when that time comes.
  const grouped = byTicket(await loadEvents(db, tenant, ticketIds), now);
  const rows = [];
  const updates = [];
  for (const [ticket, list] of grouped) {
    const result = engine.evaluateSorted(ticket, list, now);
    const lastEventAt = list.at(-1)?.at;
    updates.push({
      id: ticket,
      fields: result.fields,
      policy: result.policy,
      state: result.state,
      last_event_at: lastEventAt === undefined ? null : new Date(lastEventAt).toISOString(),
    });
    for (const c of result.cycles) rows.push(cycleRow(tenant, result, c, evaluatedAt));
    if (notify)
      outbox.push(...notificationRows(tenant, result, now, options.lateAfterMs ?? DEFAULT_LATE_MS));
  }
  // One statement for every ticket's new fields (a round trip per ticket dominated a tick),
  // its rows as one JSON document (parameters per row dominated an import).
  if (updates.length > 0)
    await db.execute(sql`
      update tickets as t set fields = v.fields, policy = v.policy, state = v.state, evaluated_at = ${evaluatedAt.toISOString()}::timestamptz, last_event_at = v.last_event_at
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id text, fields jsonb, policy text, state text, last_event_at timestamptz)
      where t.tenant_id = ${tenant} and t.id = v.id`);
  await replaceCycles(db, tenant, ticketIds, rows);
  const created = await insertNotifications(db, tenant, outbox);
  await routeNotifications(db, tenant, created, now);
  return created.length;
}
