import {
  type Backoff,
  DELIVERY_ATTEMPTS,
  DeliveryLanes,
  DeliveryPump,
  deliverNotification,
  exponentialBackoff,
  type Outbox,
  settledView,
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
 * Proactive delivery of alerts from the outbox to Teams channels and people: per-conversation
 * lanes under a per-tenant pace; 429, 412 and 5xx retried with backoff and jitter (429 after
 * its Retry-After); failures recorded as Slack's are.
 */
export function teamsDelivery(deps: TeamsDeps, options: DeliveryOptions) {
  const outbox: Outbox = deliveryOutbox(deps.db);
  const { timer } = options;
  const mention = async (tenant: string, agent: string | null | undefined) =>
    agent ? ((await userOfAgent(deps.db, tenant, 'teams', agent)) ?? undefined) : undefined;
  const lanes = new DeliveryLanes({
    outbox,
    timer,
    intervalMs: CONVERSATION_INTERVAL_MS,
    tenantIntervalMs: TENANT_INTERVAL_MS,
    maxAttempts: DELIVERY_ATTEMPTS,
    backoff: options.backoff ?? exponentialBackoff(),
    onError: (error, d) =>
      deps.logger.warn(
        { error: errorSummary(error), tenant: d.tenant, destination: d.destination },
        'teams delivery failed',
      ),
    send: async (d) => {
      const user = await mention(d.tenant, d.payload.assignee);
      return deliverNotification(teamsPort(deps, d.tenant), d, timer.now(), user);
    },
  });
  const pump = new DeliveryPump({
    platform: 'teams',
    outbox,
    lanes,
    timer,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    onError: (error) =>
      deps.logger.warn({ error: errorSummary(error) }, 'teams delivery round failed'),
    settle: async (m) => {
      const user = await mention(m.tenant, m.payload.assignee);
      await teamsPort(deps, m.tenant).update(m.root, settledView(m, timer.now(), user));
    },
  });
  return { lanes, pump };
}
