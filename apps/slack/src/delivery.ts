import {
  type Backoff,
  type PlatformDelivery,
  platformDelivery,
  type Timer,
} from '@breachless/chat';
import { deliveryOutbox, errorSummary } from '@breachless/db';
import type { SlackDeps } from './deps.js';
import { slackPort } from './slack-port.js';

export interface DeliveryOptions {
  readonly timer: Timer;
  /** Slack allows about one message a second per channel. */
  readonly intervalMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  readonly pollMs?: number;
}

/**
 * Delivery of alerts from the outbox to Slack, as @breachless/chat delivers to any platform:
 * at Slack's pace of one message a second per channel, through the tenant's workspace client.
 * Each alert mentions the assignee when we can find them in the workspace.
 */
export function slackDelivery(deps: SlackDeps, options: DeliveryOptions): PlatformDelivery {
  return platformDelivery({
    platform: 'slack',
    outbox: deliveryOutbox(deps.db),
    timer: options.timer,
    intervalMs: options.intervalMs ?? 1_000,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    logger: deps.logger,
    summarise: errorSummary,
    target: async (tenant, assignee) => {
      const client = await deps.workspaces.clientFor(tenant);
      return {
        port: slackPort(client),
        user: await deps.mentions.userFor(tenant, assignee, client),
      };
    },
  });
}
