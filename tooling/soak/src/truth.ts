import type { CycleResult, Engine, TicketEvent, TicketResult } from '@breachless/core';
import { cycleRow, cycleSignature } from '@breachless/db';

/** A cycles row as the database holds it (or as the core's result makes it). */
export type StoredCycle = ReturnType<typeof cycleRow>;

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
 * The core's answers for one ticket, from the events the database stored: its cycles at an
 * instant, the levels it fires, and what was known at an earlier instant.
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

  /** The ticket at `now` from every stored event. */
  at(now: number): TicketResult | undefined {
    return this.#evaluate(this.#events, now);
  }

  /** The cycle rows the core makes of the ticket at `now`, as signatures by metric and cycle. */
  rowsAt(now: number): Map<string, string> {
    const result = this.at(now);
    const rows = new Map<string, string>();
    for (const c of result?.cycles ?? [])
      rows.set(
        `${c.metric}|${c.cycle}`,
        cycleSignature(cycleRow('', result as TicketResult, c, new Date(now))),
      );
    return rows;
  }

  /**
   * Whether the level fired at `levelAt` follows from some state of knowledge the system had
   * when it created the notification at `createdAt`: the events received by then, less any
   * received in the 2 s before (a transaction's instant is its start, and what it saw is
   * what had committed when it looked; ingest transactions last milliseconds).
   */
  firedOnKnowledge(
    n: { metric: string; cycle: number; level: string; at: number },
    createdAt: number,
  ): boolean {
    let known = this.#events.filter((e) => e.receivedAt <= createdAt + 1_000).length;
    for (; known >= 0; known--) {
      const last = this.#events[known - 1];
      const result = this.#evaluate(this.#events.slice(0, known), createdAt + 1_000);
      const cycle = result?.cycles.find((c) => c.metric === n.metric && c.cycle === n.cycle);
      if (cycle && firedAt(cycle, n.level) === n.at) return true;
      if (!last || last.receivedAt < createdAt - 2_000) return false;
    }
    return false;
  }

  #evaluate(events: readonly StoredEvent[], now: number): TicketResult | undefined {
    return this.engine.evaluate(
      events.map((e) => e.event),
      now,
    )[0];
  }
}

/** The instant a cycle fired `level`, if it did. */
export function firedAt(cycle: CycleResult, level: string): number | undefined {
  return cycle.fired.find((f) => f.level === level)?.at;
}
