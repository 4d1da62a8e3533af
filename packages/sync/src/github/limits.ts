import { DEFAULT_RETRY_MS, type LimitOf, retryAfterOf } from '../http-read.js';

/**
 * GitHub's rate limits as "Rate limits for the REST API" documents them: a 403 or 429
 * with `retry-after` waits that many seconds (a secondary limit); with
 * `x-ratelimit-remaining: 0` it waits until `x-ratelimit-reset` (Unix seconds: the primary
 * limit); a 429 without either waits a minute, as the document asks. A 403 without them
 * is a refusal (a token without access), not a limit.
 */
export function githubLimit(clock: () => number): LimitOf {
  return (response) => {
    if (response.status !== 403 && response.status !== 429) return undefined;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null) return retryAfterOf(retryAfter, clock());
    if (response.headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      return Number.isFinite(reset) ? Math.max(0, reset * 1000 - clock()) : DEFAULT_RETRY_MS;
    }
    return response.status === 429 ? DEFAULT_RETRY_MS : undefined;
  };
}

/**
 * The `rel="next"` address of a `Link` header (RFC 8288, as "Using pagination in the REST
 * API" shows it: `<https://api.github.com/...&page=2>; rel="next", <...>; rel="last"`).
 */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m?.[2]?.split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}
