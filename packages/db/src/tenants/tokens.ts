import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { apiTokens, tenants } from '../schema/index.js';
import type { Database } from '../storage/index.js';

const hash = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * Creates an API token for a tenant (and the tenant, if new). The token is returned once:
 * only a hash of its secret is stored. Format: `bl_<id>_<secret>`.
 */
export async function createToken(db: Database, tenant: string, label?: string): Promise<string> {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await db.insert(tenants).values({ id: tenant, name: tenant }).onConflictDoNothing();
  await db.insert(apiTokens).values({
    tenantId: tenant,
    id,
    secretHash: hash(secret).toString('hex'),
    label: label ?? null,
  });
  return `bl_${id}_${secret}`;
}

/** The token's tenant and id, or `undefined` for a malformed, unknown or revoked token. */
export async function verifyToken(
  db: Database,
  token: string,
): Promise<{ tenant: string; tokenId: string } | undefined> {
  const m = /^bl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const [, id, secret] = m as unknown as [string, string, string];
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  // Constant time: how much of a guess matched must not show in the response time.
  const stored = Buffer.from(row.secretHash, 'hex');
  const given = hash(secret);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return undefined;
  return { tenant: row.tenantId, tokenId: row.id };
}

/** Revokes a token: it stops working at once. */
export async function revokeToken(db: Database, tokenId: string): Promise<void> {
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId));
}
