import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from './columns.js';

/**
 * A helpdesk connected for sync (`breachless connect`): how to read its REST API, where
 * reading stopped, and what a user sees of its health. One per tenant and platform. The
 * credentials are kept in plain text like webhook secrets (they must be sent as they are)
 * and never leave the database but to the helpdesk: no route or command prints them.
 * Workers share the job through this row: one claims it (`lease_until`) with `FOR UPDATE
 * SKIP LOCKED`, reads, and writes back the cursor and the next run.
 */
export const syncConnections = pgTable(
  'sync_connections',
  {
    tenantId: tenantId(),
    platform: text('platform').notNull(),
    baseUrl: text('base_url').notNull(),
    /** `{email, token}` (Zendesk), `{token}` (GitHub), `{email, token}` (Jira). */
    credentials: jsonb('credentials').notNull(),
    /** Platform settings that are not secret (GitHub's repositories, Jira's JQL). */
    settings: jsonb('settings').notNull().default({}),
    /** `backfill` until the first time it catches up, then `reconcile`. */
    phase: text('phase').notNull().default('backfill'),
    /** Where the next read starts, in the platform's own terms. */
    cursor: text('cursor'),
    /** The instant the cursor stands at: lag is now minus this. */
    cursorAt: instant('cursor_at'),
    /** Seconds between two reconciliations once caught up. */
    intervalSeconds: integer('interval_seconds').notNull().default(300),
    nextRunAt: instant('next_run_at').notNull().defaultNow(),
    /** Held by the worker (or `connect`) reading it until then; a crash frees it then. */
    leaseUntil: instant('lease_until'),
    leaseOwner: text('lease_owner'),
    lastSuccessAt: instant('last_success_at'),
    lastAttemptAt: instant('last_attempt_at'),
    lastError: text('last_error'),
    lastErrorAt: instant('last_error_at'),
    /** Failures in a row: the backoff grows with them; a success resets it. */
    failures: integer('failures').notNull().default(0),
    /** The account of every record read: records, stored, seen, duplicates, rejected. */
    backfilled: jsonb('backfilled').notNull().default({}),
    /** The same account for reconciliation: its `stored` are the events it repaired. */
    reconciled: jsonb('reconciled').notNull().default({}),
    createdAt: createdAt(),
    credentialsChangedAt: instant('credentials_changed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platform] }),
    index('sync_connections_due').on(t.nextRunAt),
  ],
);
