import type { Database, EngineCache, TicketCache } from '@breachless/db';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RequestStop } from './deadline.js';

/** What the routes need, injected: tests pass a real database and a fixed clock. */
export interface AppDeps {
  readonly db: Database;
  readonly engines: EngineCache;
  /** Tickets this process recomputed lately; absent, every ingest reads tickets back whole. */
  readonly tickets?: TicketCache;
  /** UTC milliseconds. */
  readonly clock: () => number;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Largest accepted request body. */
  readonly maxBodyBytes: number;
  /** Largest accepted webhook body; `DEFAULT_MAX_WEBHOOK_BYTES` (512 KiB) if unset. */
  readonly maxWebhookBytes?: number;
  /** How long a request may take before it answers 503; `DEFAULT_REQUEST_TIMEOUT_MS` if unset. */
  readonly requestTimeoutMs?: number;
  /**
   * What a report request waits for before answering 202 while its report runs on (a third
   * of the request timeout, at most 10 s, if unset); tests pass a promise they settle.
   */
  readonly reportPatience?: () => Promise<void>;
}

/**
 * Hono variables: the tenant and token set by the auth middleware, the request's stop set
 * by the deadline (its signal, `requestSignal(c)`, fires when the client goes away or the
 * timeout passes), and
 * when the app took the request (`performance.now()`, set by `observe`).
 */
export type AppEnv = {
  Variables: { tenant: string; tokenId: string; stop: RequestStop; began: number };
};
