/** How long to wait before attempt `attempts + 1` after a transient failure. */
export type Backoff = (attempts: number) => number;

/**
 * Exponential backoff with jitter (a random wait between half and all of the exponential
 * bound), so deliveries that failed together do not all come back at the same instant.
 * @param random injected so tests can pin the jitter
 */
export function exponentialBackoff(
  baseMs = 2_000,
  capMs = 300_000,
  random: () => number = Math.random,
): Backoff {
  return (attempts) => {
    const bound = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(bound / 2 + (random() * bound) / 2);
  };
}
