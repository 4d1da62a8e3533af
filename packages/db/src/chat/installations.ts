import { and, asc, eq, lt } from 'drizzle-orm';
import { chatInstallations, chatReceipts } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** Stores (or replaces, on reinstall) a chat app's installation in a workspace. */
export async function saveInstallation(
  db: Database,
  i: { platform: string; workspace: string; tenant: string; installation: unknown },
): Promise<void> {
  await db
    .insert(chatInstallations)
    .values({
      platform: i.platform,
      workspace: i.workspace,
      tenantId: i.tenant,
      installation: i.installation,
    })
    .onConflictDoUpdate({
      target: [chatInstallations.platform, chatInstallations.workspace],
      set: { installation: i.installation, tenantId: i.tenant },
    });
}

/** The installation in a workspace with the tenant it serves, or null. */
export async function findInstallation(
  db: Database,
  platform: string,
  workspace: string,
): Promise<{ tenant: string; installation: unknown } | null> {
  const [row] = await db
    .select()
    .from(chatInstallations)
    .where(
      and(eq(chatInstallations.platform, platform), eq(chatInstallations.workspace, workspace)),
    );
  return row ? { tenant: row.tenantId, installation: row.installation } : null;
}

/** The first installation that serves a tenant (where its alerts go), or null. */
export async function installationOfTenant(
  db: Database,
  platform: string,
  tenant: string,
): Promise<{ workspace: string; installation: unknown } | null> {
  const [row] = await db
    .select()
    .from(chatInstallations)
    .where(and(eq(chatInstallations.platform, platform), eq(chatInstallations.tenantId, tenant)))
    .orderBy(asc(chatInstallations.installedAt))
    .limit(1);
  return row ? { workspace: row.workspace, installation: row.installation } : null;
}

/** Forgets an installation (uninstalled, tokens revoked). @returns whether one was stored */
export async function deleteInstallation(
  db: Database,
  platform: string,
  workspace: string,
): Promise<boolean> {
  const gone = await db
    .delete(chatInstallations)
    .where(
      and(eq(chatInstallations.platform, platform), eq(chatInstallations.workspace, workspace)),
    )
    .returning({ workspace: chatInstallations.workspace });
  return gone.length > 0;
}

/**
 * Claims a request id (a Slack event id) the first time it is seen; a retry of the same
 * request, here or on another replica, gets false.
 */
export async function firstReceipt(
  db: Database,
  platform: string,
  id: string,
  now: number,
): Promise<boolean> {
  const claimed = await db
    .insert(chatReceipts)
    .values({ platform, id, receivedAt: new Date(now) })
    .onConflictDoNothing()
    .returning({ id: chatReceipts.id });
  return claimed.length > 0;
}

/** Forgets receipts older than `before`: long after the platform stops retrying. */
export async function forgetReceipts(db: Database, before: number): Promise<void> {
  await db.delete(chatReceipts).where(lt(chatReceipts.receivedAt, new Date(before)));
}
