import { PermanentChatError } from '@breachless/chat';
import { type Database, findInstallation, installationOfTenant } from '@breachless/db';
import type { Installation } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';

/** How the app is installed: one workspace with a bot token, or many through OAuth. */
export type SlackAuth =
  | {
      readonly mode: 'single';
      readonly botToken: string;
      readonly botId?: string;
      readonly botUserId?: string;
    }
  | {
      readonly mode: 'oauth';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly stateSecret: string;
    };

/** The tenant a single-workspace install serves (formats.md). */
export const DEFAULT_TENANT = 'default';

/**
 * Which tenant a workspace is, and the Web API client to reach a tenant's workspace. Delivery
 * clients never retry or sleep on their own: the delivery lanes pace and retry.
 */
export class Workspaces {
  readonly #clients = new Map<string, WebClient>();
  constructor(
    private readonly db: Database,
    private readonly auth: SlackAuth,
    private readonly clientOptions: WebClientOptions,
  ) {}

  /** The tenant of a workspace (team or enterprise id), or null when it is not installed. */
  async tenantOf(workspace: string | undefined): Promise<string | null> {
    if (this.auth.mode === 'single') return DEFAULT_TENANT;
    if (!workspace) return null;
    return (await findInstallation(this.db, 'slack', workspace))?.tenant ?? null;
  }

  /** A delivery client for the tenant's workspace. @throws PermanentChatError when none is installed */
  async clientFor(tenant: string): Promise<WebClient> {
    const token = await this.#tokenOf(tenant);
    let client = this.#clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        ...this.clientOptions,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        // One lane per channel sends at once; the client's default queue of 100 would hold
        // lanes back and bunch their messages up.
        maxRequestConcurrency: 1_000,
      });
      this.#clients.set(token, client);
    }
    return client;
  }

  async #tokenOf(tenant: string): Promise<string> {
    if (this.auth.mode === 'single') {
      if (tenant === DEFAULT_TENANT) return this.auth.botToken;
    } else {
      const found = await installationOfTenant(this.db, 'slack', tenant);
      const token = (found?.installation as Installation | undefined)?.bot?.token;
      if (token) return token;
    }
    throw new PermanentChatError(`no Slack workspace is installed for tenant ${tenant}`);
  }
}
