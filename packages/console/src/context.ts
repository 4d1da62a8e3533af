import type { ConsoleSession, Database, EngineCache } from '@breachless/db';
import type { Logger } from 'pino';

/** What the console needs, injected: tests pass a real database and a clock they move. */
export interface ConsoleDeps {
  readonly db: Database;
  readonly engines: EngineCache;
  /** UTC milliseconds: real time, or the demo's simulated time. */
  readonly clock: () => number;
  readonly logger: Logger;
  /**
   * Wall-clock time for sign-in links and sessions (default `Date.now`): the demo's simulated
   * clock runs 480 times faster, which would end a 12-hour session in 90 seconds.
   */
  readonly sessionClock?: () => number;
  /** How often a live page's stream looks for a change (default 2 s). */
  readonly livePollMs?: number;
  /** How long a session lasts (default 12 hours). */
  readonly sessionMs?: number;
}

/** Hono variables: the signed-in session, set by `requireSession`. */
export type ConsoleEnv = { Variables: { session: ConsoleSession } };
