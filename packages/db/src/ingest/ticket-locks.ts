import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/** The tickets locked: each one's revision, and which rows this call created. */
export interface LockedTickets {
  readonly revisions: Map<string, number>;
  /** Tickets that had no row and no stored event before: their history is the caller's. */
  readonly created: Set<string>;
}

/**
 * Creates missing ticket rows and locks them all for the rest of the transaction, in id
 * order (two transactions locking overlapping sets never deadlock).
 */
export async function lockTicketsCreating(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<LockedTickets> {
  // Ids travel as one JSON array parameter: a parameter per id made building the statement
  // cost more than running it, and the two drivers agree on JSON where they differ on arrays.
  const ids = JSON.stringify(ticketIds);
  // Ingest creates a ticket's row before storing its first event, under this lock: a row
  // created here is a ticket whose history is what the caller holds. Checked all the same
  // (an index probe each), for events stored otherwise (by hand, by an older version).
  const inserted = rowsOf<{ id: string; revision: string | number; empty: boolean }>(
    await db.execute(sql`
      insert into tickets (tenant_id, id)
      select ${tenant}, id from jsonb_array_elements_text(${ids}::jsonb) as x(id)
      on conflict do nothing
      returning tickets.id, tickets.revision, not exists (
        select 1 from ticket_events e where e.tenant_id = ${tenant} and e.ticket_id = tickets.id) as empty`),
  );
  // The rows inserted are this transaction's until it ends: only the others need locking.
  const mine = new Set(inserted.map((r) => r.id));
  const others = ticketIds.filter((id) => !mine.has(id));
  const locked =
    others.length === 0
      ? []
      : rowsOf<{ id: string; revision: string | number }>(
          await db.execute(sql`
            select id, revision from tickets
            where tenant_id = ${tenant}
              and id = any(array(select jsonb_array_elements_text(${JSON.stringify(others)}::jsonb)))
            order by id
            for update`),
        );
  return {
    // int8 comes back as a string from postgres.js and as a number from PGlite.
    revisions: new Map([...inserted, ...locked].map((r) => [r.id, Number(r.revision)])),
    created: new Set(inserted.filter((r) => r.empty).map((r) => r.id)),
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
