import { formatDestination } from '@breachless/core';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { chatSubscriptions, deliveries, type SubscriptionFilters } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** A subscription as the console lists it, with the failed deliveries to its channel. */
export interface SubscriptionView {
  readonly id: string;
  readonly platform: string;
  readonly channel: string;
  readonly kind: string;
  readonly filters: SubscriptionFilters;
  readonly createdBy: string;
  readonly failed: number;
  readonly lastError: string | null;
}

/**
 * Every subscription of the tenant, on every platform and channel (what `/sla subscriptions`
 * shows a channel, for all of them), with each channel's failed deliveries and latest error.
 */
export async function tenantSubscriptions(
  db: Database,
  tenant: string,
): Promise<SubscriptionView[]> {
  const subscriptions = await db
    .select()
    .from(chatSubscriptions)
    .where(eq(chatSubscriptions.tenantId, tenant))
    .orderBy(
      asc(chatSubscriptions.platform),
      asc(chatSubscriptions.channel),
      asc(chatSubscriptions.createdAt),
    );
  const failures = await db
    .select({
      destination: deliveries.destination,
      failed: count(),
      lastError: sql<
        string | null
      >`(array_agg(${deliveries.lastError} order by ${deliveries.notificationId} desc))[1]`,
    })
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, tenant), eq(deliveries.state, 'failed')))
    .groupBy(deliveries.destination);
  const byDestination = new Map(failures.map((f) => [f.destination, f]));
  return subscriptions.map((s) => {
    const f = byDestination.get(
      formatDestination({ platform: s.platform, kind: 'channel', id: s.channel }),
    );
    return {
      id: s.id,
      platform: s.platform,
      channel: s.channel,
      kind: s.kind,
      filters: s.filters,
      createdBy: s.createdBy,
      failed: Number(f?.failed ?? 0),
      lastError: f?.lastError ?? null,
    };
  });
}
