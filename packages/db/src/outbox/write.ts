import type { AlertPayload } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { deliveries, notifications } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { epochMs, rowsOf } from '../storage/index.js';

type NotificationRow = typeof notifications.$inferInsert;
type DeliveryRow = typeof deliveries.$inferInsert;

/** An alert just created, with what routing reads. */
export interface CreatedNotification {
  readonly id: number;
  readonly ticketId: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
  readonly payload: AlertPayload;
}

/** An alert to offer the outbox: notification-rows.ts builds them from a ticket's cycles. */
export type AlertRow = NotificationRow & { metric: string; payload: AlertPayload };

/**
 * Offers alert rows to the outbox and returns those created now: a row whose cycle
 * and level already has one is skipped by the unique key, which is what makes every level
 * notified exactly once however often a ticket is recomputed. Rows travel as one JSON
 * document of arrays, like cycles (a parameter per field dominated a worker tick).
 */
export async function insertNotifications(
  db: Database,
  tenant: string,
  rows: readonly AlertRow[],
): Promise<CreatedNotification[]> {
  if (rows.length === 0) return [];
  const doc = JSON.stringify(
    rows.map((r) => [
      r.ticketId,
      r.metric,
      r.cycle,
      r.level,
      epochMs(r.at),
      r.late ?? false,
      r.payload,
    ]),
  );
  // Only the keys come back: the payloads are the ones sent (returning each payload made
  // PostgreSQL write it out as text and node parse it again).
  // The first row of a key is the one the insert keeps.
  const payloads = new Map<string, AlertPayload>();
  for (const r of rows) {
    const key = keyOf(r);
    if (!payloads.has(key)) payloads.set(key, r.payload);
  }
  const created = rowsOf<{
    id: string | number;
    ticket_id: string;
    metric: string;
    cycle: number;
    level: string;
  }>(
    await db.execute(sql`
      insert into notifications (tenant_id, ticket_id, metric, cycle, level, at, late, payload)
      select ${tenant}, r->>0, r->>1, (r->>2)::int, r->>3, to_timestamp((r->>4)::float8 / 1000), (r->>5)::boolean, r->6
      from jsonb_array_elements(${doc}::jsonb) as x(r)
      on conflict do nothing
      returning id, ticket_id, metric, cycle, level`),
  );
  // int8 comes back as a string from postgres.js and as a number from PGlite.
  return created.map((n) => {
    const created = { ticketId: n.ticket_id, metric: n.metric, cycle: n.cycle, level: n.level };
    return { id: Number(n.id), ...created, payload: payloads.get(keyOf(created)) as AlertPayload };
  });
}

/** A notification's unique key (its cycle and level) as one string. */
const keyOf = (n: Pick<AlertRow, 'ticketId' | 'metric' | 'cycle' | 'level'>) =>
  JSON.stringify([n.ticketId, n.metric, n.cycle, n.level]);

/** Records delivery rows (one per notification and destination), once each. */
export async function insertDeliveries(
  db: Database,
  tenant: string,
  rows: readonly DeliveryRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const doc = JSON.stringify(
    rows.map((r) => [
      r.notificationId,
      r.destination,
      r.state ?? 'pending',
      r.lastError ?? null,
      epochMs(r.nextAttemptAt),
    ]),
  );
  await db.execute(sql`
    insert into deliveries (tenant_id, notification_id, destination, state, last_error, next_attempt_at)
    select ${tenant}, (r->>0)::bigint, r->>1, r->>2, r->>3, to_timestamp((r->>4)::float8 / 1000)
    from jsonb_array_elements(${doc}::jsonb) as x(r)
    on conflict do nothing`);
}
