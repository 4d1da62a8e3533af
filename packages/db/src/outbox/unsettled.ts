import type { AlertPayload } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import { refOf, type StoredRef } from './deliveries.js';

/** A delivered alert whose cycle has stopped since: its message should show the outcome. */
export interface UnsettledRow {
  readonly tenant: string;
  readonly destination: string;
  readonly root: StoredRef;
  readonly outcome: string;
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
  readonly late: boolean;
  readonly payload: AlertPayload;
}

/**
 * Messages of `platform` still showing an open alert whose cycle was achieved or cancelled
 * since (a breach settles its message when it is delivered). One row per message, with the
 * latest level it announced. The partial index `deliveries_unsettled` holds only delivered,
 * unsettled rows, so this reads the open alerts and never the delivery history.
 */
export async function unsettledMessages(
  db: Database,
  platform: string,
  limit: number,
): Promise<UnsettledRow[]> {
  const rows = rowsOf<{
    tenant_id: string;
    destination: string;
    message_ref: string;
    status: string;
    ticket_id: string;
    metric: string;
    cycle: number;
    level: string;
    late: boolean;
    payload: AlertPayload;
  }>(
    await db.execute(sql`
      select distinct on (d.tenant_id, d.destination, d.message_ref)
        d.tenant_id, d.destination, d.message_ref, c.status,
        n.ticket_id, n.metric, n.cycle, n.level, n.late, n.payload
      from deliveries d
      join notifications n on n.tenant_id = d.tenant_id and n.id = d.notification_id
      join cycles c on c.tenant_id = n.tenant_id and c.ticket_id = n.ticket_id
        and c.metric = n.metric and c.cycle = n.cycle
      where d.state = 'delivered' and d.settled is null and d.message_ref is not null
        and d.destination like ${`${platform}:%`}
        and c.status in ('achieved', 'cancelled')
      order by d.tenant_id, d.destination, d.message_ref, n.id desc
      limit ${limit}`),
  );
  return rows.flatMap((r) => {
    const root = refOf(r.message_ref);
    return root
      ? [
          {
            tenant: r.tenant_id,
            destination: r.destination,
            root,
            outcome: r.status,
            ticket: r.ticket_id,
            metric: r.metric,
            cycle: r.cycle,
            level: r.level,
            late: r.late,
            payload: r.payload,
          },
        ]
      : [];
  });
}
