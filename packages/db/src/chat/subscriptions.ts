import { randomBytes } from 'node:crypto';
import { formatDestination } from '@breachless/core';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DigestSchedule, SubscriptionFilters } from '../schema/index.js';
import { chatSubscriptions, deliveries } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** A new subscription of a channel, from `/sla subscribe`. */
export interface NewSubscription {
  readonly platform: string;
  readonly channel: string;
  readonly kind: 'alerts' | 'digest';
  /** What alerts it hears (outbox/routing.ts) or which team a digest covers. */
  readonly filters: SubscriptionFilters;
  /** A digest's schedule. */
  readonly schedule?: DigestSchedule;
  readonly createdBy: string;
}

/** A stored subscription with the deliveries to its channel that gave up. */
export interface ChannelSubscription extends NewSubscription {
  readonly id: string;
  readonly failed: number;
  readonly lastError: string | null;
}

/**
 * Subscribes a channel and returns the subscription's id: short (`s` and six letters or
 * digits) because people type it back in `/sla unsubscribe`. The same subscription asked
 * for again (typed twice, or a signed request replayed) returns the existing id instead of
 * adding a second one, which would send every digest twice.
 */
export async function addSubscription(
  db: Database,
  tenant: string,
  s: NewSubscription,
): Promise<string> {
  return db.transaction(async (tx) => {
    // Two identical requests at once must not both find nothing and both insert.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`${tenant} ${s.platform} ${s.channel}`}))`,
    );
    const [same] = await tx
      .select({ id: chatSubscriptions.id })
      .from(chatSubscriptions)
      .where(
        and(
          eq(chatSubscriptions.tenantId, tenant),
          eq(chatSubscriptions.platform, s.platform),
          eq(chatSubscriptions.channel, s.channel),
          eq(chatSubscriptions.kind, s.kind),
          sql`${chatSubscriptions.filters} = ${JSON.stringify(s.filters)}::jsonb`,
          sql`${chatSubscriptions.schedule} is not distinct from ${s.schedule ? JSON.stringify(s.schedule) : null}::jsonb`,
        ),
      )
      .limit(1);
    if (same) return same.id;
    const id = `s${randomBytes(4).readUInt32BE().toString(36).padStart(6, '0').slice(-6)}`;
    await tx.insert(chatSubscriptions).values({
      tenantId: tenant,
      id,
      platform: s.platform,
      channel: s.channel,
      kind: s.kind,
      filters: s.filters,
      schedule: s.schedule ?? null,
      createdBy: s.createdBy,
    });
    return id;
  });
}

/**
 * Removes a subscription of this channel. Another channel's id is refused as if unknown, so
 * one channel cannot silence another by guessing.
 * @returns whether there was one to remove
 */
export async function removeSubscription(
  db: Database,
  tenant: string,
  where: { platform: string; channel: string; id: string },
): Promise<boolean> {
  const removed = await db
    .delete(chatSubscriptions)
    .where(
      and(
        eq(chatSubscriptions.tenantId, tenant),
        eq(chatSubscriptions.id, where.id),
        eq(chatSubscriptions.platform, where.platform),
        eq(chatSubscriptions.channel, where.channel),
      ),
    )
    .returning({ id: chatSubscriptions.id });
  return removed.length > 0;
}

/** The channel's subscriptions, oldest first, with the failed deliveries to the channel. */
export async function channelSubscriptions(
  db: Database,
  tenant: string,
  platform: string,
  channel: string,
): Promise<ChannelSubscription[]> {
  const subscriptions = await db
    .select()
    .from(chatSubscriptions)
    .where(
      and(
        eq(chatSubscriptions.tenantId, tenant),
        eq(chatSubscriptions.platform, platform),
        eq(chatSubscriptions.channel, channel),
      ),
    )
    .orderBy(asc(chatSubscriptions.createdAt), asc(chatSubscriptions.id));
  // The count and the latest error in one pass over the channel's failed deliveries.
  const [failures] = await db
    .select({
      failed: count(),
      lastError: sql<
        string | null
      >`(array_agg(${deliveries.lastError} order by ${deliveries.notificationId} desc))[1]`,
    })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.tenantId, tenant),
        eq(deliveries.destination, formatDestination({ platform, kind: 'channel', id: channel })),
        eq(deliveries.state, 'failed'),
      ),
    );
  return subscriptions.map((s) => ({
    id: s.id,
    platform: s.platform,
    channel: s.channel,
    kind: s.kind as 'alerts' | 'digest',
    filters: s.filters,
    ...(s.schedule ? { schedule: s.schedule } : {}),
    createdBy: s.createdBy,
    // Failures belong to the channel, not to one subscription: deliveries record where.
    failed: Number(failures?.failed ?? 0),
    lastError: failures?.lastError ?? null,
  }));
}
