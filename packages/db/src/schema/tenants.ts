import { integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from './columns.js';

/** A customer of Breachless: one helpdesk, its calendars and policies, its chat workspaces. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** API tokens: only a hash of the secret is stored; the token is shown once at creation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    secretHash: text('secret_hash').notNull(),
    label: text('label'),
    createdAt: createdAt(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('api_tokens_id_key').on(t.id)],
);

/** Versioned configurations (calendars and policies): who changed what, and when. */
export const configs = pgTable(
  'configs',
  {
    tenantId: tenantId(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    changedBy: text('changed_by').notNull(),
    createdAt: createdAt(),
  },
  // The primary key serves "latest version" too: a b-tree reads backwards as fast.
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

/**
 * The secrets helpdesks sign their webhooks with. Kept in plain text, unlike API tokens: an
 * HMAC can only be checked with the secret itself. Several per platform while one is being
 * rotated out; any of them verifies. The route's `?tenant=` picks the tenant, and only that
 * tenant's secrets can verify, so naming another tenant gains nothing.
 */
export const webhookSecrets = pgTable(
  'webhook_secrets',
  {
    tenantId: tenantId(),
    platform: text('platform').notNull(),
    secret: text('secret').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.platform, t.secret] })],
);
