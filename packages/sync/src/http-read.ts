import type { Failed, Limited } from './platform.js';

/** What sync calls to reach a helpdesk: `fetch`, or a test's own. */
export type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

/**
 * A platform's own reading of a refusal as a rate limit (GitHub's 403 with
 * `x-ratelimit-remaining: 0`): the milliseconds to wait, or `undefined` when it is not one.
 */
export type LimitOf = (response: Response) => number | undefined;

function limited(platform: string, status: number, retryAfterMs: number): Limited {
  return {
    kind: 'limited',
    retryAfterMs,
    message: `${platform}: rate limited (${status}), retry after ${Math.ceil(retryAfterMs / 1000)} s`,
  };
}

/** A minute: what a 429 without a usable `Retry-After` waits (the platforms' limit window). */
export const DEFAULT_RETRY_MS = 60_000;

/**
 * GETs a JSON page. A 429 (or a 503 with `Retry-After`, as a platform under maintenance
 * answers) is `limited` for the seconds the header says; any other failure is `failed`,
 * saying the status and the platform's own short message, never the request's headers
 * (they carry the credentials).
 */
export async function getJson(
  fetcher: Fetch,
  url: string,
  headers: Record<string, string>,
  platform: string,
  limitOf?: LimitOf,
): Promise<{ kind: 'json'; body: unknown; response: Response } | Limited | Failed> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: 'application/json', ...headers } });
  } catch (error) {
    const host = new URL(url).host;
    return { kind: 'failed', message: `${platform}: cannot reach ${host}: ${reason(error)}` };
  }
  const own = limitOf?.(response);
  if (own !== undefined) {
    await response.body?.cancel();
    return limited(platform, response.status, own);
  }
  const retryAfter = response.headers.get('retry-after');
  if (response.status === 429 || (response.status === 503 && retryAfter !== null)) {
    await response.body?.cancel();
    return limited(platform, response.status, retryAfterOf(retryAfter, Date.now()));
  }
  if (response.status === 304) return { kind: 'json', body: null, response };
  const text = await response.text();
  if (!response.ok)
    return { kind: 'failed', message: `${platform}: ${response.status} ${short(text)}`.trim() };
  try {
    return { kind: 'json', body: JSON.parse(text), response };
  } catch {
    return { kind: 'failed', message: `${platform}: ${response.status} answer is not JSON` };
  }
}

/**
 * `Retry-After` as milliseconds: delay-seconds, or an HTTP date (RFC 9110, 10.2.3); absent
 * or unreadable waits a minute.
 */
export function retryAfterOf(value: string | null, now: number): number {
  if (value === null || value.trim() === '') return DEFAULT_RETRY_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_MS : Math.max(0, at - now);
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

function short(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
