import type { DeliveryLanes } from './lanes.js';
import type { Timer } from './timer.js';
import type { Outbox, UnsettledMessage } from './types.js';

export interface PumpOptions {
  readonly platform: string;
  readonly outbox: Outbox;
  readonly lanes: DeliveryLanes;
  readonly timer: Timer;
  /** Shows a stopped cycle's outcome on its message. */
  readonly settle: (m: UnsettledMessage) => Promise<void>;
  readonly pollMs?: number;
  /** Deliveries claimed per destination at a time: the rest stay claimable by other replicas. */
  readonly perLane?: number;
  readonly limit?: number;
  /** Longer than a lane takes to send `perLane` messages, with a Retry-After or two. */
  readonly leaseMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Feeds the lanes from the outbox and settles alerts whose cycle has stopped. Each replica of
 * a chat app runs one; they share the outbox through row locks, never through each other.
 */
export class DeliveryPump {
  readonly #o: Required<Omit<PumpOptions, 'onError'>> & Pick<PumpOptions, 'onError'>;
  #stopping = false;
  #polling = false;
  #loop: Promise<void> | undefined;

  constructor(options: PumpOptions) {
    this.#o = { pollMs: 1_000, perLane: 5, limit: 500, leaseMs: 600_000, ...options };
  }

  /** Whether a round is running right now (not waiting on time). */
  get polling(): boolean {
    return this.#polling;
  }

  /** One round: claims what is due (unless the lanes are full) and settles stopped cycles. */
  async poll(): Promise<{ claimed: number; settled: number }> {
    this.#polling = true;
    try {
      return await this.#round();
    } finally {
      this.#polling = false;
    }
  }

  async #round(): Promise<{ claimed: number; settled: number }> {
    const { outbox, lanes, timer, platform, perLane, limit, leaseMs } = this.#o;
    const room = limit - lanes.pending;
    const claimed =
      room > 0
        ? await outbox.claim({
            platform,
            now: timer.now(),
            limit: room,
            perLane,
            leaseMs,
            busy: lanes.busy(perLane),
          })
        : [];
    for (const d of claimed) lanes.push(d);
    let settled = 0;
    for (const m of await outbox.unsettled(platform, 100)) {
      try {
        await this.#o.settle(m);
        await outbox.settle(m);
        settled++;
      } catch (error) {
        // Left unsettled: the next round tries again.
        this.#o.onError?.(error);
        break;
      }
    }
    return { claimed: claimed.length, settled };
  }

  /** Polls every `pollMs` until `stop`; a failed round (database away) is retried next time. */
  start(): void {
    this.#loop ??= (async () => {
      while (!this.#stopping) {
        try {
          await this.poll();
        } catch (error) {
          this.#o.onError?.(error);
        }
        if (!this.#stopping) await this.#o.timer.sleep(this.#o.pollMs);
      }
    })();
  }

  /** Stops polling; deliveries already in the lanes finish on their own. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop;
  }
}
