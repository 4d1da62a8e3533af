import { type Database, eventFromBody, schema } from '@breachless/db';
import { asc, eq } from 'drizzle-orm';
import type { StoredNotification } from './check-types.js';
import type { StoredEvent } from './truth.js';

/** What the database holds of a tenant after the run, as the checker reads it. */
export async function collect(db: Database, tenant: string) {
  const { tickets, ticketEvents, cycles, notifications, deliveries } = schema;
  const eventRows = await db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.tenantId, tenant))
    .orderBy(asc(ticketEvents.seq));
  const events: StoredEvent[] = eventRows.map((r) => ({
    event: eventFromBody(r.body),
    seq: Number(r.seq),
    receivedAt: r.receivedAt.getTime(),
  }));
  const cycleRows = await db.select().from(cycles).where(eq(cycles.tenantId, tenant));
  const evaluatedAt = new Map<string, number>();
  for (const t of await db.select().from(tickets).where(eq(tickets.tenantId, tenant)))
    if (t.evaluatedAt) evaluatedAt.set(t.id, t.evaluatedAt.getTime());
  const sent = await db.select().from(deliveries).where(eq(deliveries.tenantId, tenant));
  const byNotification = new Map<number, { destination: string; state: string }[]>();
  for (const d of sent) {
    const id = Number(d.notificationId);
    byNotification.set(id, [
      ...(byNotification.get(id) ?? []),
      { destination: d.destination, state: d.state },
    ]);
  }
  const notified: StoredNotification[] = (
    await db.select().from(notifications).where(eq(notifications.tenantId, tenant))
  ).flatMap((n) =>
    // Alerts only: a digest (kind 'digest') has no metric and no cycle to check.
    n.metric === null
      ? []
      : [
          {
            ticket: n.ticketId,
            metric: n.metric,
            cycle: n.cycle,
            level: n.level,
            at: n.at.getTime(),
            createdAt: n.createdAt.getTime(),
            deliveries: byNotification.get(Number(n.id)) ?? [],
          },
        ],
  );
  return { events, cycles: cycleRows, evaluatedAt, notifications: notified };
}
