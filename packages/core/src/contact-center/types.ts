import type { Instant } from '../time/instant.js';

/** A call or chat offered to a contact-center queue. */
export interface QueueInteraction {
  readonly id: string;
  readonly queue: string;
  readonly channel?: string | undefined;
  readonly offeredAt: Instant;
  /** Set when an agent answered; never together with `abandonedAt`. */
  readonly answeredAt?: Instant | undefined;
  /** Set when the caller hung up or left the chat before an answer. */
  readonly abandonedAt?: Instant | undefined;
}

export interface ServiceLevelOptions {
  /** Answered within this many seconds (inclusive) is within service level (20 for "80/20"). */
  readonly thresholdSeconds: number;
  /** `count` (default): abandoned contacts are in the denominator; `exclude`: left out. */
  readonly abandoned?: 'count' | 'exclude';
  /**
   * Abandons sooner than this many seconds after the offer (strictly under) are ignored
   * everywhere: out of service level, abandonment rate and `offered` (short abandons).
   */
  readonly shortAbandonSeconds?: number;
}

/** Options of `queueStats`: the service level's, and whether to split queues by channel. */
export interface QueueStatsOptions extends ServiceLevelOptions {
  readonly byChannel?: boolean;
}

/** The figures of one queue (and channel, when split by it). */
export interface QueueStats {
  readonly queue: string;
  /** Present only when split by channel; `null` for interactions without one. */
  readonly channel?: string | null;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Offered, neither answered nor abandoned yet. */
  readonly waiting: number;
  /** Short abandons, left out of every other figure. */
  readonly shortAbandoned: number;
  readonly serviceLevelPct: number | null;
  readonly averageSpeedOfAnswerSeconds: number | null;
  readonly abandonmentRatePct: number | null;
}
