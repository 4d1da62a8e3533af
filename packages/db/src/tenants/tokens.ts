import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiTokens, tenants } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { hash, type VerifiedToken } from './token-secret.js';
import { TokenVerifier } from './token-verifier.js';

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

/**
 * The token's tenant and id, or `undefined` for a malformed, unknown or revoked token. One
 * statement for this token alone; a server checking many requests shares statements through
 * a `TokenVerifier`.
 */
export function verifyToken(db: Database, token: string): Promise<VerifiedToken | undefined> {
  return new TokenVerifier(db).verify(token);
}

/** Revokes a token: it stops working at once. */
export async function revokeToken(db: Database, tokenId: string): Promise<void> {
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId));
}
