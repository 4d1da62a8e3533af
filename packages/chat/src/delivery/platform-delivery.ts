import type { ChatPort } from '../port/chat-port.js';
import { settledView } from './alert-view.js';
import { type Backoff, DELIVERY_ATTEMPTS, exponentialBackoff } from './backoff.js';
import { deliverNotification } from './deliver.js';
import { DeliveryLanes } from './lanes.js';
import { DeliveryPump } from './pump.js';
import type { Timer } from './timer.js';
import type { Outbox } from './types.js';

/** How a platform reaches one tenant: its port, and who the ticket's assignee is there. */
export interface DeliveryTarget {
  readonly port: ChatPort;
  /** The assignee's user on the platform, mentioned in the alert; undefined when unknown. */
  readonly user: string | undefined;
}

/** The part of a logger delivery writes to (pino's shape): failures are warnings, not fatal. */
export interface DeliveryLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface PlatformDeliveryOptions {
  /** The prefix of the destinations this platform delivers (`slack`, `teams`, `console`). */
  readonly platform: string;
  readonly outbox: Outbox;
  readonly timer: Timer;
  /** The port to a tenant's workspace and the assignee's user there, for a send or a settle. */
  readonly target: (tenant: string, assignee: string | null | undefined) => Promise<DeliveryTarget>;
  /** At most one message per destination per this many milliseconds (the platform's pace). */
  readonly intervalMs: number;
  /** At most one message per tenant per this many milliseconds, when the platform caps that too. */
  readonly tenantIntervalMs?: number;
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  readonly pollMs?: number;
  /** Deliveries claimed per destination at a time (the pump's default when absent). */
  readonly perLane?: number;
  readonly logger: DeliveryLogger;
  /**
   * What of an error may be logged (`errorSummary` of @breachless/db: never a query's
   * parameters); the error's message when absent.
   */
  readonly summarise?: (error: unknown) => unknown;
}

/** A platform's delivery: `pump.start()` runs it, `pump.stop()` ends it; lanes finish alone. */
export interface PlatformDelivery {
  readonly lanes: DeliveryLanes;
  readonly pump: DeliveryPump;
}

const messageOf = (error: unknown) => ({
  message: error instanceof Error ? error.message : String(error),
});

/**
 * Delivery from the outbox to one chat platform, the same for every platform: per-destination
 * lanes at the platform's pace, fed by a pump that claims the platform's deliveries and
 * settles alerts whose cycle has stopped. A platform says only how to reach a tenant (its
 * port, and who the assignee is there, to mention them) and how fast it may send.
 */
export function platformDelivery(o: PlatformDeliveryOptions): PlatformDelivery {
  const { platform, outbox, timer, target, logger } = o;
  const summarise = o.summarise ?? messageOf;
  const lanes = new DeliveryLanes({
    outbox,
    timer,
    intervalMs: o.intervalMs,
    ...(o.tenantIntervalMs !== undefined ? { tenantIntervalMs: o.tenantIntervalMs } : {}),
    maxAttempts: o.maxAttempts ?? DELIVERY_ATTEMPTS,
    backoff: o.backoff ?? exponentialBackoff(),
    onError: (error, d) =>
      logger.warn(
        {
          error: summarise(error),
          tenant: d.tenant,
          destination: d.destination,
          notification: d.notificationId,
        },
        `${platform} delivery failed`,
      ),
    send: async (d) => {
      const assignee = d.kind === 'alert' ? d.payload.assignee : undefined;
      const { port, user } = await target(d.tenant, assignee);
      return deliverNotification(port, d, timer.now(), user);
    },
  });
  const pump = new DeliveryPump({
    platform,
    outbox,
    lanes,
    timer,
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    ...(o.perLane !== undefined ? { perLane: o.perLane } : {}),
    onError: (error) =>
      logger.warn({ error: summarise(error) }, `${platform} delivery round failed`),
    settle: async (m) => {
      const { port, user } = await target(m.tenant, m.payload.assignee);
      await port.update(m.root, settledView(m, timer.now(), user));
    },
  });
  return { lanes, pump };
}
