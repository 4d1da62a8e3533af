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
  /** "Sign in with Slack" (OpenID Connect), offered on the sign-in page when set. */
  readonly slack?: SlackSignIn;
}

/** The Slack app's credentials for "Sign in with Slack" (the app that is installed). */
export interface SlackSignIn {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * The Web API base, as Bolt's `slackApiUrl` (default `https://slack.com/api/`); the
   * authorize page is `../openid/connect/authorize` from it, on slack.com as on a fake.
   */
  readonly apiUrl?: string;
  /**
   * Where browsers reach the console (`https://sla.example.com`), for the redirect URI
   * registered in the Slack app; unset, the request's own origin.
   */
  readonly consoleUrl?: string;
}

/** Hono variables: the signed-in session, set by `requireSession`. */
export type ConsoleEnv = { Variables: { session: ConsoleSession } };
