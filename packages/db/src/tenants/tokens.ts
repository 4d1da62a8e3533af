import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiTokens, tenants } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { TokenVerifier } from './token-verifier.js';

const hash = (secret: string) => createHash('sha256').update(secret).digest();

/** A token's tenant and id, once its secret matched and it was found unrevoked. */
export interface VerifiedToken {
  readonly tenant: string;
  readonly tokenId: string;
}

/** The id and secret of a well-formed token (`bl_<id>_<secret>`), or `undefined`. */
export function tokenParts(token: string): { id: string; secret: string } | undefined {
  const m = /^bl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const [, id, secret] = m as unknown as [string, string, string];
  return { id, secret };
}

/**
 * Whether `secret` is the one whose hash is stored, in constant time: how much of a guess
 * matched must not show in the response time.
 */
export function secretMatches(secretHash: string, secret: string): boolean {
  const stored = Buffer.from(secretHash, 'hex');
  const given = hash(secret);
  return stored.length === given.length && timingSafeEqual(stored, given);
}

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
