/**
 * What a chat platform's send can fail with, in the product's words: the delivery loop
 * decides from the class alone whether to wait, retry or give up, whatever the platform.
 * Each keeps the platform's own error as `cause`.
 */
export abstract class ChatError extends Error {
  /** Stable for logs and the `deliveries.last_error` column. */
  abstract readonly code: 'rate_limited' | 'transient' | 'permanent';
}

/** The platform asked us to slow down (HTTP 429): try the same message after `retryAfterMs`. */
export class RateLimitedError extends ChatError {
  readonly code = 'rate_limited';
  constructor(
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`rate limited: retry after ${Math.ceil(retryAfterMs / 1000)} s`, options);
    this.name = 'RateLimitedError';
  }
}

/** Worth trying again later: a 5xx answer, a dropped connection, a timeout. */
export class TransientChatError extends ChatError {
  readonly code = 'transient';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientChatError';
  }
}

/** Will fail the same way every time (channel gone, bot removed, token revoked). */
export class PermanentChatError extends ChatError {
  readonly code = 'permanent';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentChatError';
  }
}
