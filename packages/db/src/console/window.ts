import type { TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { eventFromBody } from '../ingest/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/**
 * The stored events, up to `to`, of the tenant's tickets that a window `[from, to)` can count:
 * those with an event in the window, and those with a cycle that reached its outcome in it or
 * is still open (a clock may breach with no event). Whole histories, in order of arrival: a
 * cycle counted in the window may have started before it. What the console's what-if
 * replays under a draft config.
 */
export async function eventsOfWindow(
  db: Database,
  tenant: string,
  from: number,
  to: number,
): Promise<TicketEvent[]> {
  const [since, until] = [new Date(from).toISOString(), new Date(to).toISOString()];
  const rows = rowsOf<{ body: unknown }>(
    await db.execute(sql`
      with window_tickets as (
        select e.ticket_id as id from ticket_events e
        where e.tenant_id = ${tenant} and e.at >= ${since}::timestamptz and e.at < ${until}::timestamptz
        union
        select c.ticket_id from cycles c
        where c.tenant_id = ${tenant} and c.started_at < ${until}::timestamptz
          and ((c.outcome_at >= ${since}::timestamptz and c.outcome_at < ${until}::timestamptz)
               or c.status in ('running', 'paused')))
      select e.body from ticket_events e
      where e.tenant_id = ${tenant} and e.at < ${until}::timestamptz
        and e.ticket_id in (select id from window_tickets)
      order by e.seq`),
  );
  return rows.map((r) => eventFromBody(r.body));
}

/**
 * A number that grows whenever any of the tenant's tickets is stored or recomputed (the
 * highest ticket revision): the console's live pages poll it, on any replica, and reload
 * what they show when it moves.
 */
export async function tenantChangeMark(db: Database, tenant: string): Promise<number> {
  const [row] = rowsOf<{ mark: number | string | null }>(
    await db.execute(
      sql`select max(revision)::float8 as mark from tickets where tenant_id = ${tenant}`,
    ),
  );
  return Number(row?.mark ?? 0);
}
