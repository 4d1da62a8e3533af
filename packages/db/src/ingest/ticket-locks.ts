import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { executePrepared, opaqueTenant, rowsOf } from '../storage/index.js';

/** The tickets locked: each one's revision, and which rows this call created. */
export interface LockedTickets {
  readonly revisions: Map<string, number>;
  /** Tickets that had no row and no stored event before: their history is the caller's. */
  readonly created: Set<string>;
  /** Tickets in quarantine when locked: a successful recompute releases them. */
  readonly quarantined: Set<string>;
}

/**
 * Creates missing ticket rows and locks them all for the rest of the transaction, in id
 * order (two transactions locking overlapping sets never deadlock). Its two statements are
 * sent together (pipelined, one round trip): the lock also takes the rows just created,
 * which costs nothing as they are this transaction's anyway. Statements the caller sends
 * before awaiting the result run after the lock is held.
 */
export async function lockTicketsCreating(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<LockedTickets> {
  // Ids travel as one JSON array parameter: a parameter per id made building the statement
  // cost more than running it, and the two drivers agree on JSON where they differ on arrays.
  const ids = JSON.stringify(ticketIds);
  const quarantined = (id: ReturnType<typeof sql.raw>) => sql`exists (
    select 1 from quarantined_tickets q where q.tenant_id = ${tenant} and q.ticket_id = ${id}) as quarantined`;
  // Ingest creates a ticket's row before storing its first event, under this lock: a row
  // created here is a ticket whose history is what the caller holds. Checked all the same
  // (an index probe each), for events stored otherwise (by hand, by an older version).
  const [inserted, locked] = await Promise.all([
    executePrepared(
      db,
      sql`
      insert into tickets (tenant_id, id)
      select ${tenant}, id from jsonb_array_elements_text(${ids}::jsonb) as x(id)
      on conflict do nothing
      returning tickets.id, not exists (select 1 from ticket_events e
        where e.tenant_id = ${opaqueTenant(tenant)} and e.ticket_id = tickets.id) as empty`,
    ),
    // A statement of its own, so that it sees rows another transaction created and committed
    // while the insert waited on them (one statement's snapshot would miss them).
    // Each id is its own probe of the primary key, locked in id order (the ids sorted, then
    // a nested loop that "offset 0" keeps): a plan made while the table or the tenant looked
    // tiny otherwise read the tenant's whole range for every batch (a generic plan kept for
    // the connection's life: 10,000 rows read to lock 100, 12-28 ms).
    executePrepared(
      db,
      sql`
      select t.id, t.revision, ${quarantined(sql.raw('t.id'))}
      from (select id from jsonb_array_elements_text(${ids}::jsonb) as x(id) order by id) k
      cross join lateral (select t.id, t.revision from tickets t
        where t.tenant_id = ${tenant} and t.id = k.id offset 0 for update) t`,
    ),
  ]);
  const rows = rowsOf<{ id: string; revision: string | number; quarantined: boolean }>(locked);
  return {
    // int8 comes back as a string from postgres.js and as a number from PGlite.
    revisions: new Map(rows.map((r) => [r.id, Number(r.revision)])),
    created: new Set(
      rowsOf<{ id: string; empty: boolean }>(inserted)
        .filter((r) => r.empty)
        .map((r) => r.id),
    ),
    quarantined: new Set(rows.filter((r) => r.quarantined).map((r) => r.id)),
  };
}

/**
 * Creates missing ticket rows and locks them all for the rest of the transaction.
 * @returns each ticket's revision, read under the lock
 */
export async function lockTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<Map<string, number>> {
  return (await lockTicketsCreating(db, tenant, ticketIds)).revisions;
}
