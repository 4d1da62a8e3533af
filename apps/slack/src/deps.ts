import type { Database, EngineCache } from '@breachless/db';
import type { Logger } from 'pino';
import type { Mentions } from './mentions.js';
import type { Readers } from './readers.js';
import type { Workspaces } from './workspaces.js';

/** What the Slack app's handlers share. */
export interface SlackDeps {
  readonly db: Database;
  readonly engines: EngineCache;
  /** UTC milliseconds; tests drive it. */
  readonly clock: () => number;
  readonly logger: Logger;
  readonly workspaces: Workspaces;
  readonly readers: Readers;
  readonly mentions: Mentions;
  /** Users who may manage subscriptions besides workspace admins and owners. */
  readonly managers: ReadonlySet<string>;
}

/** The workspace a Bolt request comes from: the enterprise for org-wide installs. */
export function workspaceOf(context: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string {
  return (context.isEnterpriseInstall ? context.enterpriseId : context.teamId) ?? '';
}
