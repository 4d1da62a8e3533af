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
  /** Answered within this many seconds counts as within service level (e.g. 20 for 80/20). */
  readonly thresholdSeconds: number;
  /** `count` (default): abandoned contacts are in the denominator; `exclude`: left out. */
  readonly abandoned?: 'count' | 'exclude';
  /** Abandons within this many seconds of the offer are ignored everywhere (short abandons). */
  readonly shortAbandonSeconds?: number;
}

/** The figures of one queue (and channel, when split by it). */
export interface QueueStats {
  readonly queue: string;
  readonly channel?: string | null;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly serviceLevelPct: number | null;
  readonly averageSpeedOfAnswerSeconds: number | null;
  readonly abandonmentRatePct: number | null;
}
