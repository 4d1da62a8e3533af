import type { NotificationKind } from '@breachless/core';
import { and, asc, eq, gte, inArray, type SQL } from 'drizzle-orm';
import { deliveries, notifications } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** One created notification and where it went: the body of `GET /v1/notifications`. */
export interface NotificationView {
  readonly kind: NotificationKind;
  /** An alert's ticket, or `digest:<subscription>`. */
  readonly ticket: string;
  /** An alert's metric; null for a digest. */
  readonly metric: string | null;
  readonly cycle: number;
  /** As the policy writes it (`75%`, `30m`) or `breach`. */
  readonly level: string;
  readonly at: string;
  readonly late: boolean;
  readonly createdAt: string;
  readonly deliveries: readonly {
    destination: string;
    state: string;
    attempts: number;
    error: string | null;
    deliveredAt: string | null;
  }[];
}

/**
 * The tenant's notifications, oldest first, with their delivery state per destination, so an
 * operator can answer "why did nobody hear about ticket 123?" (suppressed by an ack,
 * unrouted, failed with an error, or delivered where and when).
 */
export async function notificationLog(
  db: Database,
  tenant: string,
  filter: { ticket?: string; since?: number; limit?: number } = {},
): Promise<NotificationView[]> {
  const where: SQL[] = [eq(notifications.tenantId, tenant)];
  if (filter.ticket !== undefined) where.push(eq(notifications.ticketId, filter.ticket));
  if (filter.since !== undefined) where.push(gte(notifications.at, new Date(filter.since)));
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(asc(notifications.at), asc(notifications.id))
    .limit(filter.limit ?? 1000);
  const sent = rows.length
    ? await db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.tenantId, tenant),
            inArray(
              deliveries.notificationId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  return rows.map((n) => ({
    kind: n.kind,
    ticket: n.ticketId,
    metric: n.metric,
    cycle: n.cycle,
    level: n.level,
    at: n.at.toISOString(),
    late: n.late,
    createdAt: n.createdAt.toISOString(),
    deliveries: sent
      .filter((d) => Number(d.notificationId) === Number(n.id))
      .map((d) => ({
        destination: d.destination,
        state: d.state,
        attempts: d.attempts,
        error: d.lastError,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
      })),
  }));
}
