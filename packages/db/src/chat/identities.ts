import { and, eq, sql } from 'drizzle-orm';
import { chatIdentities, cycleAcks } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** Maps a chat user to a helpdesk agent (`/sla link`), replacing an earlier link. */
export async function linkIdentity(
  db: Database,
  tenant: string,
  link: { platform: string; user: string; agent: string },
): Promise<void> {
  await db
    .insert(chatIdentities)
    .values({ tenantId: tenant, platform: link.platform, userId: link.user, agent: link.agent })
    .onConflictDoUpdate({
      target: [chatIdentities.tenantId, chatIdentities.platform, chatIdentities.userId],
      set: { agent: link.agent, createdAt: sql`now()` },
    });
}

/** The helpdesk agent a chat user linked to, or null. */
export async function agentOf(
  db: Database,
  tenant: string,
  platform: string,
  user: string,
): Promise<string | null> {
  const [row] = await db
    .select({ agent: chatIdentities.agent })
    .from(chatIdentities)
    .where(
      and(
        eq(chatIdentities.tenantId, tenant),
        eq(chatIdentities.platform, platform),
        eq(chatIdentities.userId, user),
      ),
    )
    .limit(1);
  return row?.agent ?? null;
}

/** The chat user linked to a helpdesk agent, or null (the most recent link wins). */
export async function userOfAgent(
  db: Database,
  tenant: string,
  platform: string,
  agent: string,
): Promise<string | null> {
  const [row] = await db
    .select({ user: chatIdentities.userId })
    .from(chatIdentities)
    .where(
      and(
        eq(chatIdentities.tenantId, tenant),
        eq(chatIdentities.platform, platform),
        eq(chatIdentities.agent, agent),
      ),
    )
    .orderBy(sql`${chatIdentities.createdAt} desc`)
    .limit(1);
  return row?.user ?? null;
}

/**
 * Records an acknowledgement (silences the cycle's further warnings) or a snooze (until
 * `until`) by one user; a later click by the same user replaces the earlier one. Breaches
 * are never silenced (outbox/routing.ts).
 */
export async function recordAck(
  db: Database,
  tenant: string,
  ack: {
    ticket: string;
    metric: string;
    cycle: number;
    user: string;
    kind: 'ack' | 'snooze';
    /** Epoch milliseconds; null for an ack. */
    until: number | null;
  },
): Promise<void> {
  const row = {
    tenantId: tenant,
    ticketId: ack.ticket,
    metric: ack.metric,
    cycle: ack.cycle,
    userId: ack.user,
    kind: ack.kind,
    until: ack.until === null ? null : new Date(ack.until),
  };
  await db
    .insert(cycleAcks)
    .values(row)
    .onConflictDoUpdate({
      target: [
        cycleAcks.tenantId,
        cycleAcks.ticketId,
        cycleAcks.metric,
        cycleAcks.cycle,
        cycleAcks.userId,
      ],
      set: { kind: row.kind, until: row.until, createdAt: sql`now()` },
    });
}
