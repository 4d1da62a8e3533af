// What a token is made of and how its secret is checked, apart from storing and reading tokens:
// both the one-token check (tokens.ts) and the shared check (token-verifier.ts) use it.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The SHA-256 of a token's secret: what is stored in its place. */
export const hash = (secret: string) => createHash('sha256').update(secret).digest();

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
