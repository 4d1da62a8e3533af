import type { TicketEvent } from '@breachless/core';
import type { HeaderSource } from '../shared/headers.js';
import type { RawBody, Secrets } from '../shared/hmac.js';

/** Why a signature check failed; the API answers 401 for all of them and logs the reason. */
export type VerifyFailure =
  | 'no_secret'
  | 'missing_signature'
  | 'malformed_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'signature_mismatch';

/** The outcome of a signature check. */
export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: VerifyFailure; readonly message: string };

/** What every signature check reads. */
export interface VerifyInput {
  /** The shared secret; a list while rotating (any one verifies). */
  readonly secret: Secrets;
  /** The body bytes exactly as received. */
  readonly rawBody: RawBody;
  readonly headers: HeaderSource;
}

/** A signature check that also bounds the signature's age (replayed requests). */
export interface TimedVerifyInput extends VerifyInput {
  /** The current time; default `Date.now()`. */
  readonly now?: Date | number;
  /** How far the signed timestamp may be from `now`, either way; default 300 s. */
  readonly toleranceSeconds?: number;
}

/**
 * What a webhook mapped to: events (already validated by the core), or nothing because the
 * platform sent something we do not track (the API answers 200 or 202 either way, so the
 * platform does not retry).
 */
export type WebhookMapping =
  | { readonly kind: 'events'; readonly events: readonly TicketEvent[] }
  | { readonly kind: 'ignored'; readonly reason: string };

/** A failed check, spelled once. */
export function refuse(reason: VerifyFailure, message: string): VerifyResult {
  return { ok: false, reason, message };
}

/** A mapping that produced nothing to store. */
export function ignored(reason: string): WebhookMapping {
  return { kind: 'ignored', reason };
}
