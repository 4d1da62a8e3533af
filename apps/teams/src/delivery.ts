import {
  type Backoff,
  type PlatformDelivery,
  platformDelivery,
  type Timer,
} from '@breachless/chat';
import { deliveryOutbox, errorSummary, userOfAgent } from '@breachless/db';
import type { TeamsDeps } from './deps.js';
import { teamsPort } from './teams-port.js';

export interface DeliveryOptions {
  readonly timer: Timer;
  readonly backoff?: Backoff;
  readonly pollMs?: number;
}

/**
 * Teams limits a bot per conversation (about 7 messages a second, 60 in 30 seconds) and per
 * tenant (50 requests a second): one message a second per conversation keeps well under the
 * first at any volume, one every 20 ms per tenant under the second.
 */
const CONVERSATION_INTERVAL_MS = 1_000;
const TENANT_INTERVAL_MS = 20;

/**
 * Proactive delivery of alerts from the outbox to Teams channels and people, as
 * @breachless/chat delivers to any platform: per-conversation lanes under a per-tenant pace;
 * 429, 412 and 5xx retried with backoff and jitter (429 after its Retry-After); the assignee
 * mentioned when they linked their Teams user.
 */
export function teamsDelivery(deps: TeamsDeps, options: DeliveryOptions): PlatformDelivery {
  return platformDelivery({
    platform: 'teams',
    outbox: deliveryOutbox(deps.db),
    timer: options.timer,
    intervalMs: CONVERSATION_INTERVAL_MS,
    tenantIntervalMs: TENANT_INTERVAL_MS,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    logger: deps.logger,
    summarise: errorSummary,
    target: async (tenant, agent) => ({
      port: teamsPort(deps, tenant),
      user: agent ? ((await userOfAgent(deps.db, tenant, 'teams', agent)) ?? undefined) : undefined,
    }),
  });
}
