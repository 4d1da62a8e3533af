import type { TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { cycleKey, cycleSignature, replaceCycles } from './cycle-write.js';
import type { Database } from './database.js';
import { loadEvents } from './event-store.js';
import { rowsOf } from './rows.js';
import type { cycles } from './schema/index.js';
import type { CachedTicket, TicketCache } from './ticket-cache.js';

type CycleRow = typeof cycles.$inferInsert;

/** What the caller already knows: revisions read under the locks, events it just stored. */
export interface KnownState {
  readonly revisions: ReadonlyMap<string, number>;
  /** The events stored by this transaction, in the order they were stored. */
  readonly fresh: readonly TicketEvent[];
}

/**
 * Every stored event of each ticket, in order of arrival: from the cache for tickets it
 * holds at their current revision (plus the events just stored), from the database for
 * the others.
 * @returns the tickets served from the cache, and the events by ticket
 */
export async function eventsOfTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  cache: TicketCache | undefined,
  known: KnownState | undefined,
): Promise<{ warm: Map<string, CachedTicket>; events: Map<string, TicketEvent[]> }> {
  const warm = new Map<string, CachedTicket>();
  if (cache && known)
    for (const id of ticketIds) {
      const revision = known.revisions.get(id);
      const entry = revision === undefined ? undefined : cache.get(tenant, id, revision);
      if (entry) warm.set(id, entry);
    }
  const events = new Map<string, TicketEvent[]>();
  const push = (e: TicketEvent) => {
    const list = events.get(e.ticket);
    if (list) list.push(e);
    else events.set(e.ticket, [e]);
  };
  const cold = ticketIds.filter((id) => !warm.has(id));
  for (const e of await loadEvents(db, tenant, cold)) push(e);
  for (const [id, entry] of warm) events.set(id, [...entry.events]);
  for (const e of known?.fresh ?? []) if (warm.has(e.ticket)) push(e);
  return { warm, events };
}

type TicketUpdate = {
  id: string;
  fields: unknown;
  policy: string | null;
  state: string;
  last_event_at: string | null;
};

/**
 * Writes each ticket's new fields in one statement and gives every ticket recomputed a new
 * revision, also those left without events (whose cycles are removed).
 * @returns the new revisions
 */
export async function updateTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  updates: readonly TicketUpdate[],
  evaluatedAt: Date,
): Promise<Map<string, number>> {
  // Tickets left without events keep their fields; sent as rows of their own so that the
  // statement reads one recordset, with no join for the planner to guess wrong.
  const given = new Set(updates.map((u) => u.id));
  const rows = [
    ...updates,
    ...ticketIds.filter((id) => !given.has(id)).map((id) => ({ id, keep: true })),
  ];
  const written = rowsOf<{ id: string; revision: string | number }>(
    await db.execute(sql`
      update tickets as t set
        fields = case when v.keep then t.fields else v.fields end,
        policy = case when v.keep then t.policy else v.policy end,
        state = case when v.keep then t.state else v.state end,
        last_event_at = case when v.keep then t.last_event_at else v.last_event_at end,
        evaluated_at = ${evaluatedAt.toISOString()}::timestamptz, revision = nextval('ticket_revisions')
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(id text, keep boolean, fields jsonb, policy text, state text, last_event_at timestamptz)
      where t.tenant_id = ${tenant} and t.id = v.id
      returning t.id, t.revision`),
  );
  return new Map(written.map((r) => [r.id, Number(r.revision)]));
}

/**
 * Writes the tickets' new cycle rows: for tickets served from the cache, only the rows
 * whose signature changed and the removal of vanished ones; for the others, the whole set
 * (PostgreSQL skips rows equal to the stored ones).
 * @param sign whether to return the signatures (for a cache to keep)
 * @returns each ticket's cycle signatures by key (empty maps when not signing)
 */
export async function writeCycles(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  rows: readonly CycleRow[],
  warm: ReadonlyMap<string, CachedTicket>,
  sign: boolean,
): Promise<Map<string, Map<string, string>>> {
  const signatures = new Map(ticketIds.map((id) => [id, new Map<string, string>()]));
  const cold: CycleRow[] = [];
  const changed: CycleRow[] = [];
  for (const r of rows) {
    const before = warm.get(r.ticketId);
    if (!before && !sign) {
      cold.push(r);
      continue;
    }
    const key = cycleKey(r);
    const signature = cycleSignature(r);
    signatures.get(r.ticketId)?.set(key, signature);
    if (!before) cold.push(r);
    else if (before.cycles.get(key) !== signature) changed.push(r);
  }
  const gone: [string, string, number][] = [];
  for (const [id, entry] of warm)
    for (const key of entry.cycles.keys())
      if (!signatures.get(id)?.has(key)) gone.push(JSON.parse(key));
  await replaceCycles(db, tenant, { tickets: ticketIds.filter((id) => !warm.has(id)) }, cold);
  await replaceCycles(db, tenant, { gone }, changed);
  return signatures;
}
