import { setImmediate } from 'node:timers/promises';
import {
  type ConsoleChatPort,
  DeliveryLanes,
  DeliveryPump,
  deliverNotification,
  exponentialBackoff,
  settledView,
  type Timer,
} from '@breachless/chat';
import { type Database, deliveryOutbox, errorSummary } from '@breachless/db';
import type { Logger } from 'pino';

/**
 * Delivery of the outbox's `console:` rows through the console port, with the same lanes and
 * pump as Slack and Teams (so the console shows what they would: updates in place, breaches in
 * the warning's thread). A terminal has no rate limit: no pacing. `deliver` is one round,
 * finished when every claimed delivery has been printed.
 */
export function consoleDelivery(
  db: Database,
  port: ConsoleChatPort,
  clock: () => number,
  logger: Logger,
) {
  const outbox = deliveryOutbox(db);
  // Nothing waits on time here; yielding to the event loop is enough between two sends.
  const timer: Timer = { now: clock, sleep: () => setImmediate() };
  const lanes = new DeliveryLanes({
    outbox,
    timer,
    intervalMs: 0,
    maxAttempts: 3,
    backoff: exponentialBackoff(),
    onError: (error) => logger.warn({ error: errorSummary(error) }, 'console delivery failed'),
    send: (d) => deliverNotification(port, d, clock(), undefined),
  });
  const pump = new DeliveryPump({
    platform: port.platform,
    outbox,
    // One terminal channel takes everything due in one round.
    perLane: 500,
    lanes,
    timer,
    onError: (error) =>
      logger.warn({ error: errorSummary(error) }, 'console delivery round failed'),
    settle: (m) => port.update(m.root, settledView(m, clock(), undefined)),
  });
  return {
    async deliver(): Promise<void> {
      await pump.poll();
      while (!lanes.idle) await setImmediate();
      // An update whose thread reply never came (a settled alert) is printed now.
      port.flush();
    },
  };
}
