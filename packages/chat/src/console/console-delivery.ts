import { setImmediate } from 'node:timers/promises';
import { exponentialBackoff } from '../delivery/backoff.js';
import { type DeliveryLogger, platformDelivery } from '../delivery/platform-delivery.js';
import type { Timer } from '../delivery/timer.js';
import type { Outbox } from '../delivery/types.js';
import type { ConsoleChatPort } from './console-port.js';

export interface ConsoleDeliveryOptions {
  readonly outbox: Outbox;
  readonly port: ConsoleChatPort;
  /** Real time, or the demo's simulated time. */
  readonly clock: () => number;
  readonly logger: DeliveryLogger;
  readonly summarise?: (error: unknown) => unknown;
}

/** Console delivery, run a round at a time by the one process that owns the terminal. */
export interface ConsoleDelivery {
  /** One round, finished when every claimed delivery has been printed. */
  deliver(): Promise<void>;
}

/**
 * Delivery of the outbox's `console:` rows through the console port, with the same lanes and
 * pump as Slack and Teams (so the console shows what they would: updates in place, breaches in
 * the warning's thread). A terminal has no rate limit: no pacing, and no mention (a console
 * has no users).
 */
export function consoleDelivery(o: ConsoleDeliveryOptions): ConsoleDelivery {
  // Nothing waits on time here; yielding to the event loop is enough between two sends.
  const timer: Timer = { now: o.clock, sleep: () => setImmediate() };
  const { lanes, pump } = platformDelivery({
    platform: o.port.platform,
    outbox: o.outbox,
    timer,
    target: async () => ({ port: o.port, user: undefined }),
    intervalMs: 0,
    maxAttempts: 3,
    backoff: exponentialBackoff(),
    // One terminal channel takes everything due in one round.
    perLane: 500,
    logger: o.logger,
    ...(o.summarise ? { summarise: o.summarise } : {}),
  });
  return {
    async deliver(): Promise<void> {
      await pump.poll();
      while (!lanes.idle) await setImmediate();
      // An update whose thread reply never came (a settled alert) is printed now.
      o.port.flush();
    },
  };
}
