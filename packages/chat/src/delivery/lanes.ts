import type { MessageRef } from '../port/chat-port.js';
import { ChatError, PermanentChatError, RateLimitedError } from '../port/errors.js';
import type { Backoff } from './backoff.js';
import type { Timer } from './timer.js';
import { type ClaimedDelivery, laneOf, type Outbox } from './types.js';

/** Sends one delivery; resolves to the message it left and whether that shows its end. */
export type Send = (d: ClaimedDelivery) => Promise<{ ref: MessageRef; settled: string | null }>;

export interface LanesOptions {
  readonly outbox: Outbox;
  readonly send: Send;
  readonly timer: Timer;
  readonly backoff: Backoff;
  /** At most one message per lane per this many milliseconds (Slack: about one a second). */
  readonly intervalMs: number;
  /**
   * At most one message per tenant per this many milliseconds across all its lanes (Teams
   * caps an app's requests per tenant as well as per conversation); none when absent.
   */
  readonly tenantIntervalMs?: number;
  /** Failed attempts (5xx, network) after which a delivery is marked failed. */
  readonly maxAttempts: number;
  readonly onError?: (error: unknown, d: ClaimedDelivery) => void;
}

interface Lane {
  readonly queue: ClaimedDelivery[];
  /** No message before this instant: the pace, or a Retry-After. */
  notBefore: number;
}

/**
 * One queue per destination, each paced on its own: a channel that is rate limited, or holds
 * a thousand alerts, waits alone while every other channel keeps its pace. Within a lane,
 * deliveries go in claim order. A 429 holds the lane for its Retry-After and tries the same
 * delivery again; a transient failure puts the delivery back in the outbox with backoff
 * (so the lane moves on and a crash loses nothing); a permanent one marks it failed at once.
 */
export class DeliveryLanes {
  readonly #options: LanesOptions;
  readonly #lanes = new Map<string, Lane>();
  /** The next instant each tenant may send (with `tenantIntervalMs`). */
  readonly #tenantSlots = new Map<string, number>();
  #inFlight = 0;
  #sending = 0;

  constructor(options: LanesOptions) {
    this.#options = options;
  }

  /** Queues a claimed delivery in its lane and starts the lane if it was idle. */
  push(d: ClaimedDelivery): void {
    const key = laneOf(d);
    const lane = this.#lanes.get(key);
    if (lane) {
      lane.queue.push(d);
      return;
    }
    const fresh: Lane = { queue: [d], notBefore: 0 };
    this.#lanes.set(key, fresh);
    this.#inFlight++;
    void this.#run(key, fresh).finally(() => {
      this.#inFlight--;
    });
  }

  /** Lanes holding at least `depth` deliveries: a claim should not add to them. */
  busy(depth: number): string[] {
    return [...this.#lanes].filter(([, l]) => l.queue.length >= depth).map(([k]) => k);
  }

  /** Deliveries queued in all lanes, including those being sent. */
  get pending(): number {
    let n = 0;
    for (const lane of this.#lanes.values()) n += lane.queue.length;
    return n;
  }

  /** Whether a lane is sending or recording right now (not waiting on time). */
  get sending(): boolean {
    return this.#sending > 0;
  }

  /** Whether every lane has drained. */
  get idle(): boolean {
    return this.#inFlight === 0;
  }

  async #run(key: string, lane: Lane): Promise<void> {
    const { timer, intervalMs } = this.#options;
    for (let d = lane.queue[0]; d; d = lane.queue[0]) {
      const wait = lane.notBefore - timer.now();
      if (wait > 0) await timer.sleep(wait);
      await this.#tenantSlot(d.tenant);
      this.#sending++;
      const { retryAfterMs, ref, sentAt } = await this.#attempt(d).finally(() => {
        this.#sending--;
      });
      if (retryAfterMs !== undefined) {
        lane.notBefore = timer.now() + retryAfterMs;
        continue;
      }
      lane.queue.shift();
      // Counted from Slack's answer (the message has surely arrived, so the next one cannot
      // come too soon however the network delays the first), not from our outbox write.
      lane.notBefore = (sentAt ?? timer.now()) + intervalMs;
      // A later level of the same cycle, claimed before this one was sent, goes into its message.
      if (ref)
        for (const [i, q] of lane.queue.entries())
          if (!q.root && q.ticket === d.ticket && q.metric === d.metric && q.cycle === d.cycle)
            lane.queue[i] = { ...q, root: ref };
    }
    this.#lanes.delete(key);
  }

  /** Waits for the tenant's next free slot and takes it; lanes queue for slots in turn. */
  async #tenantSlot(tenant: string): Promise<void> {
    const interval = this.#options.tenantIntervalMs;
    if (!interval) return;
    const now = this.#options.timer.now();
    const slot = Math.max(now, this.#tenantSlots.get(tenant) ?? 0);
    this.#tenantSlots.set(tenant, slot + interval);
    if (slot > now) await this.#options.timer.sleep(slot - now);
  }

  /** Sends one delivery and records the outcome: the message it left, or a Retry-After. */
  async #attempt(
    d: ClaimedDelivery,
  ): Promise<{ retryAfterMs?: number; ref?: MessageRef; sentAt?: number }> {
    const { outbox, send, timer, backoff, maxAttempts, onError } = this.#options;
    let sent: Awaited<ReturnType<Send>>;
    try {
      sent = await send(d);
    } catch (error) {
      if (error instanceof RateLimitedError) return { retryAfterMs: error.retryAfterMs };
      onError?.(error, d);
      const why = describe(error);
      const attempts = d.attempts + 1;
      await record(() =>
        error instanceof PermanentChatError || attempts >= maxAttempts
          ? outbox.failed(d, why)
          : outbox.retry(d, why, timer.now() + backoff(attempts)),
      );
      return {};
    }
    const sentAt = timer.now();
    await record(() => outbox.delivered(d, sent.ref, sent.settled, sentAt));
    return { ref: sent.ref, sentAt };

    // What happened is known only here until it is written. When the outbox cannot be
    // written (PostgreSQL restarting), keep trying (about three minutes, well inside the
    // claim's lease) rather than let the lease run out: a delivery offered again after it
    // was sent would repeat the message.
    async function record(write: () => Promise<void>): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        try {
          await write();
          return;
        } catch (error) {
          onError?.(error, d);
          if (attempt >= RECORD_ATTEMPTS) return;
          await timer.sleep(Math.min(30_000, 500 * 2 ** (attempt - 1)));
        }
      }
    }
  }
}

/** Tries at writing an outcome to the outbox: 0.5 s doubling to 30 s, about 3 minutes in all. */
const RECORD_ATTEMPTS = 12;

function describe(error: unknown): string {
  if (error instanceof ChatError) return `${error.code}: ${error.message}`;
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
