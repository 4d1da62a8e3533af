import type { Database } from '@breachless/db';
import { userOfAgent } from '@breachless/db';
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';

const TTL_MS = 60 * 60_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Finds the Slack user behind a helpdesk assignee, to mention them in an alert: the person who
 * linked themselves with `/sla link`, else the workspace member with that email
 * (`users.lookupByEmail`). Answers, including "nobody", are kept an hour per tenant.
 */
export class Mentions {
  readonly #cache = new Map<string, { user: string | undefined; until: number }>();
  constructor(
    private readonly db: Database,
    private readonly clock: () => number,
  ) {}

  async userFor(
    tenant: string,
    agent: string | null | undefined,
    client: WebClient,
  ): Promise<string | undefined> {
    if (!agent) return undefined;
    const key = `${tenant}/${agent}`;
    const hit = this.#cache.get(key);
    if (hit && hit.until > this.clock()) return hit.user;
    let user = (await userOfAgent(this.db, tenant, 'slack', agent)) ?? undefined;
    if (!user && EMAIL.test(agent)) {
      try {
        user = (await client.users.lookupByEmail({ email: agent })).user?.id;
      } catch (error) {
        // Slack away: name the agent in plain text this time, and ask again next time.
        if (!(error instanceof WebAPIPlatformError)) return undefined;
        // users_not_found: nobody in the workspace has that email; remembered like a hit.
      }
    }
    this.#cache.set(key, { user, until: this.clock() + TTL_MS });
    return user;
  }
}
