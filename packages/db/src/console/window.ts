import type { TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { eventFromBody } from '../ingest/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/**
 * Every stored event of the tenant's tickets that a window from `from` can count: those with
 * an event since `from`, and those still open (a clock may breach with no event). Whole
 * histories, in order of arrival: a cycle counted in the window may have started before it.
 * What the console's what-if replays under a draft config.
 */
export async function eventsOfWindow(
  db: Database,
  tenant: string,
  from: number,
): Promise<TicketEvent[]> {
  const rows = rowsOf<{ body: unknown }>(
    await db.execute(sql`
      select e.body from ticket_events e
      where e.tenant_id = ${tenant}
        and e.ticket_id in (
          select t.id from tickets t
          where t.tenant_id = ${tenant}
            and (t.last_event_at >= ${new Date(from).toISOString()}::timestamptz
                 or t.state not in ('closed', 'deleted')))
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
