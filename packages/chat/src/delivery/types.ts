import type { AlertPayload } from '@breachless/core';
import type { MessageRef } from '../port/chat-port.js';
import type { DigestView } from '../views/types.js';

/** What the outbox keeps of an alert for the message it becomes (one type, in core). */
export type { AlertPayload } from '@breachless/core';

/** What a delivery claimed from the outbox has whatever its kind: one notification for one destination. */
interface Claimed {
  readonly tenant: string;
  readonly notificationId: number;
  /** `slack:channel:C123` or `slack:user:U123` (core's formatDestination). */
  readonly destination: string;
  /** Failed attempts so far. */
  readonly attempts: number;
  readonly ticket: string;
  readonly cycle: number;
  /** As the policy writes it (`75%`, `30m`) or `breach`; a digest's period. */
  readonly level: string;
  readonly late: boolean;
  /** The message an earlier level of this cycle left at this destination, if any. */
  readonly root: MessageRef | null;
}

/** An alert: one level of one cycle. */
export interface AlertDelivery extends Claimed {
  readonly kind: 'alert';
  readonly metric: string;
  readonly payload: AlertPayload;
}

/** A digest: one channel's summary of a period, sent as one new message. */
export interface DigestDelivery extends Claimed {
  readonly kind: 'digest';
  readonly metric: null;
  readonly payload: { readonly view: DigestView };
}

/** A delivery claimed from the outbox; `kind` says which. */
export type ClaimedDelivery = AlertDelivery | DigestDelivery;

/** A delivered alert whose cycle has since stopped: its message should say so. */
export interface UnsettledMessage {
  readonly tenant: string;
  readonly destination: string;
  readonly root: MessageRef;
  /** `achieved` or `cancelled`. */
  readonly outcome: string;
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
  readonly late: boolean;
  readonly payload: AlertPayload;
}

/**
 * The outbox as a chat app sees it; `@breachless/db` implements it over PostgreSQL, where
 * replicas share the work through row locks (claims skip rows another replica holds).
 */
export interface Outbox {
  /**
   * Claims pending deliveries of `platform` that are due at `now`, at most `perLane` per
   * destination and `limit` in all, skipping the lanes in `busy` (already full here). A claim
   * is a lease: a delivery not settled by `now + leaseMs` is offered again.
   */
  claim(options: {
    platform: string;
    now: number;
    limit: number;
    perLane: number;
    leaseMs: number;
    busy: readonly string[];
  }): Promise<ClaimedDelivery[]>;
  /** Records the message a delivery left; `settled` when it already shows its final state. */
  delivered(
    d: ClaimedDelivery,
    ref: MessageRef,
    settled: string | null,
    now: number,
  ): Promise<void>;
  /** Puts a delivery back for another attempt at `nextAttemptAt`, counting the failure. */
  retry(d: ClaimedDelivery, error: string, nextAttemptAt: number): Promise<void>;
  /** Gives up on a delivery, keeping why for `/sla subscriptions` and `GET /v1/notifications`. */
  failed(d: ClaimedDelivery, error: string): Promise<void>;
  /** Delivered alerts of `platform` whose cycle was since achieved or cancelled. */
  unsettled(platform: string, limit: number): Promise<UnsettledMessage[]>;
  /** Marks every delivery that left `root` at `destination` as showing `outcome`. */
  settle(m: UnsettledMessage): Promise<void>;
}

/** The lane a delivery waits in: one per tenant and destination. */
export function laneOf(d: { tenant: string; destination: string }): string {
  return `${d.tenant} ${d.destination}`;
}
