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

/**
 * Attempts before a delivery that keeps failing transiently (5xx, network) is marked failed.
 * With `exponentialBackoff()` the attempts span 12 to 24 minutes: a chat platform's incident
 * of that length delays alerts but loses none (the soak test's 500 window checks it).
 */
export const DELIVERY_ATTEMPTS = 12;
