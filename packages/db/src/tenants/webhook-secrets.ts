import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { tenants, webhookSecrets } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/**
 * Adds a webhook signing secret for a tenant's helpdesk (and the tenant, if new): the one
 * the helpdesk generated (Zendesk shows its signing secret), or a new random one to paste
 * into the helpdesk (GitHub, Jira). Earlier secrets keep verifying until removed, so a
 * secret can be rotated without dropping a webhook.
 * @returns the secret stored
 */
export async function addWebhookSecret(
  db: Database,
  tenant: string,
  platform: string,
  secret?: string,
): Promise<string> {
  const value = secret ?? randomBytes(32).toString('base64url');
  await db.insert(tenants).values({ id: tenant, name: tenant }).onConflictDoNothing();
  await db
    .insert(webhookSecrets)
    .values({ tenantId: tenant, platform, secret: value })
    .onConflictDoNothing();
  return value;
}

/** Removes every secret of a tenant's platform but `keep` (the end of a rotation). */
export async function removeWebhookSecrets(
  db: Database,
  tenant: string,
  platform: string,
  keep?: string,
): Promise<number> {
  const removed = await db
    .delete(webhookSecrets)
    .where(and(eq(webhookSecrets.tenantId, tenant), eq(webhookSecrets.platform, platform)))
    .returning({ secret: webhookSecrets.secret });
  if (keep !== undefined && removed.some((r) => r.secret === keep))
    await addWebhookSecret(db, tenant, platform, keep);
  return removed.filter((r) => r.secret !== keep).length;
}
