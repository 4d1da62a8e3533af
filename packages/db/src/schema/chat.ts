import type { NotificationKind } from '@breachless/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from './columns.js';
import type { DigestSchedule, NotificationPayload, SubscriptionFilters } from './payloads.js';

/** The outbox: one row per fired level of a cycle, created exactly once. */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /** An alert's ticket, or `digest:<subscription>` for a digest. */
    ticketId: text('ticket_id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull().default('alert'),
    /** An alert's metric; a digest has none. */
    metric: text('metric'),
    cycle: integer('cycle').notNull(),
    /** As the policy writes it (`75%`, `30m`) or `breach`; a digest's period (`2026-11-23`). */
    level: text('level').notNull(),
    at: instant('at').notNull(),
    late: boolean('late').notNull().default(false),
    /** An `AlertPayload` for an alert, a `DigestPayload` for a digest (`kind` says which). */
    payload: jsonb('payload').$type<NotificationPayload>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('notifications_once').on(t.tenantId, t.ticketId, t.metric, t.cycle, t.level),
  ],
);

/** Where each notification went, or why it did not. */
export const deliveries = pgTable(
  'deliveries',
  {
    tenantId: tenantId(),
    notificationId: bigint('notification_id', { mode: 'number' }).notNull(),
    destination: text('destination').notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at'),
    /** `conversation/id` of the message the cycle lives in at this destination. */
    messageRef: text('message_ref'),
    deliveredAt: instant('delivered_at'),
    /** The final state the message shows (`breached`, `achieved`, `cancelled`); null while open. */
    settled: text('settled'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.notificationId, t.destination] }),
    index('deliveries_due').on(t.state, t.nextAttemptAt),
    index('deliveries_unsettled')
      .on(t.tenantId, t.notificationId)
      .where(sql`${t.state} = 'delivered' and ${t.settled} is null`),
  ],
);

/** Channels subscribed to alerts or digests, from `/sla subscribe`. */
export const chatSubscriptions = pgTable(
  'chat_subscriptions',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    platform: text('platform').notNull(),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(),
    filters: jsonb('filters').$type<SubscriptionFilters>().notNull().default({}),
    schedule: jsonb('schedule').$type<DigestSchedule>(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Which helpdesk agent a chat user is, from `/sla link` or an email lookup. */
export const chatIdentities = pgTable(
  'chat_identities',
  {
    tenantId: tenantId(),
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    agent: text('agent').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platform, t.userId] }),
    index('chat_identities_agent').on(t.tenantId, t.agent),
  ],
);

/** One digest per subscription and period, even with several workers. */
export const digestRuns = pgTable(
  'digest_runs',
  {
    tenantId: tenantId(),
    subscriptionId: text('subscription_id').notNull(),
    period: text('period').notNull(),
    late: boolean('late').notNull().default(false),
    state: text('state').notNull().default('pending'),
    createdAt: createdAt(),
    sentAt: instant('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.subscriptionId, t.period] })],
);

/** Acknowledgements and snoozes from the chat apps: they silence a cycle's further warnings. */
export const cycleAcks = pgTable(
  'cycle_acks',
  {
    tenantId: tenantId(),
    ticketId: text('ticket_id').notNull(),
    metric: text('metric').notNull(),
    cycle: integer('cycle').notNull(),
    userId: text('user_id').notNull(),
    /** `ack` silences every further warning; `snooze` until `until`. Breaches always go out. */
    kind: text('kind').notNull(),
    until: instant('until'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ticketId, t.metric, t.cycle, t.userId] })],
);
