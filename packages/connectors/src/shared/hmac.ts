import { createHmac, timingSafeEqual } from 'node:crypto';

/** A request body exactly as received; signatures are over these bytes, never re-serialized JSON. */
export type RawBody = string | Uint8Array;

/** HMAC of the parts, in order, keyed with `secret`. */
export function hmac(
  algorithm: 'sha256' | 'sha384' | 'sha512',
  secret: string,
  parts: readonly RawBody[],
): Buffer {
  const mac = createHmac(algorithm, secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Compares a signature we computed with the one received, in time independent of where
 * they differ. Both are compared as their text encodings (hex or base64), so a received
 * value with stray characters cannot decode leniently into a match; unequal lengths
 * return early, which reveals only the length of a public format.
 */
export function sameSignature(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One secret, or several while one is being rotated out; empty secrets never verify. */
export type Secrets = string | readonly string[];

/** The usable secrets of a `Secrets` value. */
export function secretList(secrets: Secrets): string[] {
  return (typeof secrets === 'string' ? [secrets] : [...secrets]).filter((s) => s.length > 0);
}
