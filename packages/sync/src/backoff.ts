/** The longest a failing connection waits between two tries: an hour. */
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * When to try a failing connection again: 30 s doubled for each failure in a row, at most
 * an hour, with full jitter over its upper half so that the replicas and tenants that
 * failed together (a helpdesk outage) do not come back in step.
 * @param random a number in [0, 1): injected so tests know the answer
 */
export function backoffMs(failures: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.min(failures, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * When to read again after a rate limit: what `Retry-After` said, plus up to a tenth more
 * (at least a second), so connections limited at once do not all ask at the same instant.
 */
export function retryAfterMs(retryAfter: number, random: () => number): number {
  return Math.round(retryAfter + random() * Math.max(1_000, retryAfter / 10));
}
