import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from './columns.js';

/**
 * A chat app installed in a workspace (a Slack team or enterprise), linked to one of our
 * tenants. `installation` is the platform's own record (tokens included), kept whole so the
 * SDK gets back exactly what it stored.
 */
export const chatInstallations = pgTable(
  'chat_installations',
  {
    platform: text('platform').notNull(),
    /** `T123` for a workspace install, `E123` for an org-wide install. */
    workspace: text('workspace').notNull(),
    tenantId: tenantId(),
    installation: jsonb('installation').notNull(),
    installedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.workspace] }),
    index('chat_installations_tenant').on(t.tenantId, t.platform),
  ],
);

/**
 * Requests a chat platform may send more than once (Slack retries an event it thinks we
 * missed): the first one claims its id here and the others are acknowledged unprocessed.
 */
export const chatReceipts = pgTable(
  'chat_receipts',
  {
    platform: text('platform').notNull(),
    id: text('id').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.id] }), index('chat_receipts_age').on(t.receivedAt)],
);

/**
 * Where a bot may speak unprompted (Teams): the conversation reference the platform gave when
 * the bot was installed or addressed, needed for every proactive message. Removed when the
 * bot is uninstalled or removed from the team.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    tenantId: tenantId(),
    platform: text('platform').notNull(),
    conversationId: text('conversation_id').notNull(),
    /** `channel`, `personal` or `groupChat`. */
    kind: text('kind').notNull(),
    /** The team a channel belongs to, so removing the bot from a team forgets its channels. */
    teamId: text('team_id'),
    /** The user of a personal conversation (their AAD object id), for direct alerts. */
    userId: text('user_id'),
    reference: jsonb('reference').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platform, t.conversationId] }),
    index('chat_conversations_user').on(t.tenantId, t.platform, t.userId),
  ],
);
