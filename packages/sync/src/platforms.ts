import type { ConnectorSettings } from '@breachless/core';
import type { ClaimedConnection } from '@breachless/db/sync';
import { githubPlatform } from './github/platform.js';
import type { Fetch } from './http-read.js';
import { jiraPlatform } from './jira/platform.js';
import type { Platform } from './platform.js';
import { zendeskPlatform } from './zendesk/platform.js';

/**
 * The reader of a claimed connection, mapping with the tenant's `connectors` settings as
 * its webhooks do; a string says why there is none (the run fails with it, visibly).
 */
export function platformFor(
  c: ClaimedConnection,
  settings: ConnectorSettings,
  fetcher?: Fetch,
  clock: () => number = Date.now,
): Platform<unknown> | string {
  const { token } = c.credentials;
  switch (c.platform) {
    case 'zendesk': {
      const { email } = c.credentials;
      if (email === undefined || token === undefined)
        return 'zendesk: the connection lacks its email or API token: connect again';
      return zendeskPlatform(
        c.baseUrl,
        { email, token },
        settings.zendesk ?? {},
        fetcher,
      ) as Platform<unknown>;
    }
    case 'github': {
      const repos = c.settings.repos;
      if (token === undefined) return 'github: the connection lacks its token: connect again';
      if (!Array.isArray(repos) || repos.length === 0)
        return 'github: the connection names no repository: connect again with --repo';
      return githubPlatform(
        c.baseUrl,
        token,
        repos.map(String),
        settings.github ?? {},
        fetcher,
        clock,
      ) as Platform<unknown>;
    }
    case 'jira': {
      const { email } = c.credentials;
      if (email === undefined || token === undefined)
        return 'jira: the connection lacks its email or API token: connect again';
      const jql = typeof c.settings.jql === 'string' ? c.settings.jql : undefined;
      return jiraPlatform(
        c.baseUrl,
        { email, token },
        settings.jira ?? {},
        jql,
        fetcher,
      ) as Platform<unknown>;
    }
    default:
      return `${c.platform}: no such helpdesk`;
  }
}
