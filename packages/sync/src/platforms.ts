import type { ConnectorSettings } from '@breachless/core';
import type { ClaimedConnection } from '@breachless/db/sync';
import type { Fetch } from './http-read.js';
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
): Platform<unknown> | string {
  switch (c.platform) {
    case 'zendesk': {
      const { email, token } = c.credentials;
      if (email === undefined || token === undefined)
        return 'zendesk: the connection lacks its email or API token: connect again';
      return zendeskPlatform(
        c.baseUrl,
        { email, token },
        settings.zendesk ?? {},
        fetcher,
      ) as Platform<unknown>;
    }
    default:
      return `${c.platform}: sync is not built for this platform yet (webhooks still work)`;
  }
}
