import type { Kill, Post } from '@breachless/chat/testing';
import type { Config, TicketEvent } from '@breachless/core';
import type { SoakChannel } from './setup.js';
import type { StoredCycle, StoredEvent } from './truth.js';

// What the checker reads and returns, apart from the checks (check.ts and check-*.ts), so that
// each check imports these without importing the checker that runs it.

/** A notification the database holds, with where it went. */
export interface StoredNotification {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
  readonly at: number;
  readonly createdAt: number;
  readonly deliveries: readonly { destination: string; state: string }[];
}

/** Everything the run left, as the checker reads it. */
export interface CheckInput {
  readonly config: Config;
  /** Every event the load sent, and those the API acknowledged. */
  readonly sent: readonly TicketEvent[];
  readonly acked: ReadonlyMap<string, number>;
  readonly events: readonly StoredEvent[];
  readonly cycles: readonly StoredCycle[];
  /** Each ticket's last evaluation instant, as its row in `tickets` says. */
  readonly evaluatedAt: ReadonlyMap<string, number>;
  readonly notifications: readonly StoredNotification[];
  readonly posts: readonly Post[];
  /** The soak's own alert channels, from which the checker routes every notification. */
  readonly channels: readonly SoakChannel[];
  /** When the Slack app was killed mid-send. */
  readonly kills: readonly Kill[];
  /** Levels reached by this instant must have fired (the workers ran well past it). */
  readonly mustFireBy: number;
  /** When the last worker stopped: no level after it may have fired. */
  readonly stoppedAt: number;
}

/** What the checker found: counts, and up to 20 examples of each kind of problem. */
export interface CheckResult {
  readonly ok: boolean;
  readonly counts: Record<string, number>;
  readonly problems: Record<string, string[]>;
  /** Milliseconds from a level's instant to its message in Slack. */
  readonly delays: { warning: number[]; breach: number[] };
}

/** Adds to a count of the result. */
export type Count = (what: string, n?: number) => void;
/** Records a problem of a kind, with an example. */
export type Problem = (kind: string, text: string) => void;
