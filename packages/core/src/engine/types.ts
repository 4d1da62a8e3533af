import type { Metric } from '../config/types.js';
import type { TicketFields } from '../events/types.js';
import type { Instant } from '../time/instant.js';

export type CycleStatus = 'running' | 'paused' | 'achieved' | 'breached' | 'cancelled';

/** One line of a cycle's story: what happened to it and where its due instant went. */
export interface TimelineEntry {
  readonly at: Instant;
  readonly kind:
    | 'started'
    | 'paused'
    | 'resumed'
    | 'retargeted'
    | 'reopened'
    | 'warning'
    | 'breached'
    | 'stopped'
    | 'cancelled';
  /** Plain words: `status pending pauses resolution`, `priority urgent: target 8h`. */
  readonly detail: string;
  /** The event that caused it, when one did (warnings and breaches are caused by time). */
  readonly eventId?: string | undefined;
  /** The projected due instant after this entry (no further pauses assumed), when running. */
  readonly dueAt?: Instant | null | undefined;
}

/** A fired warning level or breach, with the instant it was reached. */
export interface FiredLevel {
  /** `75%`, `30m`, or `breach`. */
  readonly level: string;
  readonly at: Instant;
}

/** One measured cycle of a ticket, evaluated at an instant. */
export interface CycleResult {
  readonly metric: Metric;
  /** Counts from 1 per metric, including cycles that are not reported. */
  readonly cycle: number;
  readonly status: CycleStatus;
  readonly startedAt: Instant;
  readonly stoppedAt: Instant | null;
  readonly targetSeconds: number;
  readonly elapsedSeconds: number;
  /** Set only for running cycles. */
  readonly dueAt: Instant | null;
  /** Business seconds left; for paused cycles, which have no due instant. */
  readonly remainingSeconds: number;
  readonly breachedAt: Instant | null;
  /** Fired warning levels in firing order (breach excluded). */
  readonly warningsFired: readonly string[];
  /** Every fired level with its instant, breach included. */
  readonly fired: readonly FiredLevel[];
  /** The next level this cycle reaches if it keeps running, for open cycles not yet breached. */
  readonly nextLevel: FiredLevel | null;
  readonly policy: string | null;
  /** The contract whose target measures the cycle, and its version; `null` for a policy's. */
  readonly contract: string | null;
  readonly contractVersion: number | null;
  readonly calendar: string | null;
  /** When it counts in compliance: `stoppedAt` if achieved, `breachedAt` if breached. */
  readonly outcomeAt: Instant | null;
  /** The ticket's fields at the outcome (or now, while open): team, assignee at outcome, ... */
  readonly fields: TicketFields;
  /** Present when evaluated with `trace: true`. */
  readonly timeline?: readonly TimelineEntry[];
}

/** A ticket's SLA state at an instant. */
export interface TicketResult {
  readonly ticket: string;
  readonly policy: string | null;
  readonly fields: TicketFields;
  /** `closed` and deleted tickets take no further events but `ticket.deleted`. */
  readonly state: 'open' | 'solved' | 'closed' | 'deleted';
  /** Reported cycles in the order they started. */
  readonly cycles: readonly CycleResult[];
  /** What first contact resolution reads (docs/semantics.md, "First contact resolution"). */
  readonly contact: ContactFacts;
}

/** A ticket's agent replies and resolution, for first contact resolution. */
export interface ContactFacts {
  /** Public agent messages while the ticket was not solved or closed. */
  readonly agentReplies: number;
  /** Whether it ever went from solved back to an open status. */
  readonly reopened: boolean;
  /** When it last became solved or closed; `null` while it is not. */
  readonly resolvedAt: Instant | null;
  /** Its fields at that instant. */
  readonly resolvedFields: TicketFields | null;
}
