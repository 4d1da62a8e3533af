import type { CycleResult, Engine, TicketEvent, TicketResult } from '@breachless/core';

/** A cycles row as the checker reads it from the database. */
export interface StoredCycle {
  readonly ticketId: string;
  readonly metric: string;
  readonly cycle: number;
  readonly status: string;
  readonly policy: string | null;
  readonly calendar: string | null;
  readonly targetSeconds: number;
  readonly elapsedSeconds: number;
  readonly startedAt: Date;
  readonly stoppedAt: Date | null;
  readonly dueAt: Date | null;
  readonly breachedAt: Date | null;
  readonly outcomeAt: Date | null;
  readonly warningsFired: readonly string[];
  readonly fired: readonly { level: string; at: string }[];
  readonly nextCheckAt: Date | null;
  readonly team: string | null;
  readonly agent: string | null;
  readonly priority: string | null;
  readonly channel: string | null;
  readonly evaluatedAt: Date;
}

/** An event as the database holds it: with its order and instant of arrival. */
export interface StoredEvent {
  readonly event: TicketEvent;
  readonly seq: number;
  readonly receivedAt: number;
}

/** The identity of a notification: one level of one cycle. */
export const levelKey = (ticket: string, metric: string, cycle: number, level: string) =>
  `${ticket}|${metric}|${cycle}|${level}`;

/**
 * How far apart a notification's creation and the arrival of the events its creator saw may
 * be. Both instants are transaction starts (`now()`): a worker's tick may read a ticket's
 * events a few seconds after it began, and an ingest may begin a few seconds before its
 * events are visible (waiting on the pool or a ticket lock).
 */
const KNOWLEDGE_SLACK_MS = 5_000;

/**
 * The core's answers for one ticket, from the events the database stored: the ticket at an
 * instant, and the states of knowledge the system may have had at an earlier instant.
 */
export class TicketTruth {
  readonly #events: readonly StoredEvent[];

  constructor(
    private readonly engine: Engine,
    readonly ticket: string,
    events: readonly StoredEvent[],
  ) {
    this.#events = [...events].sort((a, b) => a.seq - b.seq);
  }

  /** The instant of the ticket's latest event: an evaluation before it missed that event. */
  get lastEventAt(): number {
    return Math.max(...this.#events.map((e) => e.event.at));
  }

  /** The ticket at `now` from every stored event. */
  at(now: number): TicketResult | undefined {
    return this.#evaluate(this.#events, now);
  }

  /**
   * The ticket as the system may have seen it when it wrote something at `createdAt`: one
   * answer per plausible prefix of the stored events (those received by then, give or take
   * `KNOWLEDGE_SLACK_MS`), the most complete first.
   */
  knownAt(createdAt: number): TicketResult[] {
    const answers: TicketResult[] = [];
    for (let known = this.#events.length; known >= 0; known--) {
      const last = this.#events[known - 1];
      const next = this.#events[known];
      if (last && last.receivedAt > createdAt + KNOWLEDGE_SLACK_MS) continue;
      // An event received well before the write had committed by then: it was seen.
      if (next && next.receivedAt < createdAt - KNOWLEDGE_SLACK_MS) break;
      const answer = this.#evaluate(this.#events.slice(0, known), createdAt + KNOWLEDGE_SLACK_MS);
      if (answer) answers.push(answer);
    }
    return answers;
  }

  #evaluate(events: readonly StoredEvent[], now: number): TicketResult | undefined {
    return this.engine.evaluate(
      events.map((e) => e.event),
      now,
    )[0];
  }
}

/** The cycle of `answer` that fired `level` at `at`, if it did. */
export function firing(
  answer: TicketResult | undefined,
  n: { metric: string; cycle: number; level: string; at: number },
): CycleResult | undefined {
  const cycle = answer?.cycles.find((c) => c.metric === n.metric && c.cycle === n.cycle);
  return cycle?.fired.some((f) => f.level === n.level && f.at === n.at) ? cycle : undefined;
}
