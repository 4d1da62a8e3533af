import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from './columns.js';

/**
 * One-time sign-in links to the web console (`breachless login-link`): only a hash of the
 * secret is stored, like API tokens; a link works once (`used_at`) and only until `expires_at`.
 */
export const consoleLoginLinks = pgTable('console_login_links', {
  secretHash: text('secret_hash').primaryKey(),
  tenantId: tenantId(),
  /** `admin` may change the config; `viewer` reads and acknowledges. */
  role: text('role').notNull(),
  /** Who the link signs in, as the console names the author of a config version. */
  userName: text('user_name').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
  createdAt: createdAt(),
});

/**
 * Console sessions, by a hash of the cookie's secret; `csrf` is the token every write of the
 * session must carry (the cookie alone never authorises one).
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    secretHash: text('secret_hash').primaryKey(),
    tenantId: tenantId(),
    role: text('role').notNull(),
    userName: text('user_name').notNull(),
    csrf: text('csrf').notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('console_sessions_expiry').on(t.expiresAt)],
);
