import { formatDestination, NO_DESTINATION } from '@breachless/core';
import { type AnyColumn, and, eq, sql } from 'drizzle-orm';
import type { SubscriptionFilters } from '../schema/index.js';
import { chatIdentities, chatSubscriptions, cycleAcks, type deliveries } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { type CreatedNotification, insertDeliveries } from './write.js';

type Created = CreatedNotification;

/** Whether a subscription hears a notification: its filters, and its ladder's levels. */
function matches(filters: SubscriptionFilters, n: Created): boolean {
  const p = n.payload;
  if (filters.escalation) return n.level === 'breach';
  if (filters.levels !== undefined && !filters.levels.split(',').includes(n.level)) return false;
  return (
    (filters.team === undefined || filters.team === p.team) &&
    (filters.priority === undefined || filters.priority === p.priority) &&
    (filters.policy === undefined || filters.policy === p.policy) &&
    (filters.metric === undefined || filters.metric === n.metric)
  );
}

/** What routing reads of a tenant: its alert subscriptions, linked assignees and acks. */
export interface RoutingFacts {
  readonly subscriptions: (typeof chatSubscriptions.$inferSelect)[];
  readonly identities: (typeof chatIdentities.$inferSelect)[];
  readonly acks: (typeof cycleAcks.$inferSelect)[];
}

/** Notifications as routing reads them before they are created: ticket and assignee. */
type Offered = Pick<Created, 'ticketId' | 'payload'>;

/** A JSON array of strings, as one parameter matched with `= any(...)`. */
const anyOf = (column: AnyColumn, values: readonly string[]) =>
  sql`${column} = any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)))`;

/**
 * Reads what routing `offered` notifications needs. A recompute asks before it knows which
 * of them its insert creates, so that the reads travel with its writes in one round trip;
 * the ticket ids and assignees are one parameter each (a parameter per ticket made a batch
 * of 500 cost more to plan than to run).
 */
export async function routingFacts(
  db: Database,
  tenant: string,
  offered: readonly Offered[],
): Promise<RoutingFacts> {
  const agents = [
    ...new Set(offered.map((n) => n.payload.assignee).filter((a): a is string => !!a)),
  ];
  const tickets = [...new Set(offered.map((n) => n.ticketId))];
  const [subscriptions, identities, acks] = await Promise.all([
    db
      .select()
      .from(chatSubscriptions)
      .where(and(eq(chatSubscriptions.tenantId, tenant), eq(chatSubscriptions.kind, 'alerts'))),
    agents.length
      ? db
          .select()
          .from(chatIdentities)
          .where(and(eq(chatIdentities.tenantId, tenant), anyOf(chatIdentities.agent, agents)))
      : [],
    tickets.length
      ? db
          .select()
          .from(cycleAcks)
          .where(and(eq(cycleAcks.tenantId, tenant), anyOf(cycleAcks.ticketId, tickets)))
      : [],
  ]);
  return { subscriptions, identities, acks };
}

/**
 * Decides who hears each new notification and records one delivery row per destination:
 * the assignee (through their linked chat identity), the channels subscribed to alerts whose
 * filters match, and escalation channels on breach. A subscription naming `levels` hears
 * only those (an escalation ladder's rung); one with `to: 'assignee'` sends what it hears to
 * the assignee by direct message instead of to its channel, and once a tenant has such a
 * rung, assignees hear only what rungs send them. A warning on a cycle someone acknowledged,
 * or snoozed until later, or noticed only after its cycle stopped, is recorded as suppressed; one nobody is subscribed to as unrouted,
 * so "why did nobody hear about ticket 123?" always has an answer. Breaches are never silenced.
 * @param facts what routingFacts read for these notifications (or more); read here when absent
 */
export async function routeNotifications(
  db: Database,
  tenant: string,
  created: readonly Created[],
  now: number,
  facts?: RoutingFacts,
): Promise<number> {
  if (created.length === 0) return 0;
  const { subscriptions, identities, acks } = facts ?? (await routingFacts(db, tenant, created));
  const ladderDms = subscriptions.some((s) => s.filters.to === 'assignee');
  const rows: (typeof deliveries.$inferInsert)[] = [];
  for (const n of created) {
    const silencedBy = acks.find(
      (a) =>
        a.ticketId === n.ticketId &&
        a.metric === n.metric &&
        a.cycle === n.cycle &&
        (a.kind === 'ack' || (a.until?.getTime() ?? 0) > now),
    );
    const stale = Boolean(n.payload.stoppedAt);
    if (n.level !== 'breach' && (silencedBy || stale)) {
      const why = !silencedBy
        ? 'stale: the cycle had stopped when the warning was noticed'
        : silencedBy.kind === 'ack'
          ? `acknowledged by ${silencedBy.userId}`
          : `snoozed by ${silencedBy.userId} until ${silencedBy.until?.toISOString()}`;
      rows.push({
        tenantId: tenant,
        notificationId: n.id,
        destination: NO_DESTINATION,
        state: 'suppressed',
        lastError: why,
      });
      continue;
    }
    const destinations = new Set<string>();
    const assignee = n.payload.assignee;
    // Without a ladder rung for assignees, a linked assignee hears every level of their cycles.
    if (!ladderDms)
      for (const who of identities.filter((i) => i.agent === assignee))
        destinations.add(
          formatDestination({ platform: who.platform, kind: 'user', id: who.userId }),
        );
    for (const s of subscriptions) {
      if (!matches(s.filters, n)) continue;
      // A ladder's `to:assignee` rung reaches the assignee where they were linked on its platform.
      if (s.filters.to === 'assignee')
        for (const who of identities.filter(
          (i) => i.agent === assignee && i.platform === s.platform,
        ))
          destinations.add(
            formatDestination({ platform: who.platform, kind: 'user', id: who.userId }),
          );
      else
        destinations.add(
          formatDestination({ platform: s.platform, kind: 'channel', id: s.channel }),
        );
    }
    if (destinations.size === 0) {
      rows.push({
        tenantId: tenant,
        notificationId: n.id,
        destination: NO_DESTINATION,
        state: 'unrouted',
        lastError: 'no linked assignee and no matching alert subscription',
      });
    }
    for (const destination of destinations)
      rows.push({
        tenantId: tenant,
        notificationId: n.id,
        destination,
        state: 'pending',
        nextAttemptAt: new Date(now),
      });
  }
  await insertDeliveries(db, tenant, rows);
  return rows.length;
}
