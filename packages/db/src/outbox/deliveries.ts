import type { AlertPayload } from '@breachless/core';
import { and, eq, sql } from 'drizzle-orm';
import type { DigestPayload } from '../schema/index.js';
import { deliveries } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/** A message a chat platform holds, as `deliveries.message_ref` keeps it (`conversation/id`). */
export interface StoredRef {
  readonly conversation: string;
  readonly id: string;
}

const refText = (r: StoredRef) => `${r.conversation}/${r.id}`;
export const refOf = (text: string | null): StoredRef | null => {
  if (!text) return null;
  // The id after the last slash: a conversation id may hold slashes, message ids do not.
  const cut = text.lastIndexOf('/');
  return { conversation: text.slice(0, cut), id: text.slice(cut + 1) };
};

/** The key of one delivery row. */
export interface DeliveryKey {
  readonly tenant: string;
  readonly notificationId: number;
  readonly destination: string;
}

/** A claimed row: `kind` says what its metric and payload are (the outbox writes them so). */
type ClaimRow = {
  tenant_id: string;
  notification_id: string | number;
  destination: string;
  attempts: number;
  ticket_id: string;
  cycle: number;
  level: string;
  late: boolean;
  root: string | null;
} & (
  | { kind: 'alert'; metric: string; payload: AlertPayload }
  | { kind: 'digest'; metric: null; payload: DigestPayload }
);

/** The row's kind with its metric and payload, typed together. */
const content = (r: ClaimRow) =>
  r.kind === 'alert'
    ? { kind: r.kind, metric: r.metric, payload: r.payload }
    : { kind: r.kind, metric: r.metric, payload: r.payload };

/**
 * Claims due deliveries of one platform (`slack:...` destinations) for a chat app replica:
 * rows another replica holds are skipped (`FOR UPDATE SKIP LOCKED`), at most `perLane` per
 * destination are taken so the rest stay for other replicas, and each claim is a lease: the
 * row is `sending` until `now + leaseMs`, after which it is offered again. Each comes with
 * the message an earlier level of its cycle left at its destination (the root to update).
 */
export async function claimDeliveries(
  db: Database,
  o: {
    platform: string;
    now: number;
    limit: number;
    perLane: number;
    leaseMs: number;
    busy: readonly string[];
  },
) {
  const now = new Date(o.now).toISOString();
  const until = new Date(o.now + o.leaseMs).toISOString();
  const rows = rowsOf<ClaimRow>(
    await db.execute(sql`
      with ready as (
        select tenant_id, notification_id, destination, next_attempt_at from deliveries
        where state in ('pending', 'sending') and next_attempt_at <= ${now}::timestamptz
          and destination like ${`${o.platform}:%`}
        order by next_attempt_at, notification_id
        limit ${o.limit * 4}
        for update skip locked
      ), ranked as (
        select *, row_number() over (
          partition by tenant_id, destination order by next_attempt_at, notification_id) as rn
        from ready
        where not ((tenant_id || ' ' || destination) = any(array(select jsonb_array_elements_text(${JSON.stringify(o.busy)}::jsonb))))
      ), taken as (
        select * from ranked where rn <= ${o.perLane}
        order by next_attempt_at, notification_id limit ${o.limit}
      ), claimed as (
        update deliveries d set state = 'sending', next_attempt_at = ${until}::timestamptz
        from taken t
        where d.tenant_id = t.tenant_id and d.notification_id = t.notification_id
          and d.destination = t.destination
        returning d.tenant_id, d.notification_id, d.destination, d.attempts
      )
      select c.*, n.ticket_id, n.kind, n.metric, n.cycle, n.level, n.late, n.payload,
        (select p.message_ref from notifications pn
          join deliveries p on p.tenant_id = pn.tenant_id and p.notification_id = pn.id
            and p.destination = c.destination
          where pn.tenant_id = n.tenant_id and pn.ticket_id = n.ticket_id
            and pn.metric = n.metric and pn.cycle = n.cycle and p.message_ref is not null
          limit 1) as root
      from claimed c
      join notifications n on n.tenant_id = c.tenant_id and n.id = c.notification_id
      order by n.id`),
  );
  // int8 comes back as a string from postgres.js and as a number from PGlite.
  return rows.map((r) => ({
    tenant: r.tenant_id,
    notificationId: Number(r.notification_id),
    destination: r.destination,
    attempts: r.attempts,
    ticket: r.ticket_id,
    cycle: r.cycle,
    level: r.level,
    late: r.late,
    root: refOf(r.root),
    ...content(r),
  }));
}

const keyOf = (k: DeliveryKey) =>
  and(
    eq(deliveries.tenantId, k.tenant),
    eq(deliveries.notificationId, k.notificationId),
    eq(deliveries.destination, k.destination),
  );

/**
 * Records a delivered message. `settled` (the message already shows the cycle's end, as a
 * breach does) settles every delivery living in the same message.
 */
export async function markDelivered(
  db: Database,
  k: DeliveryKey,
  ref: StoredRef,
  settled: string | null,
  now: number,
): Promise<void> {
  await db
    .update(deliveries)
    .set({
      state: 'delivered',
      messageRef: refText(ref),
      deliveredAt: new Date(now),
      lastError: null,
      nextAttemptAt: null,
      settled,
    })
    .where(keyOf(k));
  if (settled) await settleMessage(db, k.tenant, k.destination, ref, settled);
}

/** Puts a delivery back for another attempt, counting the failure and keeping its error. */
export async function markRetry(
  db: Database,
  k: DeliveryKey,
  error: string,
  nextAttemptAt: number,
): Promise<void> {
  await db
    .update(deliveries)
    .set({
      state: 'pending',
      attempts: sql`${deliveries.attempts} + 1`,
      lastError: error,
      nextAttemptAt: new Date(nextAttemptAt),
    })
    .where(keyOf(k));
}

/** Gives up on a delivery; the error stays for `/sla subscriptions` and the notification log. */
export async function markFailed(db: Database, k: DeliveryKey, error: string): Promise<void> {
  await db
    .update(deliveries)
    .set({
      state: 'failed',
      attempts: sql`${deliveries.attempts} + 1`,
      lastError: error,
      nextAttemptAt: null,
    })
    .where(keyOf(k));
}

/** Marks every delivery that lives in message `ref` at `destination` as showing `outcome`. */
export async function settleMessage(
  db: Database,
  tenant: string,
  destination: string,
  ref: StoredRef,
  outcome: string,
): Promise<void> {
  await db
    .update(deliveries)
    .set({ settled: outcome })
    .where(
      and(
        eq(deliveries.tenantId, tenant),
        eq(deliveries.destination, destination),
        eq(deliveries.messageRef, refText(ref)),
        sql`${deliveries.state} = 'delivered' and ${deliveries.settled} is null`,
      ),
    );
}
