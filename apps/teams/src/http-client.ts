/**
 * The HTTP client the Bot Connector calls go through. The connector's own pipeline retries
 * 429s and 5xx by sleeping for real; that would hide Teams' throttling from our delivery
 * lanes and stall them. This client answers those statuses with a `ConnectorStatusError`
 * (not a pipeline error, so the pipeline does not retry it), and the lanes decide.
 */
export class ConnectorStatusError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    body: string,
  ) {
    super(`Bot Connector answered HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'ConnectorStatusError';
  }
}

/** Statuses Teams documents as throttling or transient: retried by the lanes, not here. */
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

interface WebResource {
  url: string;
  method: string;
  headers: { rawHeaders(): Record<string, string> };
  body?: unknown;
  abortSignal?: AbortSignal;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A core-http style client over fetch, for `ConnectorClientOptions.httpClient`. */
export function connectorHttpClient() {
  return {
    async sendRequest(request: WebResource) {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers.rawHeaders(),
        body: typeof request.body === 'string' ? request.body : undefined,
        signal: request.abortSignal ?? null,
      });
      const bodyAsText = await res.text();
      if (RETRYABLE.has(res.status))
        throw new ConnectorStatusError(
          res.status,
          retryAfter(res.headers.get('retry-after')),
          bodyAsText,
        );
      const headers = Object.fromEntries(res.headers);
      return {
        request,
        status: res.status,
        headers: {
          toJson: () => headers,
          rawHeaders: () => headers,
          get: (name: string) => res.headers.get(name) ?? undefined,
        },
        bodyAsText,
      };
    },
  };
}
