import { formatDestination, NO_DESTINATION } from '@breachless/core';
import { and, eq, inArray } from 'drizzle-orm';
import { type CreatedNotification, insertDeliveries } from '../outbox/index.js';
import {
  chatIdentities,
  cycleAcks,
  type deliveries,
  type SubscriptionFilters,
} from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** An alert subscription with a reminder: one rung of an escalation ladder. */
export type Rung = {
  readonly id: string;
  readonly platform: string;
  readonly channel: string;
  readonly filters: SubscriptionFilters;
};

/** A reminder just created, and the rung it is for. */
export interface LadderDelivery {
  readonly notification: CreatedNotification;
  readonly rung: Rung;
}

/**
 * Records where each new reminder goes: the rung's channel, or the assignee's linked chat
 * users on the rung's platform for `to:assignee`. A reminder of a cycle someone acknowledged,
 * or snoozed until after `now`, is recorded as suppressed with who silenced it; one with no
 * linked assignee as unrouted, so the notification log answers why nobody heard it.
 */
export async function insertLadderDeliveries(
  db: Database,
  tenant: string,
  made: readonly LadderDelivery[],
  now: number,
): Promise<void> {
  const ticketIds = [...new Set(made.map((m) => m.notification.ticketId))];
  const agents = [
    ...new Set(made.map((m) => m.notification.payload.assignee).filter((a): a is string => !!a)),
  ];
  const acks = await db
    .select()
    .from(cycleAcks)
    .where(and(eq(cycleAcks.tenantId, tenant), inArray(cycleAcks.ticketId, ticketIds)));
  const identities = agents.length
    ? await db
        .select()
        .from(chatIdentities)
        .where(and(eq(chatIdentities.tenantId, tenant), inArray(chatIdentities.agent, agents)))
    : [];
  const rows: (typeof deliveries.$inferInsert)[] = [];
  for (const { notification: n, rung } of made) {
    const base = { tenantId: tenant, notificationId: n.id };
    const silencedBy = acks.find(
      (a) =>
        a.ticketId === n.ticketId &&
        a.metric === n.metric &&
        a.cycle === n.cycle &&
        (a.kind === 'ack' || (a.until?.getTime() ?? 0) > now),
    );
    if (silencedBy) {
      const why =
        silencedBy.kind === 'ack'
          ? `acknowledged by ${silencedBy.userId}`
          : `snoozed by ${silencedBy.userId} until ${silencedBy.until?.toISOString()}`;
      rows.push({ ...base, destination: NO_DESTINATION, state: 'suppressed', lastError: why });
      continue;
    }
    const destinations =
      rung.filters.to === 'assignee'
        ? identities
            .filter((i) => i.agent === n.payload.assignee && i.platform === rung.platform)
            .map((i) => formatDestination({ platform: i.platform, kind: 'user', id: i.userId }))
        : [formatDestination({ platform: rung.platform, kind: 'channel', id: rung.channel })];
    if (destinations.length === 0)
      rows.push({
        ...base,
        destination: NO_DESTINATION,
        state: 'unrouted',
        lastError: 'the rung sends to the assignee, who has no linked chat user',
      });
    for (const destination of destinations)
      rows.push({ ...base, destination, state: 'pending', nextAttemptAt: new Date(now) });
  }
  await insertDeliveries(db, tenant, rows);
}
