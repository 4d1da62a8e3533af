import type { Database, EngineCache } from '@breachless/db';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';

/** What the Teams bot's handlers share. */
export interface TeamsDeps {
  readonly db: Database;
  readonly engines: EngineCache;
  readonly adapter: CloudAdapter;
  /** The bot's app id ('' when running without authentication). */
  readonly appId: string;
  /** Each Microsoft 365 organisation its own tenant (multi-tenant app), or all `default`. */
  readonly multiTenant: boolean;
  /** UTC milliseconds; tests drive it. */
  readonly clock: () => number;
  readonly logger: Logger;
  /** AAD object ids who may manage subscriptions; empty: any member of the team. */
  readonly managers: ReadonlySet<string>;
}

/** The Teams conversation a channel's messages and alerts belong to: without `;messageid=`. */
export function channelKey(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}
