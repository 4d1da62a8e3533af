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
 * Delivery of alerts from the outbox to Slack: per-channel lanes at Slack's pace, fed by a
 * pump that claims `slack:` deliveries and settles alerts whose cycle has stopped. Each
 * alert mentions the assignee when we can find them in the workspace.
 */
export function slackDelivery(deps: SlackDeps, options: DeliveryOptions) {
  const outbox: Outbox = deliveryOutbox(deps.db);
  const { timer } = options;
  const lanes = new DeliveryLanes({
    outbox,
    timer,
    intervalMs: options.intervalMs ?? 1_000,
    maxAttempts: options.maxAttempts ?? DELIVERY_ATTEMPTS,
    backoff: options.backoff ?? exponentialBackoff(),
    onError: (error, d) =>
      deps.logger.warn(
        {
          error: errorSummary(error),
          tenant: d.tenant,
          destination: d.destination,
          notification: d.notificationId,
        },
        'slack delivery failed',
      ),
    send: async (d) => {
      const client = await deps.workspaces.clientFor(d.tenant);
      const user = await deps.mentions.userFor(d.tenant, d.payload.assignee, client);
      return deliverNotification(slackPort(client), d, timer.now(), user);
    },
  });
  const pump = new DeliveryPump({
    platform: 'slack',
    outbox,
    lanes,
    timer,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    onError: (error) =>
      deps.logger.warn({ error: errorSummary(error) }, 'slack delivery round failed'),
    settle: async (m) => {
      const client = await deps.workspaces.clientFor(m.tenant);
      const user = await deps.mentions.userFor(m.tenant, m.payload.assignee, client);
      await slackPort(client).update(m.root, settledView(m, timer.now(), user));
    },
  });
  return { lanes, pump };
}
