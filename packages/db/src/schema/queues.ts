import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns.js';

/** Contact-center interactions (calls, chats) offered to a queue: service level reads these. */
export const queueInteractions = pgTable(
  'queue_interactions',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    queue: text('queue').notNull(),
    channel: text('channel'),
    offeredAt: instant('offered_at').notNull(),
    answeredAt: instant('answered_at'),
    abandonedAt: instant('abandoned_at'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('queue_interactions_offered').on(t.tenantId, t.offeredAt),
  ],
);
