import { and, desc, eq, sql } from 'drizzle-orm';
import { chatConversations } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** A conversation a bot may post to, with the platform's reference for it. */
export interface StoredConversation {
  readonly conversationId: string;
  readonly kind: string;
  readonly teamId: string | null;
  readonly userId: string | null;
  readonly reference: unknown;
}

/** Stores (or refreshes) a conversation reference. */
export async function saveConversation(
  db: Database,
  tenant: string,
  platform: string,
  c: StoredConversation,
): Promise<void> {
  const row = { tenantId: tenant, platform, ...c };
  await db
    .insert(chatConversations)
    .values(row)
    .onConflictDoUpdate({
      target: [
        chatConversations.tenantId,
        chatConversations.platform,
        chatConversations.conversationId,
      ],
      set: {
        kind: c.kind,
        teamId: c.teamId,
        userId: c.userId,
        reference: c.reference,
        updatedAt: sql`now()`,
      },
    });
}

/** Forgets one conversation, or every channel of a team. @returns how many were forgotten */
export async function forgetConversations(
  db: Database,
  tenant: string,
  platform: string,
  which: { conversationId: string } | { teamId: string },
): Promise<number> {
  const match =
    'teamId' in which
      ? eq(chatConversations.teamId, which.teamId)
      : eq(chatConversations.conversationId, which.conversationId);
  const gone = await db
    .delete(chatConversations)
    .where(
      and(eq(chatConversations.tenantId, tenant), eq(chatConversations.platform, platform), match),
    )
    .returning({ id: chatConversations.conversationId });
  return gone.length;
}

/** A stored conversation by id, a user's personal one, or the latest of the tenant (for its service URL). */
export async function findConversation(
  db: Database,
  tenant: string,
  platform: string,
  which: { conversationId: string } | { userId: string } | { any: true },
): Promise<StoredConversation | null> {
  const match =
    'conversationId' in which
      ? eq(chatConversations.conversationId, which.conversationId)
      : 'userId' in which
        ? and(eq(chatConversations.userId, which.userId), eq(chatConversations.kind, 'personal'))
        : undefined;
  const [row] = await db
    .select()
    .from(chatConversations)
    .where(
      and(eq(chatConversations.tenantId, tenant), eq(chatConversations.platform, platform), match),
    )
    .orderBy(desc(chatConversations.updatedAt))
    .limit(1);
  return row
    ? {
        conversationId: row.conversationId,
        kind: row.kind,
        teamId: row.teamId,
        userId: row.userId,
        reference: row.reference,
      }
    : null;
}
