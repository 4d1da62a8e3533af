import { formatDestination } from '@breachless/core';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DigestPayload, DigestSchedule } from '../schema/index.js';
import { chatSubscriptions, deliveries, digestRuns, notifications } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** A channel's digest subscription, as `/sla subscribe digest` stored it. */
export interface DigestSubscription {
  readonly tenant: string;
  readonly id: string;
  readonly platform: string;
  readonly channel: string;
  readonly team: string | null;
  /** A monthly statement digest's organization (for account managers); none for the others. */
  readonly organization?: string | null;
  readonly schedule: DigestSchedule;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** Every digest subscription of every tenant. */
export async function digestSubscriptions(db: Database): Promise<DigestSubscription[]> {
  const rows = await db
    .select()
    .from(chatSubscriptions)
    .where(and(eq(chatSubscriptions.kind, 'digest'), isNotNull(chatSubscriptions.schedule)));
  return rows.flatMap((r) =>
    r.schedule
      ? [
          {
            tenant: r.tenantId,
            id: r.id,
            platform: r.platform,
            channel: r.channel,
            team: r.filters.team ?? null,
            organization: r.filters.organization ?? null,
            schedule: r.schedule,
            createdAt: r.createdAt.getTime(),
          },
        ]
      : [],
  );
}

/** Whether a subscription's digest for a period exists already (queued or sent). */
export async function digestRunExists(
  db: Database,
  tenant: string,
  subscription: string,
  period: string,
): Promise<boolean> {
  const [row] = await db
    .select({ period: digestRuns.period })
    .from(digestRuns)
    .where(
      and(
        eq(digestRuns.tenantId, tenant),
        eq(digestRuns.subscriptionId, subscription),
        eq(digestRuns.period, period),
      ),
    );
  return row !== undefined;
}

/**
 * Queues a digest exactly once: the run's key (tenant, subscription, period) is claimed in
 * the same transaction that writes the digest to the outbox for its channel, so two workers
 * building the same digest leave one run, one notification and one delivery.
 * @returns whether this call queued it (false: another worker had)
 */
export async function queueDigest(
  db: Database,
  d: {
    subscription: DigestSubscription;
    period: string;
    at: number;
    late: boolean;
    payload: DigestPayload;
    now: number;
  },
): Promise<boolean> {
  const { tenant, id, platform, channel } = d.subscription;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(digestRuns)
      .values({
        tenantId: tenant,
        subscriptionId: id,
        period: d.period,
        late: d.late,
        state: 'queued',
      })
      .onConflictDoNothing()
      .returning({ period: digestRuns.period });
    if (claimed.length === 0) return false;
    // A digest rides the outbox as a notification of kind 'digest' (no metric), keyed by
    // subscription and period, so delivery, retries and failure records are the alerts' own.
    const [notification] = await tx
      .insert(notifications)
      .values({
        tenantId: tenant,
        ticketId: `digest:${id}`,
        kind: 'digest',
        cycle: 0,
        level: d.period,
        at: new Date(d.at),
        late: d.late,
        payload: d.payload,
      })
      .returning({ id: notifications.id });
    if (!notification) throw new Error('digest notification not written');
    await tx.insert(deliveries).values({
      tenantId: tenant,
      notificationId: Number(notification.id),
      destination: formatDestination({ platform, kind: 'channel', id: channel }),
      state: 'pending',
      nextAttemptAt: new Date(d.now),
    });
    return true;
  });
}
